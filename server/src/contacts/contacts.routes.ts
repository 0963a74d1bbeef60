import { serializerCompiler, type FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { sendBytes } from '../http/send-bytes.js';
import { contentTypeCharset, CONTACTS_PAGE_DEFAULT, CONTACTS_PAGE_MAX, MAX_CARDS_PER_IMPORT, VCARD_IMPORT_LIMIT } from '@kith/address-book';
import { requirePrincipal } from '../http/auth.js';
import { binaryResponse, errorResponses, errorSchema, idParams } from '../http/common.schema.js';
import { errors } from '../common/errors.js';
import { toContactDto } from './contacts.mapper.js';
import {
  contactPageSchema,
  contactSchema,
  contactsQuery,
  createContactBody,
  importReportSchema,
  updateContactBody,
} from './contacts.schema.js';
import type { ContactsService } from './contacts.service.js';
import { contactGroupsRoutes } from './contact-groups.routes.js';

/** vCard media types: RFC 6350 §10.1 (`text/vcard`), and the older names phones and browsers still send. */
const VCARD_TYPES = ['text/vcard', 'text/x-vcard', 'text/directory'];

const contactResponse = z.object({ contact: contactSchema });

/**
 * The import's 200 report is written as built (`ImportReport` has exactly the schema's fields), other
 * answers as everywhere: zod's check of 20,000 cards held the event loop 57–120 ms, every other
 * request waiting behind it.
 */
const reportAsBuilt: typeof serializerCompiler = (route) =>
  route.httpStatus === '200' ? (data) => JSON.stringify(data) : serializerCompiler(route);

/** The address book: CRUD, reference photo, vCard import and export. Every route needs a login. */
export function contactsRoutes(contacts: ContactsService): FastifyPluginAsyncZod {
  return async (app) => {
    // Scoped to this plugin: raw vCard bodies arrive as bytes, decoded by the reader (vcard-charset.ts) with the Content-Type charset.
    app.addContentTypeParser(VCARD_TYPES, { parseAs: 'buffer', bodyLimit: VCARD_IMPORT_LIMIT }, (_req, body, done) => done(null, body));
    await app.register(contactGroupsRoutes(contacts));

    app.get(
      '/api/contacts',
      {
        schema: {
          tags: ['contacts'],
          summary: 'My contacts, by name, a page at a time',
          description:
            `Ordered by name (case-insensitive), then id. At most \`limit\` contacts (default ${CONTACTS_PAGE_DEFAULT}, at most ${CONTACTS_PAGE_MAX}); ` +
            'pass `nextCursor` as `cursor` for the next page (null on the last). `q` filters by name, phone, e-mail, Kith address or linked username; ' +
            '`group` keeps the members of one of my contact groups (GET /api/contact-groups). ' +
            'Errors: 400 `invalid_cursor`, 400 `invalid_request`, 404 `not_found` (no such group of mine).',
          querystring: contactsQuery,
          response: { 200: contactPageSchema, ...errorResponses },
        },
      },
      async (request) => {
        const page = await contacts.list(requirePrincipal(request), request.query);
        return { ...page, contacts: page.contacts.map(toContactDto) };
      },
    );

    app.post(
      '/api/contacts',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Add a contact',
          description:
            "Phones are normalised to E.164 (libphonenumber-js; numbers without a country code use the server's default region), " +
            'e-mails lower-cased. The contact links to the local account whose Kith address it holds, or whose e-mail or phone it holds ' +
            'and that account verified; a match on an unverified one becomes a link question (GET /api/contacts/link-questions). ' +
            'Errors: 400 `invalid_phone` (details.phone), 400 `invalid_request`.',
          body: createContactBody,
          response: { 201: contactResponse, ...errorResponses },
        },
      },
      async (request, reply) =>
        reply.status(201).send({ contact: toContactDto(await contacts.create(requirePrincipal(request), request.body)) }),
    );

    app.post(
      '/api/contacts/import',
      {
        bodyLimit: VCARD_IMPORT_LIMIT,
        // Fastify types it with the route's whole schema; it is called with each answer's schema, as the app's.
        serializerCompiler: reportAsBuilt as never,
        schema: {
          tags: ['contacts'],
          summary: 'Import a vCard file (2.1, 3.0 or 4.0; many cards)',
          description:
            'Body: the raw file as `text/vcard` (or `text/x-vcard`), or multipart/form-data with the file in a `file` part; at most 20 MB. ' +
            'Reads FN/N/ORG, TEL, EMAIL, URL, IMPP, X-KITH-ADDRESS and PHOTO (inline base64 or a `data:` URI; it becomes the reference photo). ' +
            'Charsets: a UTF-16 byte-order mark, the Content-Type `charset`, and `CHARSET=` on any value are honoured; otherwise UTF-8, ' +
            'or Windows-1252 for bytes that are not valid UTF-8. Quoted-printable is decoded in any version. ' +
            'A malformed card is skipped as `invalid_card` (with `line`) and the rest still imported; a file whose structure is broken ' +
            '(text outside a card, a card cut off, no card) imports nothing and answers 400 `invalid_vcard` with details `{card, line}` (1-based). ' +
            `A file of more than ${MAX_CARDS_PER_IMPORT} cards is refused before it is read: 422 \`too_many_cards\` with details \`{cards, limit}\`. ` +
            'Otherwise each card is reported `imported`, `linked` (imported and linked to a local account) or `skipped` ' +
            '(`no_name`, `duplicate`: same name and a shared phone/e-mail/Kith address, `invalid_phone`: no readable phone and nothing else to reach them by, ' +
            '`over_limit`: a line, parameter, property or value count over the limits of docs/security.md "Address-book parsing limits"). ' +
            'All or nothing: the contacts the report lists are committed, or none is (a failed write answers an error with nothing imported). The file is parsed in a worker thread. ' +
            'Errors: 400 `invalid_vcard`, 400 `no_file`, 413 `payload_too_large`, 415 `unsupported_media_type`, 422 `too_many_cards`, 503 `vcard_busy`.',
          consumes: ['text/vcard', 'text/x-vcard', 'multipart/form-data'],
          response: {
            200: z.object({ report: importReportSchema }),
            413: errorSchema,
            415: errorSchema,
            422: errorSchema,
            503: errorSchema,
            ...errorResponses,
          },
        },
      },
      async (request) => {
        const principal = requirePrincipal(request);
        let bytes: Buffer;
        let charset: string | null;
        if (request.isMultipart()) {
          const file = await request.file({ limits: { fileSize: VCARD_IMPORT_LIMIT } });
          if (!file) throw errors.badRequest('no_file', 'The form holds no file: send the .vcf file in a `file` part.');
          bytes = await file.toBuffer();
          charset = contentTypeCharset(file.mimetype);
        } else if (Buffer.isBuffer(request.body)) {
          bytes = request.body;
          charset = contentTypeCharset(request.headers['content-type']);
        } else throw errors.unsupportedMediaType('Send the vCard file as text/vcard, or as multipart/form-data with a `file` part.');
        return { report: await contacts.import(principal, bytes, charset) };
      },
    );

    app.get(
      '/api/contacts/export',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Download all my contacts as vCard 4.0',
          description: 'text/vcard (RFC 6350): FN, TEL as tel: URIs in E.164, EMAIL, URL, IMPP, X-KITH-ADDRESS and PHOTO as a data: URI.',
          response: { 200: binaryResponse('A vCard 4.0 file (RFC 6350) of every contact', 'text/vcard'), 401: errorSchema },
        },
      },
      async (request, reply) => {
        const text = await contacts.exportVCard(requirePrincipal(request));
        return reply
          .header('content-type', 'text/vcard; charset=utf-8')
          .header('content-disposition', 'attachment; filename="kith-contacts.vcf"')
          .send(text);
      },
    );

    app.get(
      '/api/contacts/:id',
      {
        schema: {
          tags: ['contacts'],
          summary: 'One of my contacts',
          description: 'Errors: 404 `not_found`.',
          params: idParams,
          response: { 200: contactResponse, ...errorResponses },
        },
      },
      async (request) => ({ contact: toContactDto(await contacts.get(requirePrincipal(request), request.params.id)) }),
    );

    app.patch(
      '/api/contacts/:id',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Change a contact',
          description:
            'Only the given fields change; lists replace the old ones. The link is recomputed. Errors: 404 `not_found`, 400 `invalid_phone`.',
          params: idParams,
          body: updateContactBody,
          response: { 200: contactResponse, ...errorResponses },
        },
      },
      async (request) => ({ contact: toContactDto(await contacts.update(requirePrincipal(request), request.params.id, request.body)) }),
    );

    app.delete(
      '/api/contacts/:id',
      {
        schema: {
          tags: ['contacts'],
          summary: 'Delete a contact',
          description: 'Errors: 404 `not_found`.',
          params: idParams,
          response: { 204: z.null(), ...errorResponses },
        },
      },
      async (request, reply) => {
        await contacts.remove(requirePrincipal(request), request.params.id);
        return reply.status(204).send(null);
      },
    );

    app.get(
      '/api/contacts/:id/photo',
      {
        schema: {
          tags: ['contacts'],
          summary: "The contact's reference photo (image bytes)",
          description: "Content-Type is the image's own (JPEG, PNG, …). Errors: 404 `not_found` (no such contact, or it has no photo).",
          params: idParams,
          response: { 200: binaryResponse('The photo', 'image/*'), 401: errorSchema, 404: errorSchema },
        },
      },
      async (request, reply) => {
        return sendBytes(reply, await contacts.photo(requirePrincipal(request), request.params.id), 3600);
      },
    );
  };
}
