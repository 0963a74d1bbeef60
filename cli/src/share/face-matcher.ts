/**
 * The matching step of `kith share` (seed CN103369031A claim 1 / [0058]: "match the face part of
 * the contact's pre-stored photo with the face part of the photo to share; if the photo contains
 * a matching face, the match succeeds"; claim 8's photo matching unit).
 *
 * Done locally with the engine the server uses (`@kith/faces`: a worker pool, the default model's descriptors,
 * `match` with the committed CALIBRATION), so the sender's choice agrees with the recipient
 * server's anti-spam check (claim 6). Each reference face and each photo is analysed exactly once;
 * every face of a photo is then matched against every chosen contact at once: the nearest contact
 * within the threshold wins, and a face equally close to two contacts (within the margin) matches
 * nobody, as `match` defines.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import {
  CALIBRATION,
  FaceInputError,
  match,
  pickReferenceFace,
  type FaceAnalysis,
  type FaceEngine,
  type MatchCandidate,
} from '@kith/faces';
import pLimit from 'p-limit';
import type { AlbumAddress } from '@kith/address-book';

/** The part of the face engine the matcher needs (tests pass a fake). */
export type Analyser = Pick<FaceEngine, 'analyse' | 'model' | 'poolSize'>;

export interface MatchableContact {
  name: string;
  album: AlbumAddress;
  face: Uint8Array;
}

/** A contact whose reference face was described, ready to match. */
export interface ReferenceContact<C extends MatchableContact = MatchableContact> {
  contact: C;
  /** Set when the photo was kept with a reservation (several faces, small face). */
  warning: string | null;
}

/** One recognised recipient of a photo. */
export interface Recognition<C extends MatchableContact = MatchableContact> {
  contact: C;
  /** Distance in the engine model's metric (faceplugin: cosine distance; a match is ≤ its threshold). */
  distance: number;
  /** 0..1, 0.5 at the threshold. */
  confidence: number;
}

export interface PhotoMatch<C extends MatchableContact = MatchableContact> {
  /** The path as given on the command line. */
  path: string;
  /** Faces the engine found. */
  faces: number;
  /** Contacts recognised in it, best match first; empty = nobody recognised (reported, not sent). */
  recipients: Recognition<C>[];
  /** Set when the photo could not be read or analysed (`invalid_image`, `image_too_large`, ENOENT…). */
  error: string | null;
}

const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/**
 * Describes each contact's reference face (tolerant mode of `pickReferenceFace` from `@kith/faces`, the rule the server uses: the
 * largest face, with a warning when the photo shows several or a small one). Identical photos are
 * analysed once.
 * @returns usable references and, for the others, a sentence why (no face, unreadable image).
 */
export async function describeContacts<C extends MatchableContact>(
  engine: Analyser,
  contacts: readonly C[],
  onDone: () => void = () => {},
): Promise<{ references: (ReferenceContact<C> & { descriptor: Float32Array })[]; problems: { contact: C; problem: string }[] }> {
  const limit = pLimit(engine.poolSize * 2);
  const analyses = new Map<string, Promise<FaceAnalysis>>();
  const references: (ReferenceContact<C> & { descriptor: Float32Array })[] = [];
  const problems: { contact: C; problem: string }[] = [];
  await Promise.all(
    contacts.map(async (contact) => {
      const key = sha(contact.face);
      if (!analyses.has(key))
        analyses.set(
          key,
          limit(() => engine.analyse(contact.face)),
        );
      try {
        const ref = pickReferenceFace(await analyses.get(key)!, 'tolerant');
        references.push({ contact, warning: ref.warning, descriptor: ref.face.descriptor });
      } catch (e) {
        problems.push({ contact, problem: `its reference photo cannot be used: ${(e as Error).message}` });
      } finally {
        onDone();
      }
    }),
  );
  // Keep address-book order whatever order the analyses finished in.
  const order = (c: C) => contacts.indexOf(c);
  references.sort((a, b) => order(a.contact) - order(b.contact));
  return { references, problems };
}

/**
 * Analyses every photo once and lists the contacts recognised in it.
 * @param photos file paths (JPEG/PNG/WebP/HEIF/TIFF); read one at a time per worker, never all at once.
 * @param onPhoto called after each photo, for the progress bar.
 * @returns one {@link PhotoMatch} per photo, in the order given.
 */
export async function matchPhotos<C extends MatchableContact>(
  engine: Analyser,
  references: readonly (ReferenceContact<C> & { descriptor: Float32Array })[],
  photos: readonly string[],
  onPhoto: (m: PhotoMatch<C>) => void = () => {},
): Promise<PhotoMatch<C>[]> {
  const candidates: MatchCandidate[] = references.map((r, i) => ({ id: String(i), descriptor: r.descriptor }));
  // Two photos in flight per worker keep every worker busy while results cross back (as bench:faces measures).
  const limit = pLimit(engine.poolSize * 2);
  return Promise.all(
    photos.map((p) =>
      limit(async () => {
        const result = await matchOne(engine, references, candidates, p);
        onPhoto(result);
        return result;
      }),
    ),
  );
}

async function matchOne<C extends MatchableContact>(
  engine: Analyser,
  references: readonly ReferenceContact<C>[],
  candidates: MatchCandidate[],
  file: string,
): Promise<PhotoMatch<C>> {
  let analysis: FaceAnalysis;
  try {
    analysis = await engine.analyse(await fs.readFile(file));
  } catch (e) {
    const why = e instanceof FaceInputError ? `${e.code}: ${e.message}` : ((e as NodeJS.ErrnoException).code ?? (e as Error).message);
    return { path: file, faces: 0, recipients: [], error: `${path.basename(file)} cannot be analysed (${why})` };
  }
  const best = new Map<number, Recognition<C>>();
  for (const face of analysis.faces) {
    const m = match(engine.model, face.descriptor, candidates, CALIBRATION[engine.model]);
    if (!m) continue;
    const i = Number(m.candidateId);
    const reference = references[i];
    // Candidate ids are indices into references (matchPhotos): any other answer is a bug.
    if (!reference) throw new Error(`match answered candidate ${m.candidateId}; there are ${references.length} references`);
    if (!best.has(i) || best.get(i)!.distance > m.distance)
      best.set(i, { contact: reference.contact, distance: m.distance, confidence: m.confidence });
  }
  return { path: file, faces: analysis.faces.length, recipients: [...best.values()].sort((a, b) => a.distance - b.distance), error: null };
}
