/**
 * Where the responder's cut-out goes in the requester's scene, and at what size: geometry over
 * face boxes and two coarse masks, all in px. The scene is never widened: the person is placed
 * inside it (a person cut by their own photo's edge sits on the scene's edge, as people at the end
 * of a row are).
 *
 * - Size: people standing together have faces of about the same height in the picture (same
 *   distance from the camera), so the cut-out is scaled until its face is as tall as its
 *   neighbour's, the nearest face of the scene's main group; the scale is exact, so the two agree
 *   well within 10% (face boxes are what the face engine measured).
 * - Floor: faces level with the neighbour; a person cut at the bottom of their own photo is lowered
 *   until the cut meets the bottom of the scene; a person seen whole stands on the scene's floor
 *   line (where the neighbours' bodies end), within half a face height of level.
 * - Position: every column where the whole face fits in the frame is tried; each costs any
 *   overlap with a scene's face (heavy; the cheapest spot in a crowded scene may still touch one),
 *   the scene's people under the newcomer's head (a head over someone's body looks pasted on),
 *   under their body (lighter), a straight side standing in the open (a cut shows unless it lies
 *   on the frame), and distance
 *   from "shoulder to shoulder" (head centres ~2 face widths from the neighbour). The cheapest wins.
 *
 * Seed: image-exchange-and-synthesis (Changhong) — "group photos of users in different places at the same time".
 */
import type { Box } from '@kith/faces';
import { occupancy, type Mask } from './scene-people.js';

export interface PlacementInput {
  /** Scene (requester's image) size, px. */
  scene: { width: number; height: number };
  /** Every face of the scene, scene px. */
  sceneFaces: Box[];
  /** Everyone in the scene (any resolution; proportional to the scene); null when unknown. */
  scenePeople: Mask | null;
  /**
   * The cut-out (responder's person box) at its own resolution, px. `touchesBottom`: cut by the bottom
   * of their own photo. `cutLeft` / `cutRight`: that side ends in a straight cut (their photo's edge,
   * or where a neighbour of theirs was cut away): it must lie on the scene's frame or behind the scene's people.
   */
  person: {
    width: number;
    height: number;
    touchesBottom: boolean;
    cutLeft: boolean;
    cutRight: boolean;
    inset?: { left: number; right: number };
  };
  /** The person's own mask over the cut-out (any resolution, proportional to it); null = the whole box. */
  personMask: Mask | null;
  /** The kept face inside the cut-out, px relative to the cut-out's top-left. */
  personFace: Box;
}

export interface Placement {
  /** Multiply the cut-out's px by this. */
  scale: number;
  /** Top-left of the scaled cut-out on the scene, px; may be negative or overflow (clip it). */
  left: number;
  top: number;
  /** The neighbour the size was taken from (scene px). */
  neighbour: Box;
  /** Share of the newcomer's head region covered by the scene's people (0..1). */
  headOverlap: number;
  /** Share of the newcomer's body lying over the scene's people (0..1). */
  bodyOverlap: number;
}

/** Head centres this many face widths apart: shoulder to shoulder. */
const HEAD_SPACING = 2;
/** Faces at least this fraction of the main face's height count as the main group (not the background). */
const MAIN_GROUP = 0.6;
/** Scale never beyond this (memory: a tiny face would blow the cut-out up). */
const MAX_SCALE = 8;
/** Faces may not come closer than this share of the newcomer's face width. */
const FACE_MARGIN = 0.15;

const cx = (b: Box) => b.x + b.width / 2;

/** Share of a person-mask grid's foreground that lands on the scene's people at a given placement. */
function bodyCover(input: PlacementInput, scale: number, left: number, top: number): number {
  const { personMask: pm, scenePeople: sp, person, scene } = input;
  if (!sp) return 0;
  if (!pm) return occupancy(sp, { x: left, y: top, width: person.width * scale, height: person.height * scale }, sp.width / scene.width);
  const k = sp.width / scene.width;
  const stepX = Math.max(1, Math.floor(pm.width / 32));
  const stepY = Math.max(1, Math.floor(pm.height / 48));
  let mine = 0;
  let covered = 0;
  for (let y = 0; y < pm.height; y += stepY) {
    for (let x = 0; x < pm.width; x += stepX) {
      if (pm.data[y * pm.width + x] < 128) continue;
      mine++;
      const sx = Math.floor((left + ((x + 0.5) / pm.width) * person.width * scale) * k);
      const sy = Math.floor((top + ((y + 0.5) / pm.height) * person.height * scale) * k);
      if (sx < 0 || sy < 0 || sx >= sp.width || sy >= sp.height) continue;
      if (sp.data[sy * sp.width + sx] >= 128) covered++;
    }
  }
  return mine ? covered / mine : 0;
}

/** Whether one straight side of the cut-out lies on or past the scene's frame (so the cut does not show). */
function onFrame(input: PlacementInput, side: 'left' | 'right', scale: number, left: number): boolean {
  const { person, scene } = input;
  // The box has a soft fringe beyond the opaque person: the opaque edge is what must reach the frame.
  const inset = ((side === 'left' ? person.inset?.left : person.inset?.right) ?? 0) * scale;
  return side === 'left' ? left + inset <= 2 : left + person.width * scale - inset >= scene.width - 2;
}

