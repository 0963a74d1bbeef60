// Entry point of each face worker thread: registers tsx so the TypeScript worker loads the same
// way under `kith serve` (tsx), vitest and plain node, then hands piscina its handler.
import { register } from 'tsx/esm/api';

register();
const { default: handle } = await import('./analyse.worker.ts');
export default handle;
