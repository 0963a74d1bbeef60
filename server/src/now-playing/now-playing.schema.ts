import { z } from 'zod';
import { personSchema } from '../assets/assets.schema.js';
import { MAX_CARDS_PER_IMPORT, MAX_VALUES_PER_FIELD, VCARD_IMPORT_LIMIT } from '@kith/address-book';

const text = (max: number) => z.string().trim().min(1).max(max);
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2000);

/**
 * Body of `POST /api/now-playing` (seed CN102664943A claims 1 and 6: the terminal sends the media
 * resource it plays). Field names as in the public now-playing API; times in milliseconds.
 */
export const playBody = z
  .object({
    title: text(500),
    artist: text(500),
    album: z.string().trim().max(500).nullish(),
    media_type: z.enum(['audio', 'video']).default('audio'),
    duration_ms: z
      .number()
      .int()
      .min(1000)
      .max(24 * 3600_000)
      .nullish()
      .describe('Length of the item, ms; unknown → it stays "now playing" for the server default (10 min)'),
    position_ms: z
      .number()
      .int()
      .min(0)
      .max(24 * 3600_000)
      .default(0)
      .describe('Playback position now, ms'),
    source_url: httpUrl.nullish().describe('Where the item can be played or bought ("find it")'),
    cover_url: httpUrl.nullish().describe('Cover art URL; friends’ browsers load it directly'),
    player: z.string().trim().max(100).nullish().describe('Player name, e.g. "mpd" or "VLC"'),
  })
  .describe('What I play now');

export const findLinkSchema = z.object({ label: z.string(), url: z.string() }).meta({ id: 'FindLink' });

export const playSchema = z
  .object({
    title: z.string(),
    artist: z.string(),
    album: z.string().nullable(),
    media_type: z.enum(['audio', 'video']),
    duration_ms: z.number().int().nullable(),
    position_ms: z.number().int().describe('Position at `position_at`; add the time since to get the position now'),
    position_at: z.string().describe('ISO time the position was reported'),
    started_at: z.string().describe('ISO time playback began (position 0)'),
    expires_at: z.string().describe('ISO time it stops being "now playing" unless renewed'),
    source_url: z.string().nullable(),
    cover_url: z.string().nullable(),
    player: z.string().nullable(),
    via: z.enum(['kith', 'listenbrainz', 'lastfm', 'audioscrobbler']).describe('Which API reported it'),
    private: z.boolean().describe('Submitted in a private session or with sharing off: only its owner sees it'),
    find: z.array(findLinkSchema).describe('"Find it": source_url first when known, then the configured searches for "artist – title"'),
  })
  .meta({ id: 'NowPlaying' });

export const listenSchema = z
  .object({
    id: z.uuid(),
    user: personSchema,
    title: z.string(),
    artist: z.string(),
    album: z.string().nullable(),
    media_type: z.enum(['audio', 'video']),
    duration_ms: z.number().int().nullable(),
    listened_at: z.string().describe('ISO time the play started'),
    source_url: z.string().nullable(),
    cover_url: z.string().nullable(),
    player: z.string().nullable(),
    via: z.enum(['kith', 'listenbrainz', 'lastfm', 'audioscrobbler']),
    find: z.array(findLinkSchema),
  })
  .meta({ id: 'Listen' });

export const friendSchema = z
  .object({ user: personSchema, playing: playSchema.nullable(), recent: z.array(listenSchema).describe('Newest first, at most 5') })
  .meta({ id: 'NowPlayingFriend' });

export const settingsSchema = z
  .object({
    sharing: z.boolean().describe('Off: nobody sees my plays or listens'),
    require_mutual: z.boolean().describe('On: my plays reach only people whose numbers are also in my book'),
    private_session_until: z.string().nullable().describe('ISO end of the private session; null = none'),
    hidden: z.array(personSchema).describe('People who never see my plays'),
  })
  .meta({ id: 'NowPlayingSettings' });

export const settingsBody = z.object({
  sharing: z.boolean().optional(),
  require_mutual: z.boolean().optional(),
  private_session: z.boolean().optional().describe('true starts a private session (ends after `private_session_minutes`), false ends it'),
  private_session_minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .default(360),
  hidden: z.array(z.uuid()).max(5000).optional().describe('Replaces the hidden-from list (account ids)'),
});

const contactEntry = z.object({
  name: z.string().trim().max(300).optional(),
  phone: z.string().trim().max(64).optional(),
  phones: z.array(z.string().trim().max(64)).max(MAX_VALUES_PER_FIELD).optional(),
});

export const associationBody = z
  .object({
    self: z.object({ name: z.string().trim().min(1).max(300), phone: z.string().trim().min(3).max(64) }).describe('My own name and number'),
    contacts: z.array(contactEntry).max(MAX_CARDS_PER_IMPORT).optional().describe('Address book as JSON'),
    vcard: z
      .string()
      .max(VCARD_IMPORT_LIMIT)
      .optional()
      .describe(
        `Address book as a vCard 2.1/3.0/4.0 file (text); at most ${MAX_CARDS_PER_IMPORT} cards (422 \`too_many_cards\`), ` +
          'within the limits of docs/security.md "Address-book parsing limits"',
      ),
    region: z
      .string()
      .regex(/^[A-Z]{2}$/)
      .optional()
      .describe('ISO 3166 region for numbers without a country code; the server default otherwise'),
    require_mutual: z.boolean().optional(),
  })
  .refine((b) => !(b.contacts && b.vcard), { message: 'send either `contacts` or `vcard`, not both', path: ['vcard'] });

export const associationSchema = z
  .object({
    self: z.object({
      name: z.string().nullable(),
      phone_registered: z.boolean(),
      phone_verified: z.boolean().describe('Only a verified number (SMS code or admin) links me to friends; see /api/me/phone'),
    }),
    book: z.object({
      numbers: z.number().int().describe('Distinct numbers kept (as keyed hashes)'),
      skipped: z.array(z.string()).optional().describe('Entries that held no readable number (this upload only)'),
      on_kith: z.number().int().describe('How many of them belong to a Kith account'),
    }),
    require_mutual: z.boolean(),
    reaches_me: z.array(personSchema).describe('People whose plays I see (their number is in my book)'),
    i_reach: z.array(personSchema).describe('People who see my plays (my number is in their book; minus hidden, mutual rule applied)'),
    associated_at: z.string().nullable(),
  })
  .meta({ id: 'NowPlayingAssociation' });

export const listensQuery = z.object({
  user: z.uuid().optional().describe('A friend’s account id; mine when absent'),
  limit: z.coerce.number().int().min(1).max(100).default(25),
  before: z.iso.datetime().optional().describe('Only listens that started before this ISO time'),
});
