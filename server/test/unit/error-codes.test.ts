import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AppError, ERROR_CODES, errors, isErrorCode } from '../../src/common/errors.js';

/**
 * Guard for the error-code registry (server/src/common/error-codes.ts): every code written in server/src,
 * in a factory call (`errors.conflict('username_taken', …)`), next to a status (`super(429, 'too_many_…')`)
 * or in the error handler's own answers, is listed there with that status. The type system refuses an unknown
 * code in typed calls; this also catches codes that reach a reply through an untyped path.
 */

const SRC = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

function* walk(dir: string): Generator<string> {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) yield* walk(full);
    else if (entry.name.endsWith('.ts')) yield full;
  }
}

/** Factories whose first argument is a code (the others take a message, a size or the kind of thing missing). */
const CODE_FACTORIES = Object.keys(errors).filter((name) => {
  const factory = (errors as Record<string, unknown>)[name];
  return typeof factory === 'function' && /^\(?\s*code\b/.test(String(factory));
});

interface Use {
  file: string;
  code: string;
  /** The status written next to it, or the factory's status. */
  status?: number;
}

/** Every code written in one file, found by the shapes above. */
function usesIn(file: string, text: string): Use[] {
  const rel = path.relative(SRC, file);
  const uses: Use[] = [];
  const factory = new RegExp(`errors\\.(${CODE_FACTORIES.join('|')})\\(\\s*'([a-z][a-z0-9_]*)'`, 'g');
  for (const m of text.matchAll(factory)) {
    const made = (errors as unknown as Record<string, (code: string, message: string) => AppError>)[m[1]](m[2], 'probe');
    uses.push({ file: rel, code: m[2], status: made.statusCode });
  }
  for (const m of text.matchAll(/\b([1-5]\d\d),\s*'([a-z][a-z0-9_]*)'/g)) uses.push({ file: rel, code: m[2], status: Number(m[1]) });
  // The handler's own bodies and its map of Fastify's codes.
  if (rel.startsWith(`http${path.sep}`)) {
    for (const m of text.matchAll(/\bcode: '([a-z][a-z0-9_]*)'/g)) uses.push({ file: rel, code: m[1] });
    for (const m of text.matchAll(/\bFST_[A-Z_]+: '([a-z][a-z0-9_]*)'/g)) uses.push({ file: rel, code: m[1] });
  }
  return uses;
}

const uses = [...walk(SRC)].flatMap((file) => usesIn(file, fs.readFileSync(file, 'utf8')));

describe('error-code registry', () => {
  it('finds the codes written in server/src', () => {
    // A scan that matches nothing would pass vacuously.
    expect(uses.length).toBeGreaterThan(100);
    expect(uses.map((u) => u.code)).toEqual(expect.arrayContaining(['username_taken', 'too_many_login_attempts', 'param_too_long']));
  });

  it('lists every code used in server/src', () => {
    const missing = uses.filter((u) => !isErrorCode(u.code)).map((u) => `${u.file}: ${u.code}`);
    expect(missing).toEqual([]);
  });

  it('lists each code with the status it is answered with', () => {
    const wrong = uses
      .filter((u) => isErrorCode(u.code) && u.status !== undefined)
      .filter((u) => !(ERROR_CODES[u.code as keyof typeof ERROR_CODES].status as readonly number[]).includes(u.status!))
      .map((u) => `${u.file}: ${u.code} ${u.status}`);
    expect(wrong).toEqual([]);
  });

  it('gives each code a one-line meaning and error statuses', () => {
    for (const [code, entry] of Object.entries(ERROR_CODES)) {
      expect(code).toMatch(/^[a-z][a-z0-9_]*$/);
      expect(entry.meaning.length, code).toBeGreaterThan(5);
      expect(entry.meaning, code).not.toContain('\n');
      expect(
        entry.status.every((s) => s >= 400 && s < 600),
        code,
      ).toBe(true);
    }
  });

  it('refuses a code the registry does not list', () => {
    expect(usesIn(path.join(SRC, 'x.ts'), "throw errors.conflict('no_such_code', 'm')")).toEqual([
      { file: 'x.ts', code: 'no_such_code', status: 409 },
    ]);
    expect(isErrorCode('no_such_code')).toBe(false);
  });
});
