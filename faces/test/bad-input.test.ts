/** Input the engine must survive: no face, tiny, over the pixel limit, greyscale, not an image. */
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { createFaceEngine, FaceInputError } from '../src/index.js';
import { facelessImage, partyPhoto } from './engine-fixture.js';

describe('face engine on bad input', () => {
  const engine = createFaceEngine({ poolSize: 1, maxPixels: 20_000_000 });
  afterAll(() => engine.close());

  it('finds no face in a landscape without people', async () => {
    const r = await engine.analyse(await facelessImage());
    expect(r.faces).toEqual([]);
    expect(r.width).toBe(640);
  });

  it('answers a 6×6 image with no faces instead of failing', async () => {
    const tiny = await sharp({ create: { width: 6, height: 6, channels: 3, background: '#c96' } })
      .png()
      .toBuffer();
    const r = await engine.analyse(tiny);
    expect(r.faces).toEqual([]);
  });

  it('refuses an image over the pixel limit before decoding it', async () => {
    const huge = await sharp({ create: { width: 5000, height: 5000, channels: 3, background: '#fff' } })
      .png({ compressionLevel: 9 })
      .toBuffer();
    await expect(engine.analyse(huge)).rejects.toMatchObject({ name: 'FaceInputError', code: 'image_too_large' });
  });

  it('refuses bytes that are not an image, and truncated JPEGs, with invalid_image', async () => {
    await expect(engine.analyse(Buffer.from('GIF89a but not really'))).rejects.toBeInstanceOf(FaceInputError);
    const jpeg = partyPhoto(1);
    await expect(engine.analyse(jpeg.subarray(0, Math.floor(jpeg.length / 3)))).rejects.toMatchObject({ code: 'invalid_image' });
  });

  it('finds the same faces in a greyscale copy of a photo', async () => {
    const grey = await sharp(partyPhoto(3)).greyscale().jpeg().toBuffer();
    const [colour, mono] = [await engine.analyse(partyPhoto(3)), await engine.analyse(grey)];
    expect(mono.faces).toHaveLength(colour.faces.length);
  });

  it('keeps working after every failure above', async () => {
    expect((await engine.analyse(partyPhoto(6))).faces).toHaveLength(4);
  });
});
