#!/usr/bin/env node
// The `kith` command: runs the TypeScript sources through tsx's loader (as the server's entry does).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(process.argv);
