import type { FastifyRequest } from 'fastify';
import type { Readable } from 'node:stream';
import { InboxPacketError, parseInboxPacketXml, type ParsedPacket } from '@kith/sdk';
import type { Config } from '../config/config.js';
import { AppError, errors } from '../common/errors.js';
import { assertNoNul } from '../common/nul-check.js';
import type { InboxPacketInput } from './inbox.service.js';

type Limits = Pick<Config, 'inboxMaxPacketBytes' | 'inboxMaxPictures' | 'inboxMaxPictureBytes'>;

export const XML_TYPES = ['application/xml', 'text/xml'];

const tooLarge = (limit: number) =>
  errors.tooLarge('packet_too_large', `The packet is larger than this server's limit of ${limit} bytes.`, { limitBytes: limit });
const invalid = (message: string) => errors.badRequest('invalid_packet', message);

/**
 * Reads a raw XML body up to `limit` bytes ("cache the packet", seed [0077]): in memory, so a refused
 * packet leaves no file anywhere. Used as the inbox plugin's content-type parser.
 * @throws 413 `packet_too_large` as soon as the body (or its declared length) is over the limit.
 */
export async function readXmlBody(payload: Readable, declaredLength: number, limit: number): Promise<Buffer> {
  if (declaredLength > limit) throw tooLarge(limit);
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of payload as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > limit) {
      payload.destroy();
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function parseXml(xml: string, limits: Limits, references?: ReadonlySet<string>): ParsedPacket {
  try {
    return parseInboxPacketXml(xml, {
      maxBytes: limits.inboxMaxPacketBytes,
      maxPictures: limits.inboxMaxPictures,
      maxPictureBytes: limits.inboxMaxPictureBytes,
      references,
    });
  } catch (e) {
    if (e instanceof InboxPacketError)
      throw e.code === 'invalid_packet' ? errors.badRequest(e.code, e.message) : errors.tooLarge(e.code, e.message);
    throw e;
  }
}

/** The URL names the recipient; a packet naming someone else is refused rather than silently redirected. */
function checkUsername(claimed: string | null, account: string) {
  if (claimed && claimed !== account)
    throw invalid(`The packet is addressed to "${claimed.slice(0, 80)}" but was posted to /inbox/${account}.`);
}

/**
 * Turns an inbox request into the service's packet (docs/architecture.md "Album inbox", the three accepted bodies): an XML packet
 * (`application/xml`, `text/xml`), or multipart/form-data with either a `packet` XML part whose
 * `<picture>` names file parts, or fields `username`, `sender_name`, `sender_address` and `picture` file parts.
 * @throws 415 `unsupported_media_type`, 400 `invalid_packet`, 413 `packet_too_large` / `too_many_pictures`.
 */
export async function readInboxRequest(
  request: FastifyRequest,
  account: string,
  limits: Limits,
): Promise<Omit<InboxPacketInput, 'sourceIp'>> {
  const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
  if (XML_TYPES.includes(type)) {
    const packet = parseXml((request.body as Buffer).toString('utf8'), limits);
    const unresolved = packet.pictures.find((p) => !p.bytes);
    if (unresolved)
      throw invalid(
        `<picture>${unresolved.ref?.slice(0, 80)}</picture> names a file, but an XML body carries no files: embed it as base64.`,
      );
    checkUsername(packet.username, account);
    return {
      account,
      pictures: packet.pictures.map((p) => ({ name: p.name ?? '', bytes: p.bytes! })),
      sender: { name: packet.senderName, address: packet.senderAddress },
    };
  }
  if (!request.isMultipart()) throw errors.unsupportedMediaType('Send the packet as application/xml, text/xml or multipart/form-data.');
  return readMultipart(request, account, limits);
}

async function readMultipart(request: FastifyRequest, account: string, limits: Limits): Promise<Omit<InboxPacketInput, 'sourceIp'>> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limits.inboxMaxPacketBytes) throw tooLarge(limits.inboxMaxPacketBytes);
  const fields = new Map<string, string>();
  const files: { field: string; name: string; bytes: Buffer }[] = [];
  let xml: string | undefined;
  let total = 0;
  const parts = request.parts({
    limits: {
      fileSize: limits.inboxMaxPictureBytes,
      files: limits.inboxMaxPictures + 1,
      fields: 10,
      fieldSize: limits.inboxMaxPacketBytes,
      parts: limits.inboxMaxPictures + 12,
    },
  });
  try {
    for await (const part of parts) {
      if (part.type === 'field') {
        const value = String(part.value);
        assertNoNul(value, part.fieldname);
        total += value.length;
        if (total > limits.inboxMaxPacketBytes) throw tooLarge(limits.inboxMaxPacketBytes);
        if (part.fieldname === 'packet') xml = value;
        else fields.set(part.fieldname, value);
        continue;
      }
      const bytes = await part.toBuffer();
      total += bytes.length;
      if (part.file.truncated) throw errors.tooLarge('packet_too_large', `A picture is larger than ${limits.inboxMaxPictureBytes} bytes.`);
      if (total > limits.inboxMaxPacketBytes) throw tooLarge(limits.inboxMaxPacketBytes);
      if (part.fieldname === 'packet' && xml === undefined) xml = bytes.toString('utf8');
      else {
        assertNoNul(part.filename, `${part.fieldname}.filename`);
        files.push({ field: part.fieldname, name: part.filename ?? '', bytes });
      }
    }
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'FST_FILES_LIMIT' || code === 'FST_PARTS_LIMIT')
      throw errors.tooLarge('too_many_pictures', `A packet carries at most ${limits.inboxMaxPictures} pictures.`);
    if (code === 'FST_FIELDS_LIMIT') throw invalid('The form has more fields than a packet uses.');
    if (e instanceof AppError) throw e;
    // busboy's parse errors (no boundary, truncated part, malformed header): the body, not the server, is at fault.
    throw invalid(`The multipart body is malformed: ${(e as Error).message}`);
  }
  if (xml !== undefined) {
    const byName = new Map(files.map((f) => [f.name, f.bytes]));
    const packet = parseXml(xml, limits, new Set(byName.keys()));
    checkUsername(packet.username, account);
    const pictures = packet.pictures.map((p) => {
      const bytes = p.bytes ?? byName.get(p.ref!);
      if (!bytes) throw invalid(`<picture>${p.ref?.slice(0, 80)}</picture> names no file part of this form.`);
      return { name: p.name ?? '', bytes };
    });
    return { account, pictures, sender: { name: packet.senderName, address: packet.senderAddress } };
  }
  checkUsername(fields.get('username')?.trim() || null, account);
  const pictures = files.filter((f) => f.field === 'picture');
  if (!pictures.length) throw invalid('The form holds no picture: send one or more `picture` file parts (or a `packet` XML part).');
  if (pictures.length > limits.inboxMaxPictures)
    throw errors.tooLarge('too_many_pictures', `A packet carries at most ${limits.inboxMaxPictures} pictures.`);
  return {
    account,
    pictures: pictures.map((f) => ({ name: f.name, bytes: f.bytes })),
    sender: { name: fields.get('sender_name')?.trim() || null, address: fields.get('sender_address')?.trim() || null },
  };
}
