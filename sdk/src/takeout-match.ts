/**
 * Pairs the photos of a Google Takeout export with their JSON sidecars, by file name alone. Pure (no I/O):
 * the CLI (`kith import takeout`) and the web app's import screen both feed it the paths they list from a
 * .zip or a folder, then read the sidecars it names.
 *
 * Takeout's naming quirks (as catalogued by immich-go's Google Photos adapter and seen in real exports):
 * - `IMG_1234.jpg` ↔ `IMG_1234.jpg.json` (before 2024) or `IMG_1234.jpg.supplemental-metadata.json`;
 * - the sidecar's name (without `.json`) is cut to 46 or 47 characters: `…_2023.jpg.supplemental-met.json`,
 *   `…very_long_na.json`; the cut may fall anywhere, even inside the photo's own extension;
 * - duplicates of one name in a folder: `IMG_1234(1).jpg` ↔ `IMG_1234.jpg(1).json` or
 *   `IMG_1234.jpg.supplemental-metadata(1).json` (the counter moves to the end of the sidecar's name);
 * - edited copies (`IMG_1234-edited.jpg`, and the localised `-bearbeitet`, `-modifié`, …) have no sidecar of
 *   their own: they use the original's;
 * - some sidecars drop the photo's extension: `IMG_1234.json`;
 * - long photo names are cut too (to 47 characters), so a sidecar may be longer than its photo's name;
 * - albums are folders holding a `metadata.json` (see takeout-sidecar.ts); year folders ("Photos from 2021") are not.
 */

/** One photo to import: where it is, which sidecar describes it (if any) and how that was decided. */
export interface TakeoutPhoto {
  /** Path as listed ('/'-separated, relative to the archive or folder root). */
  path: string;
  /** Folder key (see {@link takeoutDirKey}): photos of one album share it, across split archives. */
  dir: string;
  name: string;
  sidecarPath?: string;
  match?: 'exact' | 'no-extension' | 'truncated' | 'edited';
}

export interface TakeoutPlan {
  photos: TakeoutPhoto[];
  /** Folder key → path of its `metadata.json` (an album candidate). */
  albumMetadata: Map<string, string>;
  /** Files neither photo nor sidecar Kith takes (videos, HTML, …). */
  skipped: string[];
  /** Sidecars no photo uses (their photo was a video, or is missing from the archive). */
  unusedSidecars: string[];
}

/** Image types the server accepts (JPEG, PNG, WebP, AVIF, GIF, TIFF), by extension. */
export const TAKEOUT_IMAGE_EXTENSIONS = ['.jpg', '.jpeg', '.png', '.webp', '.avif', '.gif', '.tif', '.tiff'];

/** Suffixes Google Photos gives edited copies, per interface language. */
export const EDITED_SUFFIXES = ['-edited', '-bearbeitet', '-modifié', '-modificato', '-editado', '-bewerkt', '-redigerad', '-muokattu'];

const SUPPLEMENTAL = 'supplemental-metadata';
/** A sidecar's name without `.json` is cut at 46/47 characters; a little slack for other cuts seen. */
const TRUNCATED_AT = 45;
/** Below this, a photo name is never the cut form of a longer one. */
const MEDIA_TRUNCATED_AT = 40;

const splitPath = (p: string): { dir: string; name: string } => {
  const i = p.lastIndexOf('/');
  return i < 0 ? { dir: '', name: p } : { dir: p.slice(0, i), name: p.slice(i + 1) };
};

/**
 * The key of a folder: its path from `Takeout/` on when it has one, so the parts of an export split over
 * several archives (takeout-001.zip, takeout-002.zip) land in the same folders.
 */
export function takeoutDirKey(dir: string): string {
  const parts = dir.split('/');
  const i = parts.lastIndexOf('Takeout');
  return (i >= 0 ? parts.slice(i + 1) : parts).join('/');
}

const extOf = (name: string) => {
  const dot = name.lastIndexOf('.');
  return dot <= 0 ? '' : name.slice(dot);
};

export const isTakeoutImage = (name: string) => TAKEOUT_IMAGE_EXTENSIONS.includes(extOf(name).toLowerCase());

/** A sidecar's name taken apart: the (possibly cut) photo name it describes, and its duplicate counter. */
export interface SidecarName {
  base: string;
  dup: number;
  /** The name was cut: `base` is a prefix of the photo's name. */
  truncated: boolean;
}

