#!/usr/bin/env node
// `kith serve` | `kith worker`: runs the TypeScript sources through tsx's loader.
// For the lowest memory under image load, start it with MALLOC_ARENA_MAX=2 (as `npm start` does).
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
