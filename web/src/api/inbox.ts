/** The album inbox: pictures others sent me, my inbox policy, blocks and the dropped log (typed SDK calls). */
import { kith, unwrap } from './client';
import type { Schemas } from '@kith/sdk';

export type InboxItem = Schemas['InboxItem'];
export type InboxPolicy = Schemas['InboxSettings']['policy'];
export type InboxBlock = Schemas['InboxBlock'];
export type InboxDropped = Schemas['InboxDropped'];

export const inboxApi = {
  items: async (before?: string) => unwrap(kith.GET('/api/inbox', { params: { query: { limit: 60, ...(before ? { before } : {}) } } })),
  settings: async () => unwrap(kith.GET('/api/inbox/settings')),
  setPolicy: async (policy: InboxPolicy) => unwrap(kith.PUT('/api/inbox/settings', { body: { policy } })),
  blocks: async (): Promise<InboxBlock[]> => (await unwrap(kith.GET('/api/inbox/blocks'))).blocks,
  addBlock: async (kind: InboxBlock['kind'], value: string): Promise<InboxBlock> =>
    unwrap(kith.POST('/api/inbox/blocks', { body: { kind, value } })),
  removeBlock: async (id: string): Promise<void> => {
    await unwrap(kith.DELETE('/api/inbox/blocks/{id}', { params: { path: { id } } }));
  },
  dropped: async (): Promise<InboxDropped> => unwrap(kith.GET('/api/inbox/dropped')),
};

/** What a refusal code means, for people. */
export const DROP_REASONS: Record<string, string> = {
  face_not_found: 'Your face was not in the picture',
  unknown_account: 'Addressed to no account here',
  inbox_closed: 'Inbox turned off',
  sender_not_allowed: 'Sender not in your contacts',
  sender_unverified: 'Unverified sender (could not prove its address)',
  sender_blocked: 'Blocked sender or host',
  no_reference_face: 'You had no reference face yet',
  invalid_image: 'Not a readable image',
  image_too_large: 'Image too large',
  unsupported_media_type: 'Not an image Kith reads',
};

export type SigningKey = Schemas['SigningKey'];
export type IssuedSigningKey = Schemas['IssuedSigningKey'];

/** Keys that sign my inbox packets (RFC 9421): this server's own, and those issued to my terminals for `kith share`. */
export const signingKeysApi = {
  list: async (): Promise<SigningKey[]> => (await unwrap(kith.GET('/api/me/signing-keys'))).keys,
  /** The private key is only in this answer. */
  issue: async (name: string): Promise<IssuedSigningKey> => unwrap(kith.POST('/api/me/signing-keys', { body: { name } })),
  revoke: async (id: string): Promise<void> => {
    await unwrap(kith.DELETE('/api/me/signing-keys/{id}', { params: { path: { id } } }));
  },
};
