import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { describeEnv, renderEnvTable } from '../../src/config/env-docs.js';
import { envSchema } from '../../src/config/env.schema.js';

const src = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../src');

/** `KITH_*` names that appear in server/src but are not server settings, with the reason. */
const NOT_SETTINGS: Record<string, string> = {
  KITH_SIGNING_KEY: 'read by the kith CLI; the server only mentions it in an API description',
  KITH_ADDRESS: 'the user@host pattern of a Kith address, a constant of @kith/address-book',
};

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
    const p = path.join(dir, d.name);
    return d.isDirectory() ? sourceFiles(p) : /\.tsx?$/.test(d.name) ? [p] : [];
  });
}

const files = sourceFiles(src).map((file) => ({ file: path.relative(src, file), text: fs.readFileSync(file, 'utf8') }));
const names = Object.keys(envSchema.shape);

describe('the env schema is the one list of KITH_* variables', () => {
  it('every KITH_* name in server/src is a variable of the schema (or a prefix of some), so none is read around it', () => {
    // Constants that merely share the prefix (e.g. the KITH_ADDRESS pattern) are declarations, not variables.
    const declared = new Set(
      files.flatMap(({ text }) => [...text.matchAll(/\b(?:const|let|function|class)\s+(KITH_\w+)/g)].map((m) => m[1])),
    );
    const unknown: string[] = [];
    for (const { file, text } of files) {
      for (const m of text.matchAll(/\bKITH_[A-Z0-9_]*[A-Z0-9]\b(_\*)?/g)) {
        const name = m[0];
        if (declared.has(name) || name in NOT_SETTINGS) continue;
        // `KITH_SMS_*` in prose names a group: some variable must start with it.
        const ok = name.endsWith('_*') ? names.some((n) => n.startsWith(name.slice(0, -1))) : names.includes(name);
        if (!ok) unknown.push(`${file}: ${name}`);
      }
    }
    expect(unknown).toEqual([]);
    expect(names.length).toBeGreaterThan(60);
  });

  it('only the config loader reads process.env', () => {
    const readers = files.filter(({ text }) => /\bprocess\.env\b/.test(text)).map(({ file }) => file);
    expect(readers).toEqual([path.join('config', 'config.ts')]);
  });

  it('every variable has a description, and docs/configuration.md shows each of them', () => {
    const rows = describeEnv(envSchema.shape);
    expect(rows.map((r) => r.name)).toEqual(names);
    const doc = fs.readFileSync(path.resolve(src, '../../docs/configuration.md'), 'utf8');
    for (const n of names) expect(doc).toContain(`| \`${n}\``);
    expect(renderEnvTable(rows)).toContain('| `KITH_LOG_LEVEL` | `fatal` \\| `error`');
  });

  it('refuses a variable without a description', () => {
    expect(() => describeEnv({ KITH_X: envSchema.shape.KITH_PORT.unwrap() })).toThrow(/KITH_X has no description/);
  });
});
