/**
 * `npm run bench:vcard-abuse`: does a hostile address book stall the server?
 *
 * A real `kith serve` child process on loopback, real HTTP, on SQLite then on PostgreSQL (a
 * database of its own, dropped at the end; skipped when PostgreSQL does not answer). A prober in a
 * thread of its own sends `GET /api/health` one after another, first on the idle server
 * (baseline), then while each of three hostile uploads runs ROUNDS times alone, then all three at
 * once ROUNDS times:
 *
 * - a 20 MB `POST /api/contacts/import`: 20,000 cards (the card cap), each with two phones and a
 *   long NOTE, and the 500,000-parameter TEL line (2 MB) in one of them; a fresh account each
 *   round, so every round parses, probes and inserts all of it;
 * - the many-cards file: 100,000 small cards (7 MB), refused by the card cap;
 * - a big `PUT /api/now-playing/association` body: a 2 MB vCard of 10,000 cards plus the
 *   500,000-parameter line.
 *
 * It prints p50/p99/max of `/api/health` in both phases and what each upload answered.
 * Target (docs/security.md "Address-book parsing limits"): p99 under load < 100 ms.
 */
import os from 'node:os';
import { Worker } from 'node:worker_threads';
import { createDatabase } from '../../e2e/src/cluster.js';
import { signupCookie, startKithServer, verdict } from './bench-harness.js';

const PG_ADMIN_URL = process.env.BENCH_PG_URL ?? process.env.KITH_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const BASELINE_MS = Number(process.env.BENCH_BASELINE_MS ?? 5000);

const card = (name: string, lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', `FN:${name}`, ...lines, 'END:VCARD', ''].join('\r\n');
const hostileLine = 'TEL' + ';X=1'.repeat(500_000) + ':+14155550100';
const phone = (i: number) => `+1415${2_000_000 + i}`;

/** ~20 MB: the card cap's 20,000 cards of ~1 KB, one of them carrying the hostile line. */
function bigImport(): string {
  const note = 'NOTE:' + 'n'.repeat(780); // 20,000 cards just under the 20 MiB body limit
  const cards = Array.from({ length: 20_000 }, (_, i) =>
    card(`Person ${i}`, [`TEL;TYPE=cell:${phone(i)}`, `TEL;TYPE=home:${phone(i + 50_000)}`, note, ...(i === 10_000 ? [hostileLine] : [])]),
  );
  return cards.join('');
}
const manyCards = () => Array.from({ length: 100_000 }, (_, i) => card(`P${i}`, [`TEL:${phone(i)}`])).join('');
const associationBody = () =>
  JSON.stringify({
    self: { name: 'Bench', phone: '+4915110000001' },
    vcard: Array.from({ length: 10_000 }, (_, i) => card(`Friend ${i}`, [`TEL:${phone(i)}`])).join('') + card('Hostile', [hostileLine]),
  });

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))];
const mb = (s: string) => (Buffer.byteLength(s) / 1e6).toFixed(1);

/**
 * The prober's loop, run in a worker thread of its own: the bench's main thread encodes 20 MB bodies
 * and parses 20,000-card reports, and a prober sharing its event loop would file those stalls of the
 * client as the server's latency.
 */
const PROBER = `
const { parentPort, workerData } = require('node:worker_threads');
const byPhase = {};
let phase = 'idle';
let running = true;
parentPort.on('message', (m) => { if (m.phase) phase = m.phase; if (m.stop) running = false; });
(async () => {
  while (running) {
    const mine = phase;
    const t = performance.now();
    const res = await fetch(workerData.url);
    await res.arrayBuffer();
    if (res.status !== workerData.expect) throw new Error(workerData.url + ' answered ' + res.status);
    (byPhase[mine] ??= []).push(performance.now() - t);
    await new Promise((r) => setTimeout(r, 5));
  }
  parentPort.postMessage(byPhase);
})();
`;

/**
 * Sends GET `url` back to back (5 ms apart) from its own thread until `stop()`, filing each latency
 * (ms) under the phase that was current when the request was sent.
 */
function probe(url: string, expect = 200) {
  const worker = new Worker(PROBER, { eval: true, workerData: { url, expect } });
  const result = new Promise<Map<string, number[]>>((resolve, reject) => {
    worker.once('message', (byPhase: Record<string, number[]>) => resolve(new Map(Object.entries(byPhase))));
    worker.once('error', reject);
  });
  return {
    phase: (name: string) => worker.postMessage({ phase: name }),
    async stop() {
      worker.postMessage({ stop: true });
      const byPhase = await result;
      await worker.terminate();
      return byPhase;
    },
  };
}

