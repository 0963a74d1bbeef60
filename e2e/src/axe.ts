/**
 * axe-core (npm `axe-core`, Deque's rules for WCAG 2.x A/AA) injected into a page, for the accessibility e2e tests.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { REPO_ROOT } from './harness.js';

const AXE = path.join(REPO_ROOT, 'node_modules/axe-core/axe.min.js');

/** One failing rule, with where it fails: `rule (impact): target, target…`. */
export type AxeFinding = string;

/**
 * Runs axe on the whole page (rules tagged WCAG 2.0/2.1/2.2 A and AA plus axe's best practices) and returns
 * the serious and critical violations, one line per rule, e.g. `button-name (critical): .tile-check`.
 */
export async function seriousAxeViolations(page: Page): Promise<AxeFinding[]> {
  // Evaluated over the DevTools protocol, which Kith's Content-Security-Policy (script-src 'self') does not block.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(await readFile(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: any[] }> } }).axe;
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v: any) => ({
      id: v.id as string,
      impact: v.impact as string,
      targets: v.nodes.slice(0, 4).map((n: any) => `${String(n.target)} ${n.failureSummary?.split('\n')[1]?.trim() ?? ''}`) as string[],
    }));
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.targets.join(' | ')}`);
}
