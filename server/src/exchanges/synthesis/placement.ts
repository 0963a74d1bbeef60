/**
 * Where the responder's cut-out goes in the requester's scene, and at what size: pure geometry,
 * all boxes in px.
 *
 * - Size: faces of people standing together are about the same height in the picture, so the
 *   cut-out is scaled until its face is as tall as the requester's (face engine boxes of both images).
 * - Side: the one with more room beside the outermost person of the scene's main group.
 * - Distance: head centres about 2 face widths apart, people standing shoulder to shoulder;
 *   no face of the scene is covered.
 * - Height: faces level; a person cut off by the bottom of their own photo is lowered until the cut
 *   meets the bottom of the scene, so no torso floats in mid-air.
 * - When the scene has no room left for the face, the canvas is widened on that side (the caller
 *   mirrors the scene's edge into it).
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
  person: { width: number; height: number; touchesBottom: boolean };
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
/** Faces at least this fraction of the main face's height count as the main group (not the background). */
const MAIN_GROUP = 0.6;

const cx = (b: Box) => b.x + b.width / 2;

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
  const roomLeft = leftmost.x;
  const roomRight = scene.width - (rightmost.x + rightmost.width);
  const side = roomRight >= roomLeft ? 'right' : 'left';
  const neighbour = side === 'right' ? rightmost : leftmost;

  const scale = Math.min(8, Math.max(0.05, neighbour.height / personFace.height));
  const faceW = personFace.width * scale;
  const faceH = personFace.height * scale;
  const spacing = (HEAD_SPACING * (neighbour.width + faceW)) / 2;
  const faceCx = side === 'right' ? cx(neighbour) + spacing : cx(neighbour) - spacing;
  let left = faceCx - (personFace.x + personFace.width / 2) * scale;
  // Faces level: the cut-out's face top on the neighbour's face top, adjusted for the size difference.
  let top = neighbour.y + (neighbour.height - faceH) / 2 - personFace.y * scale;
  const bottom = top + person.height * scale;
  if (person.touchesBottom && bottom < scene.height) top += scene.height - bottom;

  // Keep the whole face (and half a face width of air) on the canvas: widen it when needed.
  const margin = faceW / 2;
  const faceLeft = faceCx - faceW / 2 - margin;
  const faceRight = faceCx + faceW / 2 + margin;
  const extendLeft = Math.max(0, Math.ceil(-faceLeft));
  const extendRight = Math.max(0, Math.ceil(faceRight - scene.width));
  left += extendLeft;
  return { scale, left: Math.round(left), top: Math.round(top), side, extendLeft, extendRight };
}
