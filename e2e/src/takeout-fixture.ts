/**
 * A Google Takeout export built from face-api's party photos, with the naming quirks real exports have
 * (docs/takeout-import.md): EXIF stripped (sharp re-encodes without metadata) so only the sidecars date
 * and place the photos. Written as an extracted folder and as two .zip parts (yazl), photos in the first
 * and every JSON in the second, as Takeout splits large exports.
 */
import { createWriteStream } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import yazl from 'yazl';
import { REPO_ROOT } from './harness.js';

const SAMPLES = path.join(REPO_ROOT, 'node_modules/@vladmandic/face-api/demo');
const YEAR = 'Takeout/Google Photos/Photos from 2019';
const ALBUM = 'Takeout/Google Photos/Lake weekend';
const LONG = 'PXL_20190714_183000123.NIGHT.PORTRAIT-01.COVER.jpg';

/** What the import must make of each photo, by the file name the library shows. */
export interface Expected {
  capturedAt?: string;
  latitude?: number;
  description?: string;
}

const sidecar = (title: string, isoTime: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    title,
    description: '',
    photoTakenTime: { timestamp: String(Date.parse(isoTime) / 1000), formatted: isoTime },
    creationTime: { timestamp: '1700000000' },
    geoData: { latitude: 0, longitude: 0, altitude: 0, latitudeSpan: 0, longitudeSpan: 0 },
    ...extra,
  });

/** The export's files: path → bytes, and what each photo must get. */
export async function takeoutFiles(): Promise<{ files: Map<string, Buffer>; expected: Record<string, Expected>; photos: number }> {
  const bare = async (n: number, width: number) =>
    sharp(await readFile(path.join(SAMPLES, `sample${n}.jpg`)))
      .resize({ width })
      .jpeg()
      .toBuffer();
  const files = new Map<string, Buffer>();
  const put = (p: string, data: string | Buffer) => files.set(p, typeof data === 'string' ? Buffer.from(data) : data);
  const lake = await bare(1, 640);
  put(`${YEAR}/metadata.json`, JSON.stringify({ title: 'Photos from 2019' }));
  put(`${YEAR}/IMG_0001.jpg`, lake);
  put(
    `${YEAR}/IMG_0001.jpg.supplemental-metadata.json`,
    sidecar('IMG_0001.jpg', '2019-07-13T17:05:00Z', {
      description: 'Swim before dinner',
      geoDataExif: { latitude: 46.4525, longitude: 6.5836 },
      people: [{ name: 'Alice Martin' }, { name: 'Bob Stone' }],
    }),
  );
  // A second IMG_0001.jpg in the same folder: Takeout names it IMG_0001(1).jpg and its sidecar IMG_0001.jpg…(1).json.
  put(`${YEAR}/IMG_0001(1).jpg`, await bare(2, 640));
  put(`${YEAR}/IMG_0001.jpg.supplemental-metadata(1).json`, sidecar('IMG_0001.jpg', '2019-07-13T18:10:00Z'));
  // A long name: the sidecar's name is cut to 46 characters before ".json".
  put(`${YEAR}/${LONG}`, await bare(3, 640));
  put(`${YEAR}/${`${LONG}.supplemental-metadata`.slice(0, 46)}.json`, sidecar(LONG, '2019-07-14T18:30:00Z'));
  // An edited copy uses the original's sidecar (the old `.json` form here).
  put(`${YEAR}/IMG_0004.jpg`, await bare(4, 640));
  put(`${YEAR}/IMG_0004-edited.jpg`, await bare(4, 480));
  put(`${YEAR}/IMG_0004.jpg.json`, sidecar('IMG_0004.jpg', '2019-07-14T09:00:00Z', { geoData: { latitude: 46.5, longitude: 6.6 } }));
  // No sidecar at all; and a video, which Kith does not take.
  put(`${YEAR}/IMG_0006.jpg`, await bare(6, 640));
  put(`${YEAR}/VID_0007.mp4`, Buffer.from('not really a video'));
  put(`${YEAR}/VID_0007.mp4.supplemental-metadata.json`, sidecar('VID_0007.mp4', '2019-07-14T10:00:00Z'));
  // The album: the same lake photo again (same bytes) and one of its own.
  put(`${ALBUM}/metadata.json`, JSON.stringify({ title: 'Lake weekend', description: '', date: { timestamp: '1563000000' } }));
  put(`${ALBUM}/IMG_0001.jpg`, lake);
  put(`${ALBUM}/IMG_0001.jpg.supplemental-metadata.json`, files.get(`${YEAR}/IMG_0001.jpg.supplemental-metadata.json`)!);
  put(`${ALBUM}/IMG_0005.jpg`, await bare(5, 640));
  put(`${ALBUM}/IMG_0005.jpg.supplemental-metadata.json`, sidecar('IMG_0005.jpg', '2019-07-14T12:00:00Z', { description: 'Picnic' }));
  put('Takeout/archive_browser.html', '<html></html>');
  const expected: Record<string, Expected> = {
    'IMG_0001.jpg': { capturedAt: '2019-07-13T17:05:00.000Z', latitude: 46.4525, description: 'Swim before dinner' },
    'IMG_0001(1).jpg': { capturedAt: '2019-07-13T18:10:00.000Z' },
    [LONG]: { capturedAt: '2019-07-14T18:30:00.000Z' },
    'IMG_0004.jpg': { capturedAt: '2019-07-14T09:00:00.000Z', latitude: 46.5 },
    'IMG_0004-edited.jpg': { capturedAt: '2019-07-14T09:00:00.000Z', latitude: 46.5 },
    'IMG_0005.jpg': { capturedAt: '2019-07-14T12:00:00.000Z', description: 'Picnic' },
    'IMG_0006.jpg': {},
  };
  return { files, expected, photos: 8 };
}

/** Writes the export as an extracted folder under `dir`; @returns the `Takeout` folder. */
export async function writeFolder(files: Map<string, Buffer>, dir: string): Promise<string> {
  for (const [p, data] of files) {
    await mkdir(path.dirname(path.join(dir, p)), { recursive: true });
    await writeFile(path.join(dir, p), data);
  }
  return path.join(dir, 'Takeout');
}

/** Writes one .zip with the files `pick` keeps. */
export function writeZip(files: Map<string, Buffer>, file: string, pick: (p: string) => boolean): Promise<string> {
  const zip = new yazl.ZipFile();
  for (const [p, data] of files) if (pick(p)) zip.addBuffer(data, p);
  zip.end();
  return new Promise((resolve, reject) => {
    zip.outputStream
      .pipe(createWriteStream(file))
      .on('close', () => resolve(file))
      .on('error', reject);
  });
}
