import { Emitter } from '@socket.io/redis-emitter';
import { createClient } from 'redis';
import type { FastifyBaseLogger } from 'fastify';
import type { RealtimeHub } from './realtime-events.js';
import { guestRoom, room } from './socket-hub.js';

/**
 * The {@link RealtimeHub} of a `kith worker`: it has no sockets of its own, so it publishes
 * each event on Redis with `@socket.io/redis-emitter`, and every `kith serve` instance's Redis adapter
 * delivers it to its sockets in the room (same `socket.io` channel prefix, same room names as
 * {@link createSocketHub}). Fire and forget, like the socket hub: a lost event is a missed live update,
 * never lost data (clients reload state on reconnect).
 * @throws the Redis client's error from `connect()` when Redis cannot be reached at start.
 */
export async function createRedisEmitterHub(redisUrl: string, log?: FastifyBaseLogger): Promise<RealtimeHub & { close(): Promise<void> }> {
  const client = createClient({ url: redisUrl });
  client.on('error', (err: Error) => log?.warn({ err: err.message }, 'realtime emitter: Redis connection error'));
  await client.connect();
  const emitter = new Emitter(client);
  return {
    emitToAccount(accountId, event, payload) {
      const ids = typeof accountId === 'string' ? [accountId] : accountId;
      if (ids.length === 0 || !client.isReady) return;
      emitter.to(ids.map(room)).emit(event, payload);
    },
    emitToExchangeGuest(exchangeId, event, payload) {
      if (client.isReady) emitter.to(guestRoom(exchangeId)).emit(event, payload);
    },
    async close() {
      if (client.isOpen) await client.quit();
    },
  };
}
