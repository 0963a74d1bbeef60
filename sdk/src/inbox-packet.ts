/**
 * The album inbox's XML data packet (seed CN103369031A [0063]–[0067], [0072]–[0078]): builder and
 * hardened parser, shared by the CLI (`kith share`), server-to-server delivery and the inbox itself.
 *
 * ```xml
 * <packet>                                  <!-- root optional: bare sibling elements are accepted too -->
 *   <address>http://kith-b.example:2342</address>
 *   <username>bob</username>
 *   <sender_name>Alice</sender_name>        <!-- optional, Kith extension -->
 *   <sender_address>alice@kith-a.example</sender_address>
 *   <picture name="party.jpg">BASE64…</picture>   <!-- or <picture>sample.png</picture> naming a multipart file part -->
 * </packet>
 * ```
 * The parser never resolves entities (`processEntities: false`) and refuses any DOCTYPE/ENTITY declaration
 * outright, so XXE and "billion laughs" packets fail before any expansion; size, depth and picture count are capped.
 */
import { XMLBuilder, XMLParser, XMLValidator } from 'fast-xml-parser';

/** Caps applied while parsing; sizes in bytes (the XML size counts UTF-16 code units, ≤ UTF-8 bytes for base64). */
export interface InboxPacketLimits {
  /** Largest XML document accepted. */
  maxBytes: number;
  /** Most `<picture>` elements accepted. */
  maxPictures: number;
  /** Largest decoded picture. */
  maxPictureBytes: number;
  /** Deepest element nesting (default 8: the packet needs 2). */
  maxDepth?: number;
  /** File part names of the enclosing multipart body: a `<picture>` whose text is one of them is a reference. */
  references?: ReadonlySet<string>;
}

/** One `<picture>`: inline bytes (base64 content) or a reference to a multipart file part. */
export interface ParsedPacketPicture {
  /** `name` attribute, else the reference, else null. */
  name: string | null;
  /** Decoded base64 content, or null when the picture is a reference. */
  bytes: Uint8Array | null;
  /** File part name this picture points at (the document's `<picture>sample.png</picture>`), or null. */
  ref: string | null;
}

export interface ParsedPacket {
  address: string | null;
  username: string | null;
  senderName: string | null;
  senderAddress: string | null;
  pictures: ParsedPacketPicture[];
}

export interface BuildInboxPacketInput {
  /** The album server's address (`http://host:port`), as in the document. */
  address: string;
  /** Recipient account name on that server. */
  username: string;
  senderName?: string | null;
  senderAddress?: string | null;
  /** Pictures embedded as base64; with `embed: false` only their names are written (multipart references). */
  pictures: { name: string; bytes?: Uint8Array }[];
  /** Default true. False writes `<picture>name</picture>` for a multipart body that carries the files as parts. */
  embed?: boolean;
}

/** Codes match the inbox's HTTP error codes (`invalid_packet` 400, `packet_too_large`/`too_many_pictures` 413). */
export type InboxPacketErrorCode = 'invalid_packet' | 'packet_too_large' | 'too_many_pictures';

/** A packet the parser refuses; `status` is the HTTP status the inbox answers with. */
export class InboxPacketError extends Error {
  readonly status: number;
  constructor(
    readonly code: InboxPacketErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'InboxPacketError';
    this.status = code === 'invalid_packet' ? 400 : 413;
  }
}

const WRAPPER = 'kith-packet-wrapper';
// Linear-time checks only (no backtracking regex on a 25 MB string): any char outside base64 marks a reference.
const NOT_BASE64 = /[^A-Za-z0-9+/=\s]/;
const PADDING_INSIDE = /=[^=]/;
const FIELDS = ['address', 'username', 'sender_name', 'sender_address'] as const;

/** Builds the XML packet (UTF-8 text, entities escaped by fast-xml-parser's builder). */
export function buildInboxPacketXml(input: BuildInboxPacketInput): string {
  const embed = input.embed ?? true;
  const packet: Record<string, unknown> = { address: input.address, username: input.username };
  if (input.senderName) packet.sender_name = input.senderName;
  if (input.senderAddress) packet.sender_address = input.senderAddress;
  packet.picture = input.pictures.map((p) => {
    if (!embed) return { '#text': p.name };
    if (!p.bytes) throw new Error(`picture ${p.name} has no bytes to embed`);
    return { '@_name': p.name, '#text': toBase64(p.bytes) };
  });
  const builder = new XMLBuilder({ ignoreAttributes: false, attributeNamePrefix: '@_', format: false, processEntities: true });
  return `<?xml version="1.0" encoding="UTF-8"?>${builder.build({ packet })}`;
}

/**
 * Parses a packet, root-wrapped (`<packet>…</packet>`, any root name) or bare siblings.
 * Throws {@link InboxPacketError}: `invalid_packet` (malformed, DOCTYPE/ENTITY, too deep, no picture, bad base64),
 * `packet_too_large` (document or one decoded picture over its cap), `too_many_pictures`.
 */
