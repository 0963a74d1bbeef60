import { describe, expect, it } from 'vitest';
import { matchTakeout, parseSidecarName, readTakeoutSidecar, sidecarUploadField, takeoutAlbumTitle } from '@kith/sdk';

const GP = 'Takeout/Google Photos';
/** The sidecar each photo got, by photo path (relative to `Google Photos/`). */
function pairs(paths: string[]): Record<string, string | undefined> {
  const plan = matchTakeout(paths.map((p) => `${GP}/${p}`));
  return Object.fromEntries(plan.photos.map((p) => [p.path.slice(GP.length + 1), p.sidecarPath?.slice(GP.length + 1)]));
}

describe('Takeout sidecar matching (name quirks)', () => {
  it('pairs plain and supplemental-metadata sidecars', () => {
    expect(
      pairs([
        'Photos from 2024/IMG_1.jpg',
        'Photos from 2024/IMG_1.jpg.json',
        'Trip/IMG_2.PNG',
        'Trip/IMG_2.PNG.supplemental-metadata.json',
      ]),
    ).toEqual({
      'Photos from 2024/IMG_1.jpg': 'Photos from 2024/IMG_1.jpg.json',
      'Trip/IMG_2.PNG': 'Trip/IMG_2.PNG.supplemental-metadata.json',
    });
  });

  it('moves the duplicate counter to the end of the sidecar name: IMG_1234(1).jpg ↔ IMG_1234.jpg(1).json', () => {
    expect(
      pairs([
        'A/IMG_1234.jpg',
        'A/IMG_1234(1).jpg',
        'A/IMG_1234(2).jpg',
        'A/IMG_1234.jpg.json',
        'A/IMG_1234.jpg(1).json',
        'A/IMG_1234.jpg.supplemental-metadata(2).json',
      ]),
    ).toEqual({
      'A/IMG_1234.jpg': 'A/IMG_1234.jpg.json',
      'A/IMG_1234(1).jpg': 'A/IMG_1234.jpg(1).json',
      'A/IMG_1234(2).jpg': 'A/IMG_1234.jpg.supplemental-metadata(2).json',
    });
  });

  it('also takes the counter where the photo has it: IMG_5(1).jpg ↔ IMG_5(1).jpg.json', () => {
    expect(pairs(['A/IMG_5(1).jpg', 'A/IMG_5(1).jpg.json'])).toEqual({ 'A/IMG_5(1).jpg': 'A/IMG_5(1).jpg.json' });
  });

  it('finds sidecars whose name was cut to 46/47 characters before .json, supplemental or not', () => {
    const long = 'PXL_20230518_063014427.NIGHT.PORTRAIT-01.COVER.jpg'; // 50 characters
    const cut46 = `${long}.supplemental-metadata`.slice(0, 46);
    const cut47 = long.slice(0, 47);
    expect(cut46.length).toBe(46);
    expect(pairs([`A/${long}`, `A/${cut46}.json`])).toEqual({ [`A/${long}`]: `A/${cut46}.json` });
    expect(pairs([`B/${long}`, `B/${cut47}.json`])).toEqual({ [`B/${long}`]: `B/${cut47}.json` });
    // The cut can leave a piece of ".supplemental-metadata": ".supplemental-met", ".su", a lone ".".
    for (const tail of ['.supplemental-met', '.su', '.']) {
      const photo = `${'Screenshot_20240613-190500_Messages_and_more'.slice(0, 46 - tail.length - 4)}.png`;
      expect(`${photo}${tail}`.length).toBe(46);
      expect(parseSidecarName(`${photo}${tail}.json`)).toEqual({ base: photo, dup: 0, truncated: true });
      expect(pairs([`C/${photo}`, `C/${photo}${tail}.json`])).toEqual({ [`C/${photo}`]: `C/${photo}${tail}.json` });
    }
    // Uncut, ".s" is not a piece of ".supplemental-metadata".
    expect(parseSidecarName('a.s.json')).toEqual({ base: 'a.s', dup: 0, truncated: false });
  });

  it('gives a cut sidecar with a counter to the photo with that counter', () => {
    const long = 'original_1d4caa6f-16c6-4c3d-901b-9387de10e528_P.jpg';
    const cut = `${long}.supplemental-metadata`.slice(0, 46);
    expect(pairs([`A/${long}`, `A/${long.replace('.jpg', '(1).jpg')}`, `A/${cut}.json`, `A/${cut}(1).json`])).toEqual({
      [`A/${long}`]: `A/${cut}.json`,
      [`A/${long.replace('.jpg', '(1).jpg')}`]: `A/${cut}(1).json`,
    });
  });

  it('gives edited copies the original’s sidecar (English and localised suffixes)', () => {
    expect(pairs(['A/IMG_9.jpg', 'A/IMG_9-edited.jpg', 'A/IMG_9-bearbeitet.jpg', 'A/IMG_9.jpg.supplemental-metadata.json'])).toEqual({
      'A/IMG_9.jpg': 'A/IMG_9.jpg.supplemental-metadata.json',
      'A/IMG_9-edited.jpg': 'A/IMG_9.jpg.supplemental-metadata.json',
      'A/IMG_9-bearbeitet.jpg': 'A/IMG_9.jpg.supplemental-metadata.json',
    });
    expect(matchTakeout([`${GP}/A/IMG_9-edited.jpg`, `${GP}/A/IMG_9.jpg.json`]).photos[0]?.match).toBe('edited');
  });

  it('takes a sidecar without the photo’s extension, and a photo name cut shorter than its sidecar', () => {
    expect(pairs(['A/IMG_7.jpg', 'A/IMG_7.json'])).toEqual({ 'A/IMG_7.jpg': 'A/IMG_7.json' });
    const full = 'Backyard_ceremony_wedding_photography_markham_494';
    expect(pairs([`A/${full.slice(0, 43)}.jpg`, `A/${full}.json`])).toEqual({ [`A/${full.slice(0, 43)}.jpg`]: `A/${full}.json` });
  });

  it('never pairs across folders or with a shorter, uncut name', () => {
    expect(pairs(['A/IMG_1.jpg', 'B/IMG_1.jpg.json', 'A/IMG_10.jpg', 'A/IMG_1.json'])).toEqual({
      'A/IMG_1.jpg': 'A/IMG_1.json',
      'A/IMG_10.jpg': undefined,
    });
  });

  it('joins folders across split archives and separates albums, videos and other files', () => {
    const plan = matchTakeout([
      'takeout-001/Takeout/Google Photos/Trip/IMG_1.jpg',
      'takeout-002/Takeout/Google Photos/Trip/IMG_1.jpg.json',
      'takeout-002/Takeout/Google Photos/Trip/metadata.json',
      'takeout-001/Takeout/Google Photos/Trip/VID_1.mp4',
      'takeout-001/Takeout/Google Photos/Trip/VID_1.mp4.json',
      'Takeout/archive_browser.html',
      'Takeout/Google Photos/Trip/',
    ]);
    expect(plan.photos).toEqual([
      {
        path: 'takeout-001/Takeout/Google Photos/Trip/IMG_1.jpg',
        dir: 'Google Photos/Trip',
        name: 'IMG_1.jpg',
        sidecarPath: 'takeout-002/Takeout/Google Photos/Trip/IMG_1.jpg.json',
        match: 'exact',
      },
    ]);
    expect([...plan.albumMetadata]).toEqual([['Google Photos/Trip', 'takeout-002/Takeout/Google Photos/Trip/metadata.json']]);
    expect(plan.skipped).toEqual(['takeout-001/Takeout/Google Photos/Trip/VID_1.mp4', 'Takeout/archive_browser.html']);
    expect(plan.unusedSidecars).toEqual(['takeout-001/Takeout/Google Photos/Trip/VID_1.mp4.json']);
  });
});

