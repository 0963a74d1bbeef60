/**
 * "Same person?" (as Immich's and Google Photos' merge suggestions): two of an owner's people whose
 * centroids are within the match threshold are probably one person that clustering split, for instance
 * one face seen young and old, or with and without glasses. Pure: the service gives it the faces.
 *
 * The centroid of a person is the mean of its face descriptors; fused descriptors average part by part,
 * which suits both of their metrics (the cosine part's direction and the Euclidean part's position), so
 * `descriptorDistance` compares centroids as it compares faces (faces/src/matching.ts).
 */
import { descriptorDistance, type EmbeddingModel } from '@kith/faces';

/** One face of a visible person. */
export interface SuggestionFace {
  personId: string;
  assetId: string;
  descriptor: Float32Array;
}

/** What rules a pair out before any distance: its link (two different people the owner named or linked). */
export interface SuggestionPerson {
  id: string;
  /** `contact:<id>` or `account:<id>` when linked; two people linked to different identities are never suggested. */
  identity: string | null;
}

export interface MergeSuggestion {
  a: string;
  b: string;
  /** Distance between the two centroids, in the model's metric (faces/src/matching.ts); below the threshold. */
  distance: number;
}

/** The unordered pair's key, as the dismissed pairs are stored. */
export const pairKey = (a: string, b: string) => (a < b ? `${a}:${b}` : `${b}:${a}`);

function centroid(descriptors: Float32Array[]): Float32Array {
  const out = new Float32Array(descriptors[0].length);
  for (const d of descriptors) for (let i = 0; i < d.length; i++) out[i] += d[i];
  for (let i = 0; i < out.length; i++) out[i] /= descriptors.length;
  return out;
}

/**
 * Pairs of people within `threshold`, closest first, at most `limit`. A pair is left out when the two
 * share a photo (two faces of one photo are two people), when both are linked to different identities,
 * or when the owner said "not the same person" (`dismissed`, keys from {@link pairKey}).
 */
export function mergeSuggestions(
  model: EmbeddingModel,
  threshold: number,
  faces: readonly SuggestionFace[],
  people: readonly SuggestionPerson[],
  dismissed: ReadonlySet<string>,
  limit = 20,
): MergeSuggestion[] {
  const byPerson = new Map<string, { descriptors: Float32Array[]; assets: Set<string> }>();
  for (const f of faces) {
    const p = byPerson.get(f.personId) ?? { descriptors: [], assets: new Set<string>() };
    p.descriptors.push(f.descriptor);
    p.assets.add(f.assetId);
    byPerson.set(f.personId, p);
  }
  const list = people
    .filter((p) => byPerson.has(p.id))
    .map((p) => ({ ...p, ...byPerson.get(p.id)!, centroid: centroid(byPerson.get(p.id)!.descriptors) }));
  const out: MergeSuggestion[] = [];
  for (let i = 0; i < list.length; i++) {
    for (let j = i + 1; j < list.length; j++) {
      const a = list[i];
      const b = list[j];
      if (a.identity && b.identity && a.identity !== b.identity) continue;
      if (dismissed.has(pairKey(a.id, b.id))) continue;
      if ([...a.assets].some((x) => b.assets.has(x))) continue;
      const distance = descriptorDistance(model, a.centroid, b.centroid);
      if (distance < threshold) out.push({ a: a.id, b: b.id, distance });
    }
  }
  return out.sort((x, y) => x.distance - y.distance).slice(0, limit);
}
