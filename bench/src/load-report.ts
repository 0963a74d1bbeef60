/**
 * Printed tables of `bench:load`: per kind and total for one configuration, the 1-vs-2 instance
 * comparison, the baselines and the process figures. Latencies in ms; req/s = answered requests
 * (any status) ÷ the phase's seconds; errors = non-2xx answers + connection errors/timeouts.
 */
import { KIND_LABEL, KINDS, type Kind } from './load-options.js';
import type { KindResult, MixResult } from './load-mix.js';

/** A plain text table: first row is the header; numbers right-aligned. */
export function table(rows: (string | number)[][]): string {
  const cells = rows.map((r) => r.map(String));
  const widths = cells[0].map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const line = (r: string[]) =>
    r.map((cell, c) => (c > 0 && /^[\d.,×%–-]+( ?[a-zA-Z/]+)?$/.test(cell) ? cell.padStart(widths[c]) : cell.padEnd(widths[c]))).join('  ');
  const sep = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(cells[0]), sep, ...cells.slice(1).map(line)].map((l) => `  ${l.trimEnd()}`).join('\n');
}

export const f1 = (n: number) => (Number.isFinite(n) ? n.toFixed(1) : '–');
export const f0 = (n: number) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : '–');
const pct = (n: number) => `${(n * 100).toFixed(n > 0 && n < 0.001 ? 3 : 1)}%`;

/** `201: 120, 422: 3, errors: 1`, 2xx first. */
export function statusList(statuses: Record<string, number>): string {
  return Object.entries(statuses)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
}

/** Sum of all kinds: requests, req/s, failures by status; latency is not summed (the kinds differ by orders of magnitude). */
export function total(mix: MixResult): KindResult {
  const rs = Object.values(mix);
  const statuses: Record<string, number> = {};
  for (const r of rs) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
  const requests = rs.reduce((a, r) => a + r.requests, 0);
  const seconds = Math.max(...rs.map((r) => r.seconds));
  return {
    requests,
    seconds,
    rps: requests / seconds,
    p50: NaN,
    p99: NaN,
    statuses,
    failed: rs.reduce((a, r) => a + r.failed, 0),
    samples: {},
    connections: rs.reduce((a, r) => a + r.connections, 0),
  };
}

const driven = (r: KindResult) => (r.rate ? `${r.rate}/s paced, ${r.connections} conn` : `closed, ${r.connections} conn`);
const errorCell = (r: KindResult) => {
  const bad = Object.entries(r.statuses).filter(([k]) => !/^2\d\d$/.test(k));
  return `${pct(r.requests ? r.failed / r.requests : 0)}${bad.length ? ` (${bad.map(([k, v]) => `${k}×${v}`).join(' ')})` : ''}`;
};

/** Per kind and total of one configuration. */
export function mixTable(mix: MixResult): string {
  const all = total(mix);
  const rows: (string | number)[][] = [['kind', 'driven', 'req/s', 'share', 'p50 ms', 'p99 ms', 'errors']];
  for (const k of KINDS) {
    const r = mix[k];
    if (r) rows.push([KIND_LABEL[k], driven(r), f1(r.rps), pct(r.requests / all.requests), f1(r.p50), f1(r.p99), errorCell(r)]);
  }
  rows.push(['total', `${all.connections} conn`, f1(all.rps), '100%', '', '', errorCell(all)]);
  return table(rows);
}

/** The 1 vs 2 instance comparison: req/s, p50/p99 and errors side by side, with 2÷1 ratios. */
export function comparisonTable(one: MixResult, two: MixResult): string {
  const rows: (string | number)[][] = [['kind', 'req/s 1', 'req/s 2', '2÷1', 'p50 1', 'p50 2', 'p99 1', 'p99 2', 'errors 1', 'errors 2']];
  const row = (label: string, a: KindResult, b: KindResult) => [
    label,
    f1(a.rps),
    f1(b.rps),
    `${(b.rps / a.rps).toFixed(2)}×`,
    f1(a.p50),
    f1(b.p50),
    f1(a.p99),
    f1(b.p99),
    pct(a.failed / a.requests),
    pct(b.failed / b.requests),
  ];
  for (const k of KINDS) {
    const [a, b] = [one[k], two[k]];
    if (a && b) rows.push(row(KIND_LABEL[k as Kind], a, b));
  }
  rows.push(row('total', total(one), total(two)));
  return table(rows);
}

/** Non-2xx answers worth reading (first body per status and kind). */
export function failureSamples(mix: MixResult): string[] {
  const out: string[] = [];
  for (const k of KINDS) for (const [status, body] of Object.entries(mix[k]?.samples ?? {})) out.push(`  ${k} ${status}: ${body}`);
  return out;
}
