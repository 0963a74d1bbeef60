import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { databaseUnavailable, isDatabaseUnavailable } from '../db/db-errors.js';
import { errorSchema } from './common.schema.js';

/**
 * Readiness probe for load balancers, orchestrators and the tests that wait for a started instance
 * (what load balancers and readiness waits poll). Public: no credential, no rate limit.
 * @param database `ping` runs `SELECT 1` (db/database.ts `DatabaseHandle.ping`) and rejects while the database cannot serve.
 */
export function healthRoutes(database: { ping(): Promise<void> }): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/health',
      {
        schema: {
          tags: ['health'],
          summary: 'Is this instance ready? (public, not rate-limited)',
          description:
            'Runs a trivial query (`SELECT 1`). 200 `{ status: "ok", database: "ok" }`; 503 `database_unavailable` with ' +
            '`Retry-After: 5` while the database cannot be reached (the instance reconnects by itself).',
          security: [],
          response: { 200: z.object({ status: z.literal('ok'), database: z.literal('ok') }), 503: errorSchema },
        },
      },
      async () => {
        try {
          await database.ping();
        } catch (e) {
          // Any failure of a query this trivial means the database is not serving; the cause goes to the log.
          if (!isDatabaseUnavailable(e)) app.log.warn({ err: e }, 'health check query failed');
          throw databaseUnavailable();
        }
        return { status: 'ok' as const, database: 'ok' as const };
      },
    );
  };
}