export function parseInboxPacketXml(xml: string, limits: InboxPacketLimits): ParsedPacket {
  if (xml.length > limits.maxBytes) {
    throw new InboxPacketError('packet_too_large', `The packet is larger than ${limits.maxBytes} bytes.`);
  }
  // Refused rather than ignored: a declared entity is the only way to XXE or entity-expansion bombs.
  if (/<!(DOCTYPE|ENTITY)/i.test(xml)) {
    throw new InboxPacketError('invalid_packet', 'DOCTYPE and ENTITY declarations are not accepted in a packet.');
  }
  const body = xml.replace(/^\uFEFF?\s*<\?xml[^>]*\?>/, '');
  const wrapped = `<${WRAPPER}>${body}</${WRAPPER}>`;
  const maxDepth = (limits.maxDepth ?? 8) + 1;
  const valid = XMLValidator.validate(wrapped);
  if (valid !== true) {
    throw new InboxPacketError('invalid_packet', `The packet is not well-formed XML: ${valid.err.msg} (line ${valid.err.line}).`);
  }
  let tree: Record<string, unknown>;
  try {
    const parser = new XMLParser({
      processEntities: false,
      htmlEntities: false,
      ignoreAttributes: false,
      attributeNamePrefix: '@_',
      parseTagValue: false,
      parseAttributeValue: false,
      trimValues: true,
      ignoreDeclaration: true,
      ignorePiTags: true,
      maxNestedTags: maxDepth,
      isArray: (name) => name === 'picture',
    });
    tree = parser.parse(wrapped) as Record<string, unknown>;
  } catch (err) {
    throw new InboxPacketError('invalid_packet', `The packet could not be parsed: ${(err as Error).message}`);
  }
  return readPacket(pickRoot(tree[WRAPPER]), limits);
}

/** The single element under the wrapper when it is a root (`<packet>`), else the wrapper itself (bare siblings). */
function pickRoot(node: unknown): Record<string, unknown> {
  if (!isRecord(node)) throw new InboxPacketError('invalid_packet', 'The packet is empty.');
  const keys = Object.keys(node).filter((k) => !k.startsWith('@_') && k !== '#text');
  const [onlyKey] = keys;
  if (keys.length === 1 && onlyKey !== undefined && !FIELDS.includes(onlyKey as (typeof FIELDS)[number]) && onlyKey !== 'picture') {
    const only = node[onlyKey];
    if (isRecord(only)) return only;
  }
  return node;
}

function readPacket(root: Record<string, unknown>, limits: InboxPacketLimits): ParsedPacket {
  const raw = root.picture;
  const list = Array.isArray(raw) ? raw : [];
  if (list.length === 0) throw new InboxPacketError('invalid_packet', 'The packet has no <picture> element.');
  if (list.length > limits.maxPictures) {
    throw new InboxPacketError('too_many_pictures', `A packet carries at most ${limits.maxPictures} pictures (got ${list.length}).`);
  }
  return {
    address: text(root.address, 'address'),
    username: text(root.username, 'username'),
    senderName: text(root.sender_name, 'sender_name'),
    senderAddress: text(root.sender_address, 'sender_address'),
    pictures: list.map((p, i) => readPicture(p, i, limits)),
  };
}

function readPicture(node: unknown, index: number, limits: InboxPacketLimits): ParsedPacketPicture {
  const attrName = isRecord(node) && typeof node['@_name'] === 'string' ? decodeXmlRefs(node['@_name']) : null;
  const content = isRecord(node) ? node['#text'] : node;
  if (isRecord(content) || Array.isArray(content)) {
    throw new InboxPacketError('invalid_packet', `<picture> ${index + 1} must hold base64 content or a file name.`);
  }
  const value = content === undefined || content === null ? '' : String(content);
  if (value === '') throw new InboxPacketError('invalid_packet', `<picture> ${index + 1} is empty.`);
  if (limits.references?.has(value) || NOT_BASE64.test(value)) {
    const ref = decodeXmlRefs(value);
    return { name: attrName ?? ref, bytes: null, ref };
  }
  const compact = value.replace(/\s+/g, '');
  if (PADDING_INSIDE.test(compact) || compact.length % 4 === 1) {
    throw new InboxPacketError('invalid_packet', `<picture> ${index + 1} is not valid base64.`);
  }
  if (Math.floor((compact.length * 3) / 4) > limits.maxPictureBytes + 2) {
    throw new InboxPacketError('packet_too_large', `<picture> ${index + 1} is larger than ${limits.maxPictureBytes} bytes.`);
  }
  const bytes = fromBase64(compact);
  if (bytes.length === 0) throw new InboxPacketError('invalid_packet', `<picture> ${index + 1} decodes to nothing.`);
  // The estimate above lets unpadded base64 through up to 2 bytes over; the decoded length is exact.
  if (bytes.length > limits.maxPictureBytes) {
    throw new InboxPacketError('packet_too_large', `<picture> ${index + 1} is larger than ${limits.maxPictureBytes} bytes.`);
  }
  return { name: attrName, bytes, ref: null };
}

function text(node: unknown, field: string): string | null {
  if (node === undefined || node === null) return null;
  if (Array.isArray(node)) throw new InboxPacketError('invalid_packet', `<${field}> appears more than once.`);
  const value = isRecord(node) ? node['#text'] : node;
  if (isRecord(value)) throw new InboxPacketError('invalid_packet', `<${field}> must be text.`);
  const s = value === undefined ? '' : decodeXmlRefs(String(value)).trim();
  return s === '' ? null : s;
}

const PREDEFINED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * Decodes only XML's five predefined entities and numeric character references: a fixed, non-recursive
 * table (entity processing stays off in the parser), so `Tom &amp; Jerry` reads back as written.
 * Also used by `kith share`'s XML address book.
 */
export function decodeXmlRefs(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|amp|lt|gt|quot|apos);/g, (whole, ref: string) => {
    // The pattern admits only the five names or a numeric reference, so a name is always in the table.
    if (ref[0] !== '#') return PREDEFINED[ref] ?? whole;
    const code = ref[1] === 'x' ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function toBase64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

function fromBase64(s: string): Uint8Array {
  return new Uint8Array(Buffer.from(s, 'base64'));
}
