/**
 * Clustering an owner's unknown faces into people: Chinese Whispers (Biemann 2006, "Chinese
 * Whispers – an Efficient Graph Clustering Algorithm", TextGraphs workshop; the algorithm dlib's
 * face clustering uses) over the calibrated descriptor distance.
 *
 * Graph: one node per face; an edge between two faces when their distance is at most the
 * model's calibrated threshold (`CALIBRATION[model].threshold`, the same one `match` uses),
 * weighted 1 − distance/threshold (so 1 for identical faces, ~0 at the threshold). Faces that
 * share a `group` (the same photo) get no edge: two faces of one photo are two people.
 *
 * Each iteration visits the nodes in a seeded shuffled order and gives each node the label with
 * the largest summed edge weight among its neighbours (ties: the smallest label, so the result is
 * deterministic). Parameters (defaults): 30 iterations (the labels settle in under 10 on a few
 * thousand faces; the run stops early once an iteration changes nothing), seed 1, clusters of at
 * least 2 faces (a lone face is not yet a person).
 */
import { CALIBRATION, descriptorDistance } from './matching.js';
import type { EmbeddingModel } from './types.js';

export interface ClusterInput {
  id: string;
  descriptor: Float32Array;
  /** Faces with the same group (e.g. asset id) are never linked. */
  group?: string;
}

export interface ClusterOptions {
  /** Edge when distance ≤ threshold; defaults to the model's calibrated threshold. */
  threshold?: number;
  /** Upper bound of passes over the nodes (default 30). */
  iterations?: number;
  /** Seed of the visiting order (default 1). */
  seed?: number;
  /** Smallest cluster reported as a person (default 2). */
  minClusterSize?: number;
}

export interface ClusterResult {
  /** Face ids per cluster, largest cluster first; ids in input order within a cluster. */
  clusters: string[][];
  /** Faces in no cluster of at least `minClusterSize`, in input order. */
  unclustered: string[];
}

/** mulberry32: a tiny seeded PRNG, so the visiting order (and so the result) is reproducible. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Weighted edges of the face graph, as adjacency lists. O(n²) distances: fine for the few
 * thousand unknown faces of one library (1,000 fusion faces ≈ 0.5 M distances ≈ 1 s).
 */
export function faceGraph(model: EmbeddingModel, faces: readonly ClusterInput[], threshold: number): Array<Array<[number, number]>> {
  const adj: Array<Array<[number, number]>> = faces.map(() => []);
  // i and j stay below faces.length, and adj has one list per face: `!` in this O(n²) loop.
  for (let i = 0; i < faces.length; i++) {
    const a = faces[i]!;
    for (let j = i + 1; j < faces.length; j++) {
      const b = faces[j]!;
      if (a.group !== undefined && a.group === b.group) continue;
      if (a.descriptor.length !== b.descriptor.length) continue;
      const d = descriptorDistance(model, a.descriptor, b.descriptor);
      if (d > threshold) continue;
      // A tiny floor keeps an edge exactly at the threshold from weighing nothing.
      const w = Math.max(1 - d / threshold, 1e-6);
      adj[i]!.push([j, w]);
      adj[j]!.push([i, w]);
    }
  }
  return adj;
}

/**
 * Clusters faces with Chinese Whispers (see the module comment for the parameters).
 * @param model the model of every descriptor (decides the metric and the default threshold).
 * @returns clusters of at least `minClusterSize` faces and the faces left out.
 */
export function clusterFaces(model: EmbeddingModel, faces: readonly ClusterInput[], opts: ClusterOptions = {}): ClusterResult {
  const threshold = opts.threshold ?? CALIBRATION[model].threshold;
  const iterations = opts.iterations ?? 30;
  const minSize = opts.minClusterSize ?? 2;
  const adj = faceGraph(model, faces, threshold);
  const labels = faces.map((_, i) => i);
  const random = prng(opts.seed ?? 1);
  const order = faces.map((_, i) => i);

  // order, labels and adj each have one entry per face, and every index below (a position in
  // order, a face index in order or in an edge) is below faces.length: `!` in the label passes.
  for (let it = 0; it < iterations; it++) {
    // Fisher–Yates with the seeded generator (0 ≤ j ≤ i < order.length).
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let changed = false;
    for (const node of order) {
      const edges = adj[node]!;
      if (!edges.length) continue;
      const weights = new Map<number, number>();
      for (const [n, w] of edges) {
        const label = labels[n]!;
        weights.set(label, (weights.get(label) ?? 0) + w);
      }
      let best = labels[node]!;
      let bestWeight = -1;
      for (const [label, w] of weights) {
        if (w > bestWeight || (w === bestWeight && label < best)) {
          best = label;
          bestWeight = w;
        }
      }
      if (best !== labels[node]) {
        labels[node] = best;
        changed = true;
      }
    }
    if (!changed) break;
  }

  const byLabel = new Map<number, string[]>();
  for (const [i, f] of faces.entries()) {
    const label = labels[i]!;
    byLabel.set(label, [...(byLabel.get(label) ?? []), f.id]);
  }
  const clusters: string[][] = [];
  const unclustered: string[] = [];
  for (const members of byLabel.values()) {
    if (members.length >= minSize) clusters.push(members);
    else unclustered.push(...members);
  }
  const position = new Map(faces.map((f, i) => [f.id, i]));
  // A cluster is never empty, and every id has a position.
  clusters.sort((a, b) => b.length - a.length || position.get(a[0]!)! - position.get(b[0]!)!);
  unclustered.sort((a, b) => position.get(a)! - position.get(b)!);
  return { clusters, unclustered };
}
