/**
 * The baseline of `bench:now-playing`'s throughput figure: a bare Fastify 5 app in its own process
 * with one JSON POST route that echoes the body, on a free loopback port (printed on stdout).
 */
import Fastify from 'fastify';

const app = Fastify({ logger: false });
app.post('/echo', async (request) => ({ ok: true, body: request.body }));
await app.listen({ port: 0, host: '127.0.0.1' });
process.stdout.write(`${(app.server.address() as { port: number }).port}\n`);
