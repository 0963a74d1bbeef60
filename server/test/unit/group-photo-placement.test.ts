/** placePerson (synthesis mode placement): size by face height, floor, frame cuts, the scene's people, never widening. */
import { describe, expect, it } from 'vitest';
import { placePerson, type PlacementInput } from '../../src/exchanges/synthesis/placement.js';

const scene = { width: 1600, height: 1000 };
const person = { width: 400, height: 900, touchesBottom: false, cutLeft: false, cutRight: false };
/** The cut-out's face, 100×100 px near its top centre. */
const personFace = { x: 150, y: 50, width: 100, height: 100 };
const base = { scene, person, personFace, scenePeople: null, personMask: null };

/** The scaled face box on the scene for a placement. */
function placedFace(input: PlacementInput) {
  const p = placePerson(input);
  return { p, face: { x: p.left + personFace.x * p.scale, y: p.top + personFace.y * p.scale, size: personFace.width * p.scale } };
}

const overlaps = (a: { x: number; width: number }, x: number, size: number) => x < a.x + a.width && a.x < x + size;

describe('placePerson', () => {
  it('matches the face heights (within 10%) and stands beside the requester, faces level, inside the frame', () => {
    const requester = { x: 300, y: 200, width: 200, height: 200 };
    const { p, face } = placedFace({ ...base, sceneFaces: [requester] });
    expect(Math.abs(face.size / requester.height - 1)).toBeLessThan(0.1);
    expect(face.y).toBeCloseTo(requester.y, 0);
    expect(overlaps(requester, face.x, face.size)).toBe(false);
    expect(face.x).toBeGreaterThanOrEqual(0);
    expect(face.x + face.size).toBeLessThanOrEqual(scene.width);
    // Shoulder to shoulder: head centres about 2 face widths apart, not across the room.
    expect(Math.abs(face.x + face.size / 2 - (requester.x + requester.width / 2))).toBeLessThan(3 * requester.width);
    expect(p).not.toHaveProperty('extendLeft');
  });

  it('puts a person cut by the right side of their photo on the right frame, the cut on the frame', () => {
    const requester = { x: 1000, y: 200, width: 100, height: 100 }; // more room on the left
    const p = placePerson({ ...base, sceneFaces: [requester], person: { ...person, cutRight: true } });
    expect(p.left + person.width * p.scale).toBeGreaterThanOrEqual(scene.width - 2);
  });

  it('lowers a person cut at the bottom of their photo until the cut meets the bottom of the scene', () => {
    const requester = { x: 300, y: 100, width: 100, height: 100 };
    const short = { ...person, height: 400, touchesBottom: true };
    const p = placePerson({ ...base, sceneFaces: [requester], person: short });
    expect(p.top + short.height * p.scale).toBeGreaterThanOrEqual(scene.height - 1);
  });

  it('never widens: in a scene with people at both edges the newcomer stands between them, inside the frame', () => {
    const faces = [
      { x: 20, y: 200, width: 200, height: 200 },
      { x: 1380, y: 200, width: 200, height: 200 },
    ];
    const { face } = placedFace({ ...base, sceneFaces: faces });
    expect(face.x).toBeGreaterThanOrEqual(0);
    expect(face.x + face.size).toBeLessThanOrEqual(scene.width);
    for (const f of faces) expect(overlaps(f, face.x, face.size)).toBe(false);
  });

  it("keeps clear of the scene's people: the side where a body fills the frame is avoided", () => {
    const requester = { x: 700, y: 200, width: 200, height: 200 };
    // Everyone's mask at 1/10 scale: the requester's body plus a wide group on the right half.
    const mask = { width: 160, height: 100, data: new Uint8Array(160 * 100) };
    for (let y = 20; y < 100; y++) for (let x = 70; x < 160; x++) mask.data[y * 160 + x] = 255;
    const { face } = placedFace({ ...base, sceneFaces: [requester], scenePeople: mask });
    expect(face.x + face.size).toBeLessThanOrEqual(requester.x);
  });

  it('refuses a scene without faces, and one narrower than the newcomer’s face', () => {
    expect(() => placePerson({ ...base, sceneFaces: [] })).toThrow(RangeError);
    const tiny = { width: 150, height: 1000 };
    expect(() => placePerson({ ...base, scene: tiny, sceneFaces: [{ x: 0, y: 0, width: 200, height: 200 }] })).toThrow(RangeError);
  });
});
