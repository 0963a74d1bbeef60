import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { cropRegion } from '../../src/region-shares/region-crop.js';

/**
 * cropRegion's PNG must hold exactly what a direct sharp extract → PNG of the source holds, whatever
 * the source's channels and depth (alpha, grey, 16-bit), so the crop stays pixel-exact.
 */
const rect = { x: 5, y: 7, width: 30, height: 20 };
const region = (w: number, h: number) => ({
  rect,
  fraction: { x: rect.x / w, y: rect.y / h, width: rect.width / w, height: rect.height / h },
  naturalWidth: w,
  naturalHeight: h,
});

async function source(channels: 1 | 2 | 3 | 4, sixteen = false): Promise<Buffer> {
  const w = 64;
  const h = 48;
  const raw = sixteen ? new Uint16Array(w * h * channels) : Buffer.alloc(w * h * channels);
  for (let i = 0; i < raw.length; i++) raw[i] = sixteen ? (i * 2654435761) % 65536 : (i * 37) % 256;
  const img = sharp(raw, { raw: { width: w, height: h, channels } });
  return (sixteen ? img.toColourspace(channels >= 3 ? 'rgb16' : 'grey16') : img).png().toBuffer();
}

const decoded = async (png: Buffer) => {
  const { data, info } = await sharp(png).raw({ depth: 'ushort' }).toBuffer({ resolveWithObject: true });
  return { data, channels: info.channels, width: info.width, height: info.height };
};

describe('cropRegion', () => {
  it.each([
    ['grey', 1, false],
    ['grey + alpha', 2, false],
    ['RGB', 3, false],
    ['RGBA', 4, false],
    ['16-bit RGB', 3, true],
    ['16-bit grey', 1, true],
  ] as const)('encodes the same pixels as a direct extract of a %s PNG', async (_name, channels, sixteen) => {
    const src = await source(channels, sixteen);
    const crop = await cropRegion(src, region(64, 48), 1e8);
    const direct = await sharp(src)
      .rotate()
      .extract({ left: rect.x, top: rect.y, width: rect.width, height: rect.height })
      .png()
      .toBuffer();
    expect(await decoded(crop.png)).toEqual(await decoded(direct));
  });
});
