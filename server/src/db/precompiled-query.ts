import { createQueryId, type Compilable, type CompiledQuery, type Kysely, type QueryResult } from 'kysely';

/**
 * A Kysely query built and compiled once, then run many times with new values.
 *
 * Why: building and compiling a query (expression builders, an operation-node tree, the SQL text)
 * took 50–80 µs per call for the now-playing submission's two statements, more than SQLite took to
 * run them. The SQL of one query shape never changes; only its bound parameters do.
 *
 * `build` is called once, on the first run, with one placeholder per argument in place of the real
 * values; each placeholder must be used as a plain value (it becomes a bound parameter), never as a
 * table or column name. Each run puts the arguments where their placeholders were bound (a value
 * may be bound several times); every other parameter (constants in the query) stays as compiled.
 * The query runs on `db`, so a transaction needs its own precompiled query.
 *
 * @throws Error on the first run when a placeholder does not appear among the compiled parameters.
 */
export function precompile<Args extends unknown[], R>(
  db: Kysely<any>,
  arity: Args['length'],
  build: (...placeholders: Args) => Compilable<R>,
): (...args: Args) => Promise<QueryResult<R>> {
  let compiled: { query: CompiledQuery<R>; slots: number[] } | undefined;
  return (...args: Args) => {
    if (!compiled) {
      // Distinct strings no caller would pass: a NUL cannot appear in Kith's text values.
      const marks = Array.from({ length: arity }, (_, i) => `\u0000kith-placeholder-${i}\u0000`);
      const query = build(...(marks as Args)).compile();
      const slots = query.parameters.map((p) => (typeof p === 'string' ? marks.indexOf(p) : -1));
      const missing = marks.findIndex((_, i) => !slots.includes(i));
      if (missing >= 0) throw new Error(`precompile: placeholder ${missing} is not a bound parameter of: ${query.sql}`);
      compiled = { query, slots };
    }
    const { query, slots } = compiled;
    const parameters = slots.map((slot, i) => (slot < 0 ? query.parameters[i] : args[slot]));
    return db.executeQuery<R>({ ...query, parameters, queryId: createQueryId() });
  };
}
