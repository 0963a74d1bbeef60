import { z } from 'zod';

const label = z.string().trim().min(1).max(120).describe('A note for the owner, e.g. "Family chat"');
const password = z.string().min(4).max(200).describe('Visitors must enter it; stored as an argon2id hash');
const expiresAt = z.iso.datetime({ offset: true }).describe('ISO time after which the link stops working');

export const albumLinkSchema = z
  .object({
    id: z.uuid(),
    albumId: z.uuid(),
    albumName: z.string(),
    key: z.string().describe('The capability in the URL (22 base64url characters)'),
    url: z.string().describe('The page to send: KITH_PUBLIC_URL + /l/{key}'),
    label: z.string().nullable(),
    hasPassword: z.boolean(),
    allowDownload: z.boolean().describe('Visitors may download the originals'),
    allowUpload: z.boolean().describe('Visitors may add photos, credited to the name they give'),
    expiresAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
    state: z.enum(['active', 'expired', 'revoked']),
    createdAt: z.string(),
  })
  .meta({ id: 'AlbumLink' });

export const createAlbumLinkBody = z.object({
  label: label.optional(),
  password: password.optional(),
  expiresAt: expiresAt.optional(),
  allowDownload: z.boolean().optional().describe('Default true'),
  allowUpload: z.boolean().optional().describe('Default false'),
});

export const updateAlbumLinkBody = z.object({
  label: label.nullable().optional(),
  password: password.nullable().optional().describe('null removes the password; a new one ends unlocked visitors’ access'),
  expiresAt: expiresAt.nullable().optional().describe('null: never expires'),
  allowDownload: z.boolean().optional(),
  allowUpload: z.boolean().optional(),
});

export const linkIdParams = z.object({ linkId: z.uuid({ error: 'must be a UUID' }) });
export const linkKeyParams = z.object({
  key: z.string().regex(/^[A-Za-z0-9_-]{22}$/, { error: 'must be a link key (22 base64url characters)' }),
});
export const linkAssetParams = linkKeyParams.extend({
  assetId: z.uuid({ error: 'must be a UUID' }),
  kind: z.enum(['original', 'thumbnail', 'preview']),
});

export const unlockBody = z.object({ password: z.string().min(1).max(200) });

export const publicAlbumSchema = z
  .object({
    album: z.object({
      name: z.string(),
      ownerName: z.string().describe('Display name of whoever shared it'),
      assetCount: z.number().int(),
      startAt: z.string().nullable(),
      endAt: z.string().nullable(),
    }),
    allowDownload: z.boolean(),
    allowUpload: z.boolean(),
    expiresAt: z.string().nullable(),
    assets: z.array(
      z.object({
        id: z.uuid(),
        mime: z.string(),
        width: z.number().int(),
        height: z.number().int(),
        capturedAt: z.string(),
        addedBy: z.string().describe('The uploader’s given name for link uploads, else the member’s display name'),
        viaLink: z.boolean().describe('Uploaded by a visitor through a public link'),
        thumbnailUrl: z.string(),
        previewUrl: z.string(),
        originalUrl: z.string().nullable().describe('null when the link does not allow download'),
      }),
    ),
  })
  .meta({ id: 'PublicAlbum', description: 'An album as a visitor of a public link sees it: no location, camera or account ids' });

export const memberRole = z.enum(['viewer', 'contributor']);
export const inviteMemberBody = z
  .object({
    username: z.string().trim().min(1).max(64).optional().describe('An account on this server, as typed (the Kith address)'),
    contactId: z.uuid().optional().describe('One of my contacts; invited only through its verified account'),
    role: memberRole,
    confirm: z.boolean().optional().describe('Invite a contact whose match is unproven (after a 409 `confirmation_required`)'),
  })
  .refine((b) => (b.username === undefined) !== (b.contactId === undefined), { error: 'give either username or contactId' });
export const memberRoleBody = z.object({ role: memberRole });
export const memberParams = z.object({ id: z.uuid({ error: 'must be a UUID' }), accountId: z.uuid({ error: 'must be a UUID' }) });
export const albumMemberSchema = z
  .object({ id: z.uuid(), username: z.string(), displayName: z.string(), role: memberRole })
  .meta({ id: 'AlbumMember' });
