import { z } from 'zod';
import {
  KITH_ADDRESS,
  normaliseKithAddress,
  CONTACTS_PAGE_DEFAULT,
  CONTACTS_PAGE_MAX,
  MAX_CONTACT_NAME_CHARS,
  MAX_EMAIL_CHARS,
  MAX_PHONE_CHARS,
  MAX_URL_CHARS,
  MAX_VALUES_PER_FIELD,
} from '@kith/address-book';

const kithAddress = z
  .string()
  .trim()
  .toLowerCase()
  .regex(KITH_ADDRESS, 'use user@host or user@host:port')
  .refine((v) => normaliseKithAddress(v) !== null, 'use user@host or user@host:port with a host and port (1–65535) a URL can hold')
  .describe('Kith address `user@host[:port]` of the person, on this server or another');
const httpUrl = z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(MAX_URL_CHARS);

export const contactSchema = z
  .object({
    id: z.uuid(),
    name: z.string(),
    phones: z.array(z.string()).describe('E.164 (ITU-T), e.g. +14155550100'),
    otherPhones: z
      .array(z.string())
      .describe(
        "Numbers kept as written from an imported card: no country code and not a valid number of the server's default region " +
          '(a local number from abroad); Kith does not guess their country. Not used for linking.',
      ),
    emails: z.array(z.string()).describe('lower-cased'),
    urls: z.array(z.string()).describe('Other web links and IMPP URIs (xmpp:, sip:…) from the card'),
    kithAddress: z.string().nullable(),
    albumUrl: z.string().nullable().describe('Link to a shared photo album of this person'),
    photoUrl: z.string().nullable().describe('`/api/contacts/{id}/photo` when the contact has a reference photo'),
    photoNote: z
      .string()
      .nullable()
      .describe(
        'Why the photo may match poorly as a reference face (e.g. several faces, the largest kept; face small; no face), ' +
          'from the tolerant analysis of a vCard PHOTO or upload; null when fine or not analysed yet',
      ),
    linkedAccount: z
      .object({ id: z.uuid(), username: z.string(), displayName: z.string() })
      .nullable()
      .describe(
        'The local account this contact is linked to: by the Kith address the owner typed or imported, a verified e-mail or phone, or a link question the owner answered Yes',
      ),
    mutual: z.boolean().describe('The linked account also holds me as a contact (linked back)'),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .meta({ id: 'Contact' });

export const createContactBody = z.object({
  name: z.string().trim().min(1).max(MAX_CONTACT_NAME_CHARS),
  phones: z.array(z.string().max(MAX_PHONE_CHARS)).max(MAX_VALUES_PER_FIELD).optional().describe('Any common notation; stored as E.164'),
  emails: z.array(z.email().max(MAX_EMAIL_CHARS)).max(MAX_VALUES_PER_FIELD).optional(),
  urls: z.array(z.string().max(MAX_URL_CHARS)).max(MAX_VALUES_PER_FIELD).optional(),
  kithAddress: kithAddress.nullable().optional(),
  albumUrl: httpUrl.nullable().optional(),
});

export const updateContactBody = createContactBody.partial();

export const contactsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(CONTACTS_PAGE_MAX).default(CONTACTS_PAGE_DEFAULT).describe('Contacts per page'),
  cursor: z.string().max(1000).optional().describe('`nextCursor` of the previous page'),
  q: z
    .string()
    .trim()
    .max(MAX_CONTACT_NAME_CHARS)
    .optional()
    .describe('Only contacts whose name, phone, e-mail, Kith address or linked username contains this'),
  group: z.uuid({ error: 'must be a UUID' }).optional().describe('Only the members of this contact group of mine'),
});

export const contactPageSchema = z.object({
  contacts: z.array(contactSchema),
  nextCursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
  total: z.number().int().describe('All my contacts (not only this page or the matches)'),
  linked: z.number().int().describe('Of them, linked to an account on this server'),
});

export const importCardSchema = z
  .object({
    index: z.number().int().describe('1-based position of the card in the file'),
    line: z.number().int().optional().describe('For `invalid_card`: the 1-based physical line of the problem'),
    name: z.string().nullable(),
    status: z
      .enum(['imported', 'linked', 'skipped', 'group'])
      .describe('`linked`: imported and linked to a local account; `group`: a group card, now the contact group `groupId`'),
    code: z
      .enum(['no_name', 'invalid_phone', 'duplicate', 'over_limit', 'invalid_card'])
      .optional()
      .describe(
        'Why it was skipped (stable); `over_limit`: the card breaks a limit of docs/security.md "Address-book parsing limits"; ' +
          '`invalid_card`: the card is malformed (`line`, and `reason` naming the problem), the other cards are still read',
      ),
    reason: z.string().optional().describe('Why it was skipped, or what of it was left out, for people'),
    contactId: z.uuid().optional(),
    groupId: z.uuid().optional().describe('For a group card: the contact group (GET /api/contact-groups/{id})'),
  })
  .meta({ id: 'ContactImportCard' });

export const importReportSchema = z
  .object({
    imported: z.number().int().describe('Cards imported without a link (status `imported`)'),
    linked: z.number().int().describe('Cards imported and linked to a local account (status `linked`)'),
    skipped: z.number().int(),
    groups: z.number().int().describe('Group cards (vCard 4.0 KIND:group, Apple X-ADDRESSBOOKSERVER-KIND:group), each now a contact group'),
    cards: z.array(importCardSchema),
  })
  .meta({ id: 'ContactImportReport' });