/** Parses `X.json`, `X(n).json`, `X.supplemental-metadata.json`, `X.supplemental-me(n).json`, … */
export function parseSidecarName(name: string): SidecarName | undefined {
  if (!name.toLowerCase().endsWith('.json')) return undefined;
  let stem = name.slice(0, -5);
  let dup = 0;
  const d = /\((\d+)\)$/.exec(stem);
  if (d) {
    dup = Number(d[1]);
    stem = stem.slice(0, d.index);
  }
  const truncated = stem.length >= TRUNCATED_AT;
  const dot = stem.lastIndexOf('.');
  if (dot > 0) {
    const tail = stem.slice(dot + 1);
    // `.supplemental-metadata` and its cut forms (`.supplemental-met`, `.su`, and a lone `.`).
    if (SUPPLEMENTAL.startsWith(tail) && (tail.length > 0 ? tail === SUPPLEMENTAL || truncated : truncated)) stem = stem.slice(0, dot);
  }
  return { base: stem, dup, truncated };
}

/** A photo's name taken apart: the name its sidecar was written for, and its duplicate counter. */
export interface PhotoName {
  name: string;
  /** `IMG_1234.jpg` for `IMG_1234(1).jpg` and for `IMG_1234-edited.jpg`. */
  key: string;
  stem: string;
  ext: string;
  dup: number;
  edited: boolean;
}

export function parsePhotoName(name: string): PhotoName {
  const ext = extOf(name);
  let stem = name.slice(0, name.length - ext.length);
  let dup = 0;
  const d = /\((\d+)\)$/.exec(stem);
  if (d) {
    dup = Number(d[1]);
    stem = stem.slice(0, d.index);
  }
  const suffix = EDITED_SUFFIXES.find((s) => stem.toLowerCase().endsWith(s));
  if (suffix) stem = stem.slice(0, stem.length - suffix.length);
  return { name, key: stem + ext, stem, ext, dup, edited: !!suffix };
}

/** How well sidecar `s` fits photo `p` (higher is better); 0: not theirs. */
function fit(p: PhotoName, s: SidecarName): number {
  // `IMG_1234(1).jpg.json`: the counter kept where the photo has it.
  if (s.dup === 0 && p.dup > 0 && s.base === p.name) return 1000;
  if (s.dup !== p.dup) return 0;
  if (s.base === p.key) return 1000;
  // `IMG_1234.json`; a cut that fell right before the extension is still a cut.
  if (s.base === p.stem) return s.truncated ? 100 + s.base.length : 900;
  // The sidecar's name was cut: it is the start of the photo's name.
  if (s.truncated && p.key.startsWith(s.base)) return 100 + s.base.length;
  // The photo's name was cut (47 characters): it is the start of the sidecar's.
  if (p.stem.length >= MEDIA_TRUNCATED_AT && s.base.startsWith(p.stem)) return 50;
  return 0;
}

/**
 * Plans an import from every file path of the export (one or several archives/folders, listed in any order).
 * Each photo gets the best-fitting sidecar of its folder (exact name, then name without extension, then the
 * longest cut name); a sidecar may serve several photos (an original and its edited copy).
 */
export function matchTakeout(paths: Iterable<string>): TakeoutPlan {
  const sidecars = new Map<string, Array<{ path: string; name: SidecarName }>>();
  const images: Array<{ path: string; dir: string; name: string }> = [];
  const albumMetadata = new Map<string, string>();
  const skipped: string[] = [];
  for (const raw of paths) {
    const path = raw.replaceAll('\\', '/');
    if (path.endsWith('/')) continue;
    const { dir: rawDir, name } = splitPath(path);
    const dir = takeoutDirKey(rawDir);
    if (name === 'metadata.json') {
      albumMetadata.set(dir, path);
      continue;
    }
    const sidecar = parseSidecarName(name);
    if (sidecar) sidecars.set(dir, [...(sidecars.get(dir) ?? []), { path, name: sidecar }]);
    else if (isTakeoutImage(name)) images.push({ path, dir, name });
    else skipped.push(path);
  }
  const used = new Set<string>();
  const photos = images.map(({ path, dir, name }): TakeoutPhoto => {
    const parsed = parsePhotoName(name);
    let best: { path: string; score: number } | undefined;
    for (const s of sidecars.get(dir) ?? []) {
      const score = fit(parsed, s.name);
      if (score > (best?.score ?? 0)) best = { path: s.path, score };
    }
    if (!best) return { path, dir, name };
    used.add(best.path);
    const match = parsed.edited ? 'edited' : best.score === 1000 ? 'exact' : best.score === 900 ? 'no-extension' : 'truncated';
    return { path, dir, name, sidecarPath: best.path, match };
  });
  const unusedSidecars = [...sidecars.values()].flat().flatMap((s) => (used.has(s.path) ? [] : [s.path]));
  return { photos, albumMetadata, skipped, unusedSidecars };
}
