import { iso, isoOrNull } from '../common/time.js';
import type { AccountRow, ApiTokenRow } from './accounts.repository.js';

/** The Kith address of a local account: `username@host[:port]` of this server's public URL. */
export const kithAddressOf = (username: string, publicUrl: string) => `${username}@${new URL(publicUrl).host}`;

export const toAccountDto = (a: AccountRow, publicUrl: string) => ({
  id: a.id,
  username: a.username,
  displayName: a.display_name,
  email: a.email,
  phone: a.phone,
  emailVerified: a.email !== null && a.email_verified_at !== null,
  phoneVerified: a.phone !== null && a.phone_verified_at !== null,
  kithAddress: kithAddressOf(a.username, publicUrl),
  isAdmin: a.is_admin === 1,
  settings: { allowEventGathering: a.allow_event_gathering === 1 },
  createdAt: iso(a.created_at),
});

export const toTokenDto = (t: ApiTokenRow) => ({
  id: t.id,
  name: t.name,
  prefix: t.prefix,
  scope: t.scope,
  createdAt: iso(t.created_at),
  lastUsedAt: isoOrNull(t.last_used_at),
});
