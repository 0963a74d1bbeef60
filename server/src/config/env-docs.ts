import type { z } from 'zod';

/** One row of the variables table in docs/configuration.md. */
export interface EnvVarDoc {
  name: string;
  /** Accepted values, e.g. `integer 1–64` or `` `on` | `off` ``. */
  type: string;
  /** The default as written in the docs: a literal in backticks, or prose for computed defaults. */
  default: string;
  description: string;
}

/** The zod internals the walk reads (zod 4 `_zod.def`, https://zod.dev/packages/core). */
interface Def {
  type: string;
  innerType?: z.ZodType;
  in?: z.ZodType;
  defaultValue?: unknown;
  entries?: Record<string, string>;
}

/**
 * Reads each variable's documentation from the env schema: its zod metadata (`description`,
 * `shownDefault`, `valueType`; the outer schema wins over the inner ones), the literal of its
 * `.default()`, and the options of an enum.
 *
 * @throws Error naming a variable without a description, so none goes undocumented.
 */
export function describeEnv(shape: Record<string, z.ZodType>): EnvVarDoc[] {
  return Object.entries(shape).map(([name, schema]) => {
    let meta: Record<string, unknown> = {};
    let literalDefault: unknown;
    let options: string[] | undefined;
    let s: z.ZodType | undefined = schema;
    while (s) {
      meta = { ...(s.meta() ?? {}), ...meta };
      const def = s._zod.def as unknown as Def;
      if (def.type === 'default') literalDefault ??= def.defaultValue;
      if (def.type === 'enum' && def.entries) options = Object.values(def.entries);
      s = def.type === 'default' || def.type === 'optional' ? def.innerType : def.type === 'pipe' ? def.in : undefined;
    }
    const description = meta.description;
    if (typeof description !== 'string' || !description) throw new Error(`${name} has no description in the env schema`);
    const type = typeof meta.valueType === 'string' ? meta.valueType : options ? options.map((o) => `\`${o}\``).join(' \\| ') : 'text';
    const shown =
      typeof meta.shownDefault === 'string'
        ? meta.shownDefault
        : literalDefault === undefined || literalDefault === ''
          ? '(none)'
          : `\`${String(literalDefault)}\``;
    return { name, type, default: shown, description };
  });
}

const cell = (s: string) => s.replace(/\r?\n/g, ' ').replace(/(?<!\\)\|/g, '\\|');

/** The variables as a GitHub-flavoured Markdown table, one row per variable in schema order. */
export function renderEnvTable(rows: EnvVarDoc[]): string {
  const lines = ['| variable | accepted values | default | meaning |', '| --- | --- | --- | --- |'];
  for (const r of rows) lines.push(`| \`${r.name}\` | ${cell(r.type)} | ${cell(r.default)} | ${cell(r.description)} |`);
  return lines.join('\n') + '\n';
}
