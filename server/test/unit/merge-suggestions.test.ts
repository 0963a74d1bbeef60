/** The pure pairing of "Same person?" (server/src/faces/merge-suggestions.ts) on hand-made 128-d descriptors (face-api's Euclidean metric). */
import { describe, expect, it } from 'vitest';
import { mergeSuggestions, pairKey, type SuggestionFace, type SuggestionPerson } from '../../src/faces/merge-suggestions.js';

const THRESHOLD = 0.5;
/** A descriptor at `x` on the first axis (distances are then differences of x). */
const at = (x: number) => {
  const d = new Float32Array(128);
  d[0] = x;
  return d;
};
const face = (personId: string, assetId: string, x: number): SuggestionFace => ({ personId, assetId, descriptor: at(x) });
const person = (id: string, identity: string | null = null): SuggestionPerson => ({ id, identity });

describe('mergeSuggestions', () => {
  it('pairs people whose centroids are within the threshold, closest first', () => {
    const faces = [face('p', 'a1', 0), face('p', 'a2', 0.2), face('q', 'a3', 0.4), face('r', 'a4', 0.45), face('s', 'a5', 3)];
    const out = mergeSuggestions('faceapi', THRESHOLD, faces, [person('p'), person('q'), person('r'), person('s')], new Set());
    // Centroids: p 0.1, q 0.4, r 0.45, s 3.
    expect(out.map((s) => `${s.a}-${s.b}`)).toEqual(['q-r', 'p-q', 'p-r']);
    expect(out[0].distance).toBeCloseTo(0.05, 5);
    expect(out[1].distance).toBeCloseTo(0.3, 5);
  });

  it('uses the centroid, not the closest faces', () => {
    // p's faces at 0 and 2 (centroid 1) against q at 1.9: one face is close, the centroid is 0.9 away.
    const faces = [face('p', 'a1', 0), face('p', 'a2', 2), face('q', 'a3', 1.9)];
    expect(mergeSuggestions('faceapi', THRESHOLD, faces, [person('p'), person('q')], new Set())).toEqual([]);
  });

  it('leaves out people who share a photo, are linked to different identities, or were dismissed', () => {
    const faces = [face('p', 'a1', 0), face('q', 'a1', 0.1), face('r', 'a2', 0.1), face('s', 'a3', 0.1), face('u', 'a4', 0.1)];
    const people = [person('p', 'contact:1'), person('q'), person('r', 'contact:2'), person('s', 'contact:1'), person('u')];
    const out = mergeSuggestions('faceapi', THRESHOLD, faces, people, new Set([pairKey('u', 'p')]));
    const pairs = out.map((s) => [s.a, s.b].sort().join('-')).sort();
    // p-q share a photo, p-r are two contacts, p-u dismissed; p-s are the same contact.
    expect(pairs).toEqual(['p-s', 'q-r', 'q-s', 'q-u', 'r-u', 's-u']);
  });

  it('stores a pair under one key whatever the order, and keeps at most `limit`', () => {
    expect(pairKey('b', 'a')).toBe(pairKey('a', 'b'));
    const faces = Array.from({ length: 10 }, (_, i) => face(`p${i}`, `a${i}`, i * 0.01));
    const people = faces.map((f) => person(f.personId));
    expect(mergeSuggestions('faceapi', THRESHOLD, faces, people, new Set(), 5)).toHaveLength(5);
  });
});
