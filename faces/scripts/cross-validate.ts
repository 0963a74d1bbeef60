/**
 * Chooses a model's shipped threshold and margin by cross-validation over people on sets A and
 * C, and reports how they would do on people nobody tuned them on.
 *
 *   npm run calibrate:faces:cv [-- --model fusion]   (needs ../shared/fixtures/faces and faces-c;
 *                                                     default: the shipped model, DEFAULT_MODEL)
 *
 * Leave one person out: each fold chooses the threshold with the best balanced accuracy
 * ((TAR + TNR) / 2) on the other people's pairs, strictly under the closest same-photo pair of
 * every group and party photo (two faces of one photo must never match), and the margin with
 * the fewest wrong, then most right, identifications of the other people; then the held-out
 * person's pairs and photos are judged with that fold's choice. The shipped values are the same
 * procedure on everyone. Descriptors are cached (calibration-data.ts), so reruns are fast.
 * Writes the model's entry of faces/src/calibrated-thresholds.json (listed in `crossValidated`,
 * which calibrate.ts then keeps) and, for the shipped model, the cross-validation section of
 * docs/face-calibration.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createFaceEngine, DEFAULT_MODEL } from '../src/face-engine.js';
import type { EmbeddingModel } from '../src/types.js';
import { collectCalibrationData, SET_DIRS } from './calibration-data.js';
import { writeCvSection } from './cv-report.js';
import { crossValidate } from './cv-run.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const JSON_OUT = path.resolve(here, '../src/calibrated-thresholds.json');

for (const dir of Object.values(SET_DIRS))
  if (!fs.existsSync(path.join(dir, 'labels.json'))) {
    console.error(`cross-validate: ${dir} is absent; the cross-validation needs labelled sets A and C.`);
    process.exit(2);
  }

const flag = process.argv.indexOf('--model');
const model = (flag >= 0 ? process.argv[flag + 1] : DEFAULT_MODEL) as EmbeddingModel;
const engine = createFaceEngine({ model });
const t0 = performance.now();
const data = await collectCalibrationData(engine, ['A', 'C'], { cache: true });
const modelVersion = engine.modelVersion;
await engine.close();
console.error(`descriptors ready in ${((performance.now() - t0) / 1000).toFixed(1)} s`);

const report = crossValidate(data, model, modelVersion);
console.log(JSON.stringify(report, null, 2));

const json = JSON.parse(fs.readFileSync(JSON_OUT, 'utf8'));
json.models[model] = { threshold: Number(report.shipped.threshold.toFixed(4)), margin: Number(report.shipped.margin.toFixed(4)) };
json.crossValidated = [...new Set([...(json.crossValidated ?? []), model])].sort();
json.crossValidatedBy = 'faces/scripts/cross-validate.ts (leave one person out on sets A and C)';
fs.writeFileSync(JSON_OUT, JSON.stringify(json, null, 2) + '\n');
if (model === DEFAULT_MODEL) writeCvSection(report);
console.error(
  `wrote the ${model} entry of ${path.relative(process.cwd(), JSON_OUT)}${model === DEFAULT_MODEL ? ' and the cross-validation section of docs/face-calibration.md' : ''}`,
);
