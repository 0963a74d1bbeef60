// Entry point of the vCard worker thread: registers tsx so the TypeScript handler loads the same
// way under `kith serve` (tsx), vitest and plain node (as faces/src/worker/analyse.worker.mjs does).
import { register } from 'tsx/esm/api';

register();
const { runVCardTask } = await import('./vcard-tasks.ts');
export default runVCardTask;