const line = (label: string, xs: number[]) =>
  `  ${label.padEnd(46)} n ${String(xs.length).padStart(5)}   p50 ${pct(xs, 50).toFixed(1).padStart(6)} ms   p99 ${pct(xs, 99)
    .toFixed(1)
    .padStart(6)} ms   max ${Math.max(...xs)
    .toFixed(1)
    .padStart(6)} ms`;

async function run(engine: string, env: Record<string, string>, payloads: { big: string; many: string; assoc: string }) {
  const { big, many, assoc } = payloads;
  console.log(`\n${engine} (load average ${os.loadavg()[0].toFixed(2)}, ${os.cpus().length} cores)`);
  const kith = await startKithServer({ env });
  try {
    const post = async (path: string, cookie: string, body: string, type: string, method = 'POST') => {
      const t = performance.now();
      const res = await fetch(`${kith.url}${path}`, { method, headers: { cookie, 'content-type': type }, body });
      const json = (await res.json()) as { code?: string; report?: { imported: number; skipped: number } };
      const what = json.report ? `imported ${json.report.imported}, skipped ${json.report.skipped}` : (json.code ?? '');
      return `${res.status} ${what} in ${((performance.now() - t) / 1000).toFixed(1)} s`;
    };
    const owner = await signupCookie(kith.url, 'vcard-bench');
    // Warm the vCard worker thread and the routes once, outside both measurements.
    await post('/api/contacts/import', owner, card('Warm', [`TEL:${phone(1)}`]), 'text/vcard');

    const prober = probe(`${kith.url}/api/health`);
    // Anonymous GET /api/me answers 401 without touching the database: the event loop alone.
    const loop = probe(`${kith.url}/api/me`, 401);
    const phase = (name: string) => [prober, loop].forEach((p) => p.phase(name));
    await new Promise((r) => setTimeout(r, BASELINE_MS));
    const answers: string[] = [];
    let n = 0;
    const importer = async () => signupCookie(kith.url, `vcard-bench-${++n}`); // a fresh book: every card is new
    const uploads: Record<string, () => Promise<string>> = {
      'import 20 MB': async () => post('/api/contacts/import', await importer(), big, 'text/vcard'),
      'many-cards file': async () => post('/api/contacts/import', owner, many, 'text/vcard'),
      'association body': async () => post('/api/now-playing/association', owner, assoc, 'application/json', 'PUT'),
    };
    // Each upload alone, then all three at once, ROUNDS times each.
    for (const [name, upload] of Object.entries(uploads)) {
      phase(name);
      for (let round = 1; round <= ROUNDS; round++) answers.push(`  ${name}, round ${round}: ${await upload()}`);
    }
    phase('all three at once');
    for (let round = 1; round <= ROUNDS; round++)
      answers.push(`  all three, round ${round}: ${(await Promise.all(Object.values(uploads).map((u) => u()))).join('; ')}`);
    const [health, anonymous] = [await prober.stop(), await loop.stop()];

    console.log(answers.join('\n'));
    const hostile = (byPhase: Map<string, number[]>) => [...byPhase].flatMap(([name, xs]) => (name === 'idle' ? [] : xs));
    for (const [label, byPhase] of [
      ['/api/health', health],
      ['anonymous /api/me', anonymous],
    ] as const) {
      for (const [name, xs] of byPhase) console.log(line(`${label}, ${name === 'idle' ? 'idle (baseline)' : name}`, xs));
      console.log(line(`${label}, every hostile phase`, hostile(byPhase)));
    }
    const p99 = pct(hostile(health), 99);
    console.log(
      `  /api/health p99 under load ${p99.toFixed(1)} ms (idle ${pct(health.get('idle') ?? [], 99).toFixed(1)} ms): ${verdict(p99 < 100, 'p99 < 100 ms')}`,
    );
    console.log(`  peak RSS of the server ${kith.peakRssMB().toFixed(0)} MB`);
  } finally {
    await kith.stop();
  }
}

async function main() {
  console.log('vCard abuse: /api/health while hostile address books are read');
  const payloads = { big: bigImport(), many: manyCards(), assoc: associationBody() };
  console.log(
    `  payloads: import ${mb(payloads.big)} MB, many-cards ${mb(payloads.many)} MB, association ${mb(payloads.assoc)} MB; ${ROUNDS} rounds`,
  );
  await run('SQLite', {}, payloads);
  const pg = await createDatabase({ adminUrl: PG_ADMIN_URL, namePrefix: 'kith_vcard' }).catch((e: Error) => {
    console.log(`\nPostgreSQL skipped: ${e.message}`);
    return null;
  });
  if (!pg) return;
  try {
    await run('PostgreSQL', { KITH_DATABASE_URL: pg.url }, payloads);
  } finally {
    await pg.drop();
  }
}

await main();