describe('Takeout JSON', () => {
  it('reads capture time, place, description and people from a sidecar', () => {
    const s = readTakeoutSidecar({
      title: 'IMG_1.jpg',
      description: ' At the lake ',
      photoTakenTime: { timestamp: '1718305500', formatted: 'Jun 13, 2024, 7:05:00 PM UTC' },
      creationTime: { timestamp: '1718400000' },
      geoData: { latitude: 0, longitude: 0 },
      geoDataExif: { latitude: 48.8566, longitude: 2.3522 },
      people: [{ name: 'Alice Martin' }, { name: 'Alice Martin' }, { name: '' }, {}, 'x'],
    });
    expect(s).toEqual({
      title: 'IMG_1.jpg',
      capturedAt: 1_718_305_500_000,
      latitude: 48.8566,
      longitude: 2.3522,
      description: 'At the lake',
      people: ['Alice Martin'],
    });
    expect(JSON.parse(sidecarUploadField(s)!)).toEqual({
      capturedAt: '2024-06-13T19:05:00.000Z',
      latitude: 48.8566,
      longitude: 2.3522,
      description: 'At the lake',
      people: ['Alice Martin'],
    });
  });

  it('leaves out what is missing or a placeholder', () => {
    expect(readTakeoutSidecar({ photoTakenTime: { timestamp: '0' }, geoData: { latitude: 95, longitude: 2 } })).toEqual({ people: [] });
    expect(readTakeoutSidecar(null)).toEqual({ people: [] });
    expect(sidecarUploadField({ people: [] })).toBeUndefined();
  });

  it('takes album titles but not year folders', () => {
    expect(takeoutAlbumTitle({ title: 'Lake weekend', date: { timestamp: '1' } })).toBe('Lake weekend');
    expect(takeoutAlbumTitle({ title: 'Photos from 2021' })).toBeUndefined();
    expect(takeoutAlbumTitle({ title: 'Fotos von 2019' })).toBeUndefined();
    expect(takeoutAlbumTitle({ description: 'x' })).toBeUndefined();
  });
});
