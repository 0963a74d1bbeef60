/**
 * Splits Human's single pass into blazeface detection and facemesh landmarks by timing two
 * configurations on the same photos in this thread: detection only; + mesh. The mesh stage is
 * the difference of the two runs. (The identity net's time is the engine's `descriptor` timing.)
 */
import { loadRuntime } from '../../faces/src/worker/tfjs-runtime.js';
import { decodeForAnalysis } from '../../faces/src/image-input.js';

async function meanMs(opts: { faceres: boolean; mesh: boolean }, photos: Buffer[]): Promise<number> {
  const rt = await loadRuntime({ faceres: opts.faceres, faceapi: false, mesh: opts.mesh, faceresInHuman: true });
  const inputs = await Promise.all(photos.map((p) => decodeForAnalysis(p, 1024, 1e8)));
  const run = async () => {
    const t0 = performance.now();
    for (const input of inputs) {
      const tensor = rt.tf.tensor3d(input.data, [input.height, input.width, 3], 'int32');
      await rt.human.detect(tensor);
      tensor.dispose();
    }
    return (performance.now() - t0) / inputs.length;
  };
  await run(); // warm-up: kernel compilation
  return run();
}

/** Mean ms per photo of each stage of Human's pass. */
export async function stageSplit(photos: Buffer[]): Promise<Record<string, number>> {
  const detect = await meanMs({ faceres: false, mesh: false }, photos);
  const mesh = await meanMs({ faceres: false, mesh: true }, photos);
  return { 'blazeface detection': detect, 'facemesh landmarks': mesh - detect };
}
