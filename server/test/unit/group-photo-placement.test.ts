/** placePerson (synthesis mode placement): size by face height, side, spacing, frame cuts, widening. */
import { describe, expect, it } from 'vitest';
import { placePerson, type PlacementInput } from '../../src/exchanges/synthesis/placement.js';

const scene = { width: 1600, height: 1000 };
const person = { width: 400, height: 900, touchesBottom: false, touchesLeft: false, touchesRight: false };
/** The cut-out's face, 100×100 px near its top centre. */
const personFace = { x: 150, y: 50, width: 100, height: 100 };

/** The scaled face box on the canvas for a placement. */
function placedFace(input: PlacementInput) {
  const p = placePerson(input);
  return { p, face: { x: p.left + personFace.x * p.scale, y: p.top + personFace.y * p.scale, size: personFace.width * p.scale } };
}

describe('placePerson', () => {
  it('matches the face heights and stands on the side with more room, beside and level with the requester', () => {
    const requester = { x: 300, y: 200, width: 200, height: 200 };
    const { p, face } = placedFace({ scene, sceneFaces: [requester], person, personFace });
    expect(p.scale).toBeCloseTo(2);
    expect(p.side).toBe('right');
    expect(face.y).toBeCloseTo(requester.y, 0);
    expect(face.x).toBeGreaterThanOrEqual(requester.x + requester.width); // no overlap with the requester's face
    expect(face.x + face.size).toBeLessThanOrEqual(scene.width);
    expect([p.extendLeft, p.extendRight]).toEqual([0, 0]);
  });

  it('puts a person cut by the right side of their photo on the right, the cut on the frame', () => {
    const requester = { x: 1000, y: 200, width: 100, height: 100 }; // more room on the left
    const p = placePerson({ scene, sceneFaces: [requester], person: { ...person, touchesRight: true }, personFace });
    expect(p.side).toBe('right');
    expect(p.left + person.width * p.scale).toBeGreaterThanOrEqual(scene.width);
  });

  it('lowers a person cut at the bottom of their photo until the cut meets the bottom of the scene', () => {
    const requester = { x: 300, y: 100, width: 100, height: 100 };
    const short = { ...person, height: 400, touchesBottom: true };
    const p = placePerson({ scene, sceneFaces: [requester], person: short, personFace });
    expect(p.top + short.height * p.scale).toBeCloseTo(scene.height, 0);
  });

  it('widens the canvas when the scene has no room for the face, never covering a face', () => {
    const faces = [
      { x: 20, y: 200, width: 200, height: 200 },
      { x: 1380, y: 200, width: 200, height: 200 },
    ];
    const { p, face } = placedFace({ scene, sceneFaces: faces, person, personFace });
    expect(p.extendLeft + p.extendRight).toBeGreaterThan(0);
    const neighbour = p.side === 'right' ? faces[1] : faces[0];
    const shifted = neighbour.x + p.extendLeft;
    expect(face.x + face.size <= shifted || face.x >= shifted + neighbour.width).toBe(true);
    expect(face.x).toBeGreaterThanOrEqual(0);
    expect(face.x + face.size).toBeLessThanOrEqual(scene.width + p.extendLeft + p.extendRight);
  });

  it('refuses a scene without faces', () => {
    expect(() => placePerson({ scene, sceneFaces: [], person, personFace })).toThrow(RangeError);
  });
});
