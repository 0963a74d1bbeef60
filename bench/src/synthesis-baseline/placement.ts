/**
 * Where the responder's cut-out goes in the requester's scene, and at what size: pure geometry,
 * all boxes in px.
 *
 * - Size: faces of people standing together are about the same height in the picture, so the
 *   cut-out is scaled until its face is as tall as the requester's (face engine boxes of both images).
 * - Side: the one with more room beside the outermost person of the scene's main group, unless
 *   the person is cut by one side of their own photo: then that side, with the cut on the frame.
 * - Distance: head centres about 2 face widths apart, people standing shoulder to shoulder
 *   (squeezed to 1.4 in a narrow scene); no face of the scene is covered.
 * - Height: faces level; a person cut off by the bottom of their own photo is lowered until the cut
 *   meets the bottom of the scene, so no torso floats in mid-air.
 * - When the scene still has no room for the face, the canvas is widened on that side (the caller
 *   fills the strip with the scene's edge, mirrored and blurred).
 *
 * Seed: image-exchange-and-synthesis (Changhong) — "group photos of users in different places at the same time".
 */
import type { Box } from '@kith/faces';

export interface PlacementInput {
  /** Scene (requester's image) size, px. */
  scene: { width: number; height: number };
  /** Every face of the scene, scene px. */
  sceneFaces: Box[];
  /** The cut-out (responder's person box) at its own resolution, px. */
  /** `touches…`: the person is cut by that edge of their own photo. */
  person: { width: number; height: number; touchesBottom: boolean; touchesLeft: boolean; touchesRight: boolean };
  /** The kept face inside the cut-out, px relative to the cut-out's top-left. */
  personFace: Box;
}

export interface Placement {
  /** Multiply the cut-out's px by this. */
  scale: number;
  /** Top-left of the scaled cut-out on the (possibly widened) canvas, px; may be negative or overflow (clip it). */
  left: number;
  top: number;
  side: 'left' | 'right';
  /** Columns to add to the scene on each side before compositing, px. */
  extendLeft: number;
  extendRight: number;
}

/** Head centres this many (mean) face widths apart. */
const HEAD_SPACING = 2;
/** Never closer than this when squeezing into a narrow scene (heads touch below ~1.2). */
const MIN_HEAD_SPACING = 1.4;
/** Faces at least this fraction of the main face's height count as the main group (not the background). */
const MAIN_GROUP = 0.6;

const cx = (b: Box) => b.x + b.width / 2;

/**
 * The side to stand on: the one with more room beside the group, except that a person cut by one
 * side of their own photo goes to that side of the scene when it has room enough for their face
 * (the cut then meets the frame instead of showing as a straight edge in the open).
 */
function sideFor(input: PlacementInput, roomLeft: number, roomRight: number, faceW: number): 'left' | 'right' {
  const { touchesLeft, touchesRight } = input.person;
  const enough = (MIN_HEAD_SPACING - 0.5) * faceW + faceW;
  if (touchesRight && !touchesLeft && roomRight >= enough) return 'right';
  if (touchesLeft && !touchesRight && roomLeft >= enough) return 'left';
  return roomRight >= roomLeft ? 'right' : 'left';
}

/**
 * @throws RangeError when the scene has no face (the caller falls back to a diptych before this).
 */
export function placePerson(input: PlacementInput): Placement {
  const { scene, sceneFaces, person, personFace } = input;
  if (sceneFaces.length === 0) throw new RangeError('placement needs at least one face in the scene');
  const main = sceneFaces.reduce((a, b) => (b.height > a.height ? b : a));
  const group = sceneFaces.filter((f) => f.height >= main.height * MAIN_GROUP);
  const leftmost = group.reduce((a, b) => (b.x < a.x ? b : a));
  const rightmost = group.reduce((a, b) => (b.x + b.width > a.x + a.width ? b : a));
  // The newcomer's face will be about as wide as the main face (same height, similar shape).
  const side = sideFor(input, leftmost.x, scene.width - (rightmost.x + rightmost.width), main.width);
  const neighbour = side === 'right' ? rightmost : leftmost;
  const dir = side === 'right' ? 1 : -1;

  // Same depth as the neighbour, so the same face height.
  // Bounded so a tiny face in the responder's photo cannot blow the cut-out up past 2.5 scene heights (memory).
  const scale = Math.min(8, (2.5 * scene.height) / person.height, Math.max(0.05, neighbour.height / personFace.height));
  const faceW = personFace.width * scale;
  const faceH = personFace.height * scale;
  const meanW = (neighbour.width + faceW) / 2;
  let faceCx = cx(neighbour) + dir * HEAD_SPACING * meanW;
  // The whole face should be on the scene: squeeze in towards the neighbour first (down to
  // MIN_HEAD_SPACING), then widen the canvas for the rest.
  const overflow = side === 'right' ? faceCx + faceW / 2 - scene.width : faceW / 2 - faceCx;
  if (overflow > 0) faceCx -= dir * Math.min(overflow, (HEAD_SPACING - MIN_HEAD_SPACING) * meanW);
  const faceOffset = (personFace.x + personFace.width / 2) * scale;
  let left = faceCx - faceOffset;
  const width = person.width * scale;
  // A side cut by the person's own frame sits on the scene's frame, never in the open.
  if (side === 'right' && person.touchesRight && left + width < scene.width) left = scene.width - width;
  if (side === 'left' && person.touchesLeft && left > 0) left = 0;
  faceCx = left + faceOffset;

  // Faces level: the cut-out's face centred on the neighbour's face height.
  let top = neighbour.y + (neighbour.height - faceH) / 2 - personFace.y * scale;
  const bottom = top + person.height * scale;
  if (person.touchesBottom && bottom < scene.height) top += scene.height - bottom;

  let extendLeft = Math.max(0, Math.ceil(faceW / 2 - (faceCx - faceW / 2)));
  let extendRight = Math.max(0, Math.ceil(faceCx + faceW - scene.width));
  // Never widen past a cut edge: it would stand in the open strip.
  if (person.touchesRight) extendRight = Math.min(extendRight, Math.max(0, Math.floor(left + width - scene.width)));
  if (person.touchesLeft) extendLeft = Math.min(extendLeft, Math.max(0, Math.floor(-left)));
  return { scale, left: Math.round(left + extendLeft), top: Math.round(top), side, extendLeft, extendRight };
}
