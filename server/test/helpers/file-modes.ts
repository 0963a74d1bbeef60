import fs from 'node:fs';
import path from 'node:path';

/**
 * Every path under `dir` with its permission bits, as "relative/path 0600" ("… 0700/" for directories), for the
 * file-mode tests of docs/security.md "Input, files and outbound fetches" (integration and e2e).
 */
export function modes(dir: string): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const st = fs.statSync(p);
    out.push(`${path.relative(dir, p) || '.'} ${(st.mode & 0o777).toString(8).padStart(4, '0')}${st.isDirectory() ? '/' : ''}`);
    if (st.isDirectory()) for (const name of fs.readdirSync(p)) walk(path.join(p, name));
  };
  walk(dir);
  return out;
}
