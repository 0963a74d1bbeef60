/** @kith/faces: the face analysis engine, matching and clustering, shared by server and CLI. */
export * from './types.js';
export * from './face-engine.js';
export * from './descriptor-layout.js';
export * from './quality.js';
export * from './matching.js';
export * from './clustering.js';
export { FaceInputError, decodeForAnalysis } from './image-input.js';
export * from './reference-face.js';
export type { WorkerMemory } from './worker/protocol.js';
