import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Guard for the brief's comment rule: a comment or doc cites a standard (RFC, API doc) or a seed
 * claim (../shared/seeds), never a tracker issue number or a contract file a reader cannot open.
 * Walks the repository's source and docs and lists every offending file:line.
 */

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/** Directories that hold generated, vendored or test-data files, not our prose. */
const SKIP_DIRS = new Set(['node_modules', 'dist', '.git', '.cache', '.tmp', 'fixtures', 'data', 'test-results']);
const EXTENSIONS = new Set(['.ts', '.tsx', '.js', '.mjs', '.cjs', '.css', '.md', '.json', '.html', '.yml', '.yaml', '.sh']);
/** Extension-less scripts that carry comments. */
const EXTRA_FILES = ['.ci/run'];

/** The word issue (or issues) followed by a number, with an optional '#'; or CONTRACT, a dash and a digit. */
const CITATION = /\b[Ii]ssues?\s?#?\d+|\bCONTRACT-\d/;
/** Links (for example an upstream library's github.com/owner/repo/issues/N) are sources a reader can open. */
const URL = /\bhttps?:\/\/\S+/g;

/** The offending lines of one text, as 1-based line numbers with the line. */
function findCitations(text: string): { line: number; text: string }[] {
  const hits: { line: number; text: string }[] = [];
  text.split('\n').forEach((raw, i) => {
    if (CITATION.test(raw.replace(URL, ''))) hits.push({ line: i + 1, text: raw.trim() });
  });
  return hits;
}

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) {
      if (!SKIP_DIRS.has(entry.name)) yield* walk(path.join(dir, entry.name));
    } else if (entry.isFile() && EXTENSIONS.has(path.extname(entry.name))) {
      yield path.join(dir, entry.name);
    }
  }
}

describe('no issue-number citations', () => {
  it('flags issue numbers and contract files, but not links or look-alike words', () => {
    // Built from pieces so this file does not trip its own walk.
    const issue = 'iss' + 'ue';
    const contract = 'CONT' + 'RACT';
    expect(findCitations(`a\n// retried (${issue} 4)\nb`)).toEqual([{ line: 2, text: `// retried (${issue} 4)` }]);
    expect(findCitations(`${issue}s 5 and 6`)).toHaveLength(1);
    expect(findCitations(`${issue} #12`)).toHaveLength(1);
    expect(findCitations(`Iss${'ue'} 8's load mix`)).toHaveLength(1);
    expect(findCitations(`${contract}-4 "Wire"`)).toHaveLength(1);
    expect(findCitations(`see https://github.com/lovell/sharp/${issue}s/1234 for the upstream bug`)).toEqual([]);
    expect(findCitations(`soft tissue 3 mm; an ${issue} with 2 parts`)).toEqual([]);
  });

  it('leaves no issue number or contract file cited in source and docs', () => {
    const files = [...walk(ROOT), ...EXTRA_FILES.map((f) => path.join(ROOT, f)).filter((f) => fs.existsSync(f))];
    expect(files.length).toBeGreaterThan(100);
    const offending = files.flatMap((file) =>
      findCitations(fs.readFileSync(file, 'utf8')).map((h) => `${path.relative(ROOT, file)}:${h.line}: ${h.text}`),
    );
    expect(offending, 'say why in words and cite an RFC, an API doc or a seed claim instead').toEqual([]);
  });
});
