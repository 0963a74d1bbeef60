import sharp from 'sharp';
import { partyPath } from './photos.js';

/**
 * A real face-sized JPEG for PHOTO properties: a crop of a party photo shipped in
 * @vladmandic/face-api, resized the way phones store contact pictures (small, square).
 */
export function cardPhoto(n = 1, size = 96): Promise<Buffer> {
  return sharp(partyPath(n))
    .extract({ left: 760 + n * 40, top: 180, width: 360, height: 360 })
    .resize(size, size)
    .jpeg({ quality: 80 })
    .toBuffer();
}

/** RFC 6350 §3.2 folding: lines of at most 75 characters, continuations start with one space. */
export function fold(line: string, width = 75): string {
  const parts = [line.slice(0, width)];
  for (let i = width; i < line.length; i += width - 1) parts.push(' ' + line.slice(i, i + width - 1));
  return parts.join('\r\n');
}

/**
 * vCard 2.1 base64 as Android and old Nokia phones write it: the value starts on the property
 * line, continues on lines indented by two spaces, and ends with a blank line.
 */
export function fold21Base64(head: string, b64: string, indent = '  '): string {
  const chunks = b64.match(/.{1,72}/g)!;
  return [head + chunks[0], ...chunks.slice(1).map((c) => indent + c), ''].join('\r\n');
}

/** Joins lines with CRLF and ends the file with one. */
export const crlf = (lines: string[]) => lines.join('\r\n') + '\r\n';

/** Quoted-printable (RFC 2045) of UTF-8 text, every non-ASCII byte as =XX; `softBreakAt` inserts a soft line break. */
export function qp(text: string, softBreakAt?: number): string {
  const encoded = [...Buffer.from(text, 'utf8')]
    .map((b) =>
      b >= 33 && b <= 126 && b !== 61 ? String.fromCharCode(b) : b === 32 ? ' ' : `=${b.toString(16).toUpperCase().padStart(2, '0')}`,
    )
    .join('');
  if (softBreakAt === undefined) return encoded;
  // Never split inside an =XX escape.
  let at = softBreakAt;
  while (encoded[at - 1] === '=' || encoded[at - 2] === '=') at++;
  return encoded.slice(0, at) + '=\r\n' + encoded.slice(at);
}

/** A vCard 2.1 card as an Android phone exports it: quoted-printable name, bare TEL types, folded base64 PHOTO. */
export function card21(opts: { family: string; given: string; phones: string[]; email?: string; photo?: Buffer }): string {
  const full = `${opts.given} ${opts.family}`;
  return crlf([
    'BEGIN:VCARD',
    'VERSION:2.1',
    `N;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp(opts.family)};${qp(opts.given)};;;`,
    `FN;CHARSET=UTF-8;ENCODING=QUOTED-PRINTABLE:${qp(full, 12)}`,
    ...opts.phones.map((p, i) => (i === 0 ? `TEL;CELL;VOICE:${p}` : `TEL;HOME:${p}`)),
    ...(opts.email ? [`EMAIL;INTERNET:${opts.email}`] : []),
    ...(opts.photo ? [fold21Base64('PHOTO;ENCODING=BASE64;TYPE=JPEG:', opts.photo.toString('base64'))] : []),
    'END:VCARD',
  ]);
}

/** A vCard 3.0 card as iOS exports it: `ENCODING=b` PHOTO, grouped URL with an escaped colon, IMPP. */
export function card30(opts: {
  name: string;
  phones: string[];
  email?: string;
  url?: string;
  impp?: string;
  kith?: string;
  photo?: Buffer;
}): string {
  const [given, ...rest] = opts.name.split(' ');
  return crlf([
    'BEGIN:VCARD',
    'VERSION:3.0',
    `N:${rest.join(' ')};${given};;;`,
    `FN:${opts.name}`,
    ...opts.phones.map((p) => `TEL;type=CELL;type=VOICE;type=pref:${p}`),
    ...(opts.email ? [`EMAIL;type=INTERNET;type=HOME;type=pref:${opts.email}`] : []),
    ...(opts.url ? [`item1.URL;type=pref:${opts.url.replace(':', '\\:')}`, 'item1.X-ABLabel:_$!<HomePage>!$_'] : []),
    ...(opts.impp ? [`IMPP;X-SERVICE-TYPE=Jabber;type=HOME:${opts.impp}`] : []),
    ...(opts.kith ? [`X-KITH-ADDRESS:${opts.kith}`] : []),
    ...(opts.photo ? [fold(`PHOTO;ENCODING=b;TYPE=JPEG:${opts.photo.toString('base64')}`)] : []),
    'END:VCARD',
  ]);
}

/** A vCard 4.0 card: TEL as a tel: URI, PHOTO as a data: URI. */
export function card40(opts: { name: string; phones: string[]; email?: string; url?: string; kith?: string; photo?: Buffer }): string {
  return crlf([
    'BEGIN:VCARD',
    'VERSION:4.0',
    `FN:${opts.name}`,
    ...opts.phones.map((p) => `TEL;VALUE=uri;TYPE="voice,cell":tel:${p}`),
    ...(opts.email ? [`EMAIL;TYPE=work:${opts.email}`] : []),
    ...(opts.url ? [`URL:${opts.url}`] : []),
    ...(opts.kith ? [`X-KITH-ADDRESS:${opts.kith}`] : []),
    ...(opts.photo ? [fold(`PHOTO:data:image/jpeg;base64,${opts.photo.toString('base64')}`)] : []),
    'END:VCARD',
  ]);
}
