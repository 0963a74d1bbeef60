import type { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';

/**
 * Answers with stored bytes (an original, a thumbnail, a contact photo): its own Content-Type
 * and Content-Length, privately cacheable for `maxAgeSeconds` (the URL names an id, and
 * access depends on who asks, hence `private`).
 */
export function sendBytes(reply: FastifyReply, blob: { stream: Readable; mime: string; size: number }, maxAgeSeconds: number) {
  reply.header('content-type', blob.mime).header('content-length', blob.size).header('cache-control', `private, max-age=${maxAgeSeconds}`);
  return reply.send(blob.stream);
}
