import fc from 'fast-check';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAssetMetadata, type AssetMetadata } from '../../src/assets/asset-metadata.js';

let base: Buffer;
beforeAll(async () => {
  base = await sharp({ create: { width: 16, height: 12, channels: 3, background: '#6a8' } })
    .jpeg()
    .toBuffer();
});

const pad = (n: number, w = 2) => String(n).padStart(w, '0');
/** XML 1.0 Char (§2.2) without CR; the event marker may hold anything a person types. */
const XML_CHAR = /^[\t\n\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]$/u;
const xmlText = fc.string({
  unit: fc.oneof(
    fc.constantFrom('&', '<', '>', '"', "'", 'é', '🎉'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }).filter((c) => XML_CHAR.test(c)),
  ),
  maxLength: 30,
});
const escapeXml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** XMP with the IPTC Extension Event (a language alternative, as Lightroom writes it) and photoshop:City. */
const xmp = (event: string, city: string) =>
  `<?xpacket begin="" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">` +
  `<rdf:Description rdf:about="" xmlns:Iptc4xmpExt="http://iptc.org/std/Iptc4xmpExt/2008-02-29/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/">` +
  `<Iptc4xmpExt:Event><rdf:Alt><rdf:li xml:lang="x-default">${escapeXml(event)}</rdf:li></rdf:Alt></Iptc4xmpExt:Event>` +
  `<photoshop:City>${escapeXml(city)}</photoshop:City></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`;

/** Degrees as EXIF GPS rationals: d/1 m/1 s/100. */
function dms(deg: number): { text: string; value: number } {
  const a = Math.abs(deg);
  const d = Math.floor(a);
  const m = Math.floor((a - d) * 60);
  const s100 = Math.round(((a - d) * 60 - m) * 6000);
  return { text: `${d}/1 ${m}/1 ${s100}/100`, value: d + m / 60 + s100 / 360000 };
}

function expectSane(m: AssetMetadata) {
  if (m.capturedAt !== undefined) expect(Number.isSafeInteger(m.capturedAt)).toBe(true);
  if (m.latitude !== undefined || m.longitude !== undefined) {
    expect(Math.abs(m.latitude!)).toBeLessThanOrEqual(90);
    expect(Math.abs(m.longitude!)).toBeLessThanOrEqual(180);
  }
  for (const t of [m.cameraMake, m.cameraModel, m.event, m.city]) if (t !== undefined) expect(t.length > 0 && t === t.trim()).toBe(true);
}

describe('photo metadata, EXIF / GPS / XMP event (property)', () => {
  it('reads back capture time with its UTC offset, GPS, camera and the XMP event and city written into a JPEG', async () => {
    const when = fc.record({
      y: fc.integer({ min: 1901, max: 2100 }),
      mo: fc.integer({ min: 1, max: 12 }),
      d: fc.integer({ min: 1, max: 28 }),
      h: fc.integer({ min: 0, max: 23 }),
      mi: fc.integer({ min: 0, max: 59 }),
      s: fc.integer({ min: 0, max: 59 }),
      offsetMin: fc.integer({ min: -48, max: 56 }).map((q) => q * 15),
    });
    const ascii = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 .,-]{0,14}[A-Za-z0-9]$/);
    await fc.assert(
      fc.asyncProperty(
        when,
        fc.double({ min: -89.9, max: 89.9, noNaN: true }),
        fc.double({ min: -179.9, max: 179.9, noNaN: true }),
        ascii,
        ascii,
        xmlText.filter((s) => s.trim() !== ''),
        xmlText.filter((s) => s.trim() !== ''),
        async (w, lat, lon, make, model, event, city) => {
          fc.pre(Math.abs(lat) > 1e-3 || Math.abs(lon) > 1e-3);
          const sign = w.offsetMin < 0 ? '-' : '+';
          const offset = `${sign}${pad(Math.floor(Math.abs(w.offsetMin) / 60))}:${pad(Math.abs(w.offsetMin) % 60)}`;
          const [la, lo] = [dms(lat), dms(lon)];
          const bytes = await sharp(base)
            .withExif({
              IFD0: { Make: make, Model: model },
              IFD2: {
                DateTimeOriginal: `${w.y}:${pad(w.mo)}:${pad(w.d)} ${pad(w.h)}:${pad(w.mi)}:${pad(w.s)}`,
                OffsetTimeOriginal: offset,
              },
              IFD3: {
                GPSLatitudeRef: lat < 0 ? 'S' : 'N',
                GPSLatitude: la.text,
                GPSLongitudeRef: lon < 0 ? 'W' : 'E',
                GPSLongitude: lo.text,
              },
            })
            .withXmp(xmp(event, city))
            .jpeg()
            .toBuffer();
          const m = await readAssetMetadata(bytes);
          expectSane(m);
          expect(m.capturedAt).toBe(Date.UTC(w.y, w.mo - 1, w.d, w.h, w.mi, w.s) - w.offsetMin * 60_000);
          expect(m.latitude).toBeCloseTo(Math.sign(lat) * la.value, 6);
          expect(m.longitude).toBeCloseTo(Math.sign(lon) * lo.value, 6);
          expect([m.cameraMake, m.cameraModel]).toEqual([make, model]);
          expect(m.event).toBe(event.trim());
          expect(m.city).toBe(city.trim());
        },
      ),
      { numRuns: 80 },
    );
  });

  it('never throws on any bytes or a JPEG with damaged metadata, and what it returns is in range', async () => {
    const tagged = await sharp(base)
      .withExif({
        IFD0: { Make: 'Kith' },
        IFD2: { DateTimeOriginal: '2026:06:13 21:05:00' },
        IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '47/1 22/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '8/1 32/1 30/1' },
      })
      .withXmp(xmp('Party', 'Zürich'))
      .jpeg()
      .toBuffer();
    const damaged = fc
      .array(fc.record({ at: fc.nat({ max: 1500 }), byte: fc.integer({ min: 0, max: 255 }) }), { minLength: 1, maxLength: 8 })
      .map((edits) => {
        const b = Buffer.from(tagged);
        for (const e of edits) b[e.at % b.length] = e.byte;
        return b;
      });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((u) => Buffer.from(u)),
          damaged,
        ),
        async (bytes) => {
          expectSane(await readAssetMetadata(bytes));
        },
      ),
      { numRuns: 400 },
    );
  });

  // Counterexample of the first property, kept as a regression: exifr leaves XML entities in XMP text.
  it('decodes XML entities in the XMP event marker and city', async () => {
    const bytes = await sharp(base).withXmp(xmp('Tom & Jerry <3', 'A&B')).jpeg().toBuffer();
    expect(await readAssetMetadata(bytes)).toMatchObject({ event: 'Tom & Jerry <3', city: 'A&B' });
  });
});
