import Fastify, { type FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for a Mastodon server, allowed only because a real one cannot run here. It
 * speaks the documented wire format (docs.joinmastodon.org: methods/media, methods/statuses,
 * methods/accounts#verify_credentials) and validates what it receives: bearer token,
 * multipart `file` + `description`, 206 while processing, `status`/`media_ids[]`/`visibility`
 * and the `Idempotency-Key` header (a repeated key returns the first status, as Mastodon does).
 */
export interface FakeMastodon {
  url: string;
  media: Array<{ id: string; bytes: Buffer; mime: string; description: string; polls: number }>;
  statuses: Array<{ id: string; status: string; mediaIds: string[]; visibility: string; idempotencyKey: string }>;
  /** Requests answered, e.g. `POST /api/v2/media 202`. */
  log: string[];
  /** Make the next N `POST /api/v1/statuses` fail with 503 (to test retries). */
  failStatuses: number;
  close(): Promise<void>;
}

export async function startFakeMastodon(token: string): Promise<FakeMastodon> {
  const app = Fastify();
  await app.register(multipart);
  app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_req, body, done) =>
    done(null, new URLSearchParams(body as string)),
  );
  const fake: Omit<FakeMastodon, 'url' | 'close'> = { media: [], statuses: [], log: [], failStatuses: 0 };
  const authed = (req: FastifyRequest) => req.headers.authorization === `Bearer ${token}`;
  app.addHook('onSend', async (req, reply) => void fake.log.push(`${req.method} ${req.url} ${reply.statusCode}`));
  app.addHook('onRequest', async (req, reply) => {
    if (!authed(req)) return reply.status(401).send({ error: 'The access token is invalid' });
  });

  app.get('/api/v1/accounts/verify_credentials', async () => ({ id: '1', acct: 'alice', url: 'https://social.example/@alice' }));

  app.post('/api/v2/media', async (req, reply) => {
    let file: { bytes: Buffer; mime: string } | undefined;
    let description = '';
    for await (const part of req.parts()) {
      if (part.type === 'file' && part.fieldname === 'file') file = { bytes: await part.toBuffer(), mime: part.mimetype };
      else if (part.type === 'field' && part.fieldname === 'description') description = String(part.value);
    }
    if (!file || !file.bytes.length) return reply.status(422).send({ error: 'Validation failed: File is missing' });
    if (!file.mime.startsWith('image/')) return reply.status(422).send({ error: 'Validation failed: File content type is invalid' });
    const m = { id: String(100 + fake.media.length), ...file, description, polls: 0 };
    fake.media.push(m);
    // Large media are processed asynchronously: 202 with url null.
    return reply.status(202).send({ id: m.id, type: 'image', url: null, preview_url: null, description });
  });

  app.get('/api/v1/media/:id', async (req, reply) => {
    const m = fake.media.find((x) => x.id === (req.params as { id: string }).id);
    if (!m) return reply.status(404).send({ error: 'Record not found' });
    m.polls++;
    if (m.polls < 2) return reply.status(206).send({ id: m.id, url: null });
    return { id: m.id, type: 'image', url: `https://files.social.example/${m.id}.png`, description: m.description };
  });

  app.post('/api/v1/statuses', async (req, reply) => {
    const key = req.headers['idempotency-key'];
    if (typeof key !== 'string' || !key) return reply.status(422).send({ error: 'Idempotency-Key expected by this test server' });
    const existing = fake.statuses.find((s) => s.idempotencyKey === key);
    if (existing)
      return {
        id: existing.id,
        url: `https://social.example/@alice/${existing.id}`,
        uri: `https://social.example/users/alice/statuses/${existing.id}`,
      };
    if (fake.failStatuses > 0) {
      fake.failStatuses--;
      return reply.status(503).send({ error: 'Service unavailable' });
    }
    const form = req.body as URLSearchParams;
    const mediaIds = form.getAll('media_ids[]');
    const visibility = form.get('visibility') ?? 'public';
    if (!['public', 'unlisted', 'private', 'direct'].includes(visibility)) return reply.status(422).send({ error: 'bad visibility' });
    for (const id of mediaIds) {
      const m = fake.media.find((x) => x.id === id);
      if (!m || m.polls < 2) return reply.status(422).send({ error: 'Cannot attach files that have not finished processing' });
    }
    const s = { id: String(9000 + fake.statuses.length), status: form.get('status') ?? '', mediaIds, visibility, idempotencyKey: key };
    if (!s.status && !mediaIds.length) return reply.status(422).send({ error: "Validation failed: Text can't be blank" });
    fake.statuses.push(s);
    return { id: s.id, url: `https://social.example/@alice/${s.id}`, uri: `https://social.example/users/alice/statuses/${s.id}` };
  });

  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return Object.assign(fake, { url: `http://127.0.0.1:${port}`, close: () => app.close() });
}
