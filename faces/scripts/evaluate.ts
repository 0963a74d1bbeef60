/**
 * `npm run -s faces:evaluate -- DIR`: the shipped face engine and threshold on a labelled folder.
 * Prints one JSON object on stdout (fields: FolderEvaluation in evaluate-folder.ts); progress and
 * errors go to stderr. Exit 0 once evaluated, whatever the figures; 2 when DIR or its labels.json
 * is missing or malformed. DIR is relative to where npm was started.
 */
import path from 'node:path';
import { createFaceEngine } from '../src/face-engine.js';
import { evaluateFolder, readLabels } from './evaluate-folder.js';

const arg = process.argv[2];
if (!arg) {
  console.error('usage: npm run -s faces:evaluate -- DIR   (DIR/labels.json maps image paths to person names)');
  process.exit(2);
}
// npm runs scripts from the package root; INIT_CWD is where the person typed the command.
const dir = path.resolve(process.env.INIT_CWD ?? process.cwd(), arg);
try {
  readLabels(dir);
} catch (err) {
  console.error(`faces:evaluate: ${(err as Error).message}`);
  process.exit(2);
}
const engine = createFaceEngine();
console.error(`faces:evaluate: analysing ${dir} with ${engine.modelVersion} on ${engine.poolSize} workers…`);
try {
  const result = await evaluateFolder(engine, dir);
  process.stdout.write(JSON.stringify(result) + '\n');
} catch (err) {
  console.error(`faces:evaluate: ${(err as Error).message}`);
  process.exitCode = 2;
} finally {
  await engine.close();
}