/**
 * @throws RangeError when the scene has no face, or is narrower than the newcomer's face would be
 *   (the caller falls back to a diptych).
 */
export function placePerson(input: PlacementInput): Placement {
  const { scene, sceneFaces, person, personFace, scenePeople } = input;
  if (sceneFaces.length === 0) throw new RangeError('placement needs at least one face in the scene');
  const main = sceneFaces.reduce((a, b) => (b.height > a.height ? b : a));
  const group = sceneFaces.filter((f) => f.height >= main.height * MAIN_GROUP);
  const k = scenePeople ? scenePeople.width / scene.width : 1;
  let best: (Placement & { cost: number }) | null = null;
  const step = Math.max(2, main.width / 6);
  for (let faceCx = main.width / 2; faceCx <= scene.width - main.width / 2; faceCx += step) {
    const neighbour = group.reduce((a, b) => (Math.abs(cx(b) - faceCx) < Math.abs(cx(a) - faceCx) ? b : a));
    const scale = Math.min(MAX_SCALE, (2.5 * scene.height) / person.height, Math.max(0.05, neighbour.height / personFace.height));
    const faceW = personFace.width * scale;
    const faceH = personFace.height * scale;
    const left = faceCx - (personFace.x + personFace.width / 2) * scale;
    const height = person.height * scale;
    // The whole face inside the frame.
    if (faceCx - faceW / 2 < 0 || faceCx + faceW / 2 > scene.width) continue;
    // Faces level, then the floor.
    let top = neighbour.y + (neighbour.height - faceH) / 2 - personFace.y * scale;
    if (person.touchesBottom) {
      if (top + height < scene.height) top = scene.height - height;
    } else if (scenePeople) {
      // The floor under the neighbour: where the scene's people end in their columns.
      const floor = floorUnder(scenePeople, neighbour, k);
      if (floor !== null) {
        const want = floor - height;
        const level = top;
        top = Math.min(level + 0.5 * faceH, Math.max(level - 0.5 * faceH, want));
      }
    }
    // The whole face in the frame, even if a cut at the bottom then shows above the frame's edge.
    top -= Math.max(0, top + personFace.y * scale + faceH - scene.height);
    top += Math.max(0, -(top + personFace.y * scale));
    const faceY = top + personFace.y * scale;
    // Head region: the face widened for hair, from above the brow to the chin.
    const head = { x: faceCx - faceW * 0.8, y: faceY - faceH * 0.5, width: faceW * 1.6, height: faceH * 1.6 };
    // Share of the newcomer's face (with a margin) lying on a scene face: heavy, a face must stay clear.
    const m = FACE_MARGIN * faceW;
    const faceHit = sceneFaces.reduce((worst, f) => {
      const w = Math.min(faceCx + faceW / 2 + m, f.x + f.width) - Math.max(faceCx - faceW / 2 - m, f.x);
      const h = Math.min(faceY + faceH + m, f.y + f.height) - Math.max(faceY - m, f.y);
      return w > 0 && h > 0 ? Math.max(worst, (w * h) / ((faceW + 2 * m) * (faceH + 2 * m))) : worst;
    }, 0);
    const headOverlap = scenePeople ? occupancy(scenePeople, head, k) : 0;
    const bodyOverlap = bodyCover(input, scale, left, top);
    const gap = Math.abs(faceCx - cx(neighbour)) / ((neighbour.width + faceW) / 2);
    // A straight side anywhere but on the frame shows as a cut.
    const openCut =
      (person.cutRight && !onFrame(input, 'right', scale, left) ? 1 : 0) + (person.cutLeft && !onFrame(input, 'left', scale, left) ? 1 : 0);
    const cost = 20 * faceHit + 4 * headOverlap + bodyOverlap + 0.05 * (gap - HEAD_SPACING) ** 2 + 1.5 * openCut;
    if (!best || cost < best.cost)
      best = { scale, left: Math.round(left), top: Math.round(top), neighbour, headOverlap, bodyOverlap, cost };
  }
  if (!best) throw new RangeError('the scene is too small for a face');
  const { cost: _cost, ...placement } = best;
  return placement;
}

/** The scene's floor line under a face's shoulders, scene px; null when unknown. */
function floorUnder(mask: Mask, face: Box, k: number): number | null {
  const x0 = (face.x - face.width * 0.25) * k;
  const x1 = (face.x + face.width * 1.25) * k;
  const a = Math.max(0, Math.floor(x0));
  const b = Math.min(mask.width, Math.ceil(x1));
  for (let y = mask.height - 1; y >= 0; y--) {
    let count = 0;
    for (let x = a; x < b; x++) if (mask.data[y * mask.width + x] >= 128) count++;
    if (b > a && count >= (b - a) / 4) return (y + 1) / k;
  }
  return null;
}
