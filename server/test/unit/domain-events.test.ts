import { describe, expect, it } from 'vitest';
import { createDomainEventBus } from '../../src/common/domain-events.js';

/** A logger that keeps what it was given, so a test can read what the bus reported. */
function recordingLog() {
  const errors: Array<{ obj: Record<string, unknown>; msg: string }> = [];
  return { errors, error: (obj: object, msg: string) => void errors.push({ obj: obj as Record<string, unknown>, msg }) };
}

describe('domain event bus', () => {
  it('runs subscribers in the order they subscribed, and publish resolves after the last one', async () => {
    const bus = createDomainEventBus();
    const seen: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    bus.subscribe('assets.deleted', async ({ ownerId }) => {
      await gate;
      seen.push(`first ${ownerId}`);
    });
    bus.subscribe('assets.deleted', ({ assetIds }) => void seen.push(`second ${assetIds.join(',')}`));
    let done = false;
    const published = bus.publish('assets.deleted', { ownerId: 'o1', assetIds: ['a', 'b'] }).then(() => (done = true));
    await Promise.resolve();
    expect(done).toBe(false);
    release();
    await published;
    expect(seen).toEqual(['first o1', 'second a,b']);
  });

  it('logs a failing subscriber with the event, never rejects, and still runs the next one', async () => {
    const log = recordingLog();
    const bus = createDomainEventBus(log);
    const seen: string[] = [];
    bus.subscribe('faces.placed', () => {
      throw new Error('routing is down');
    });
    bus.subscribe('faces.placed', ({ assetId }) => void seen.push(assetId));
    await expect(bus.publish('faces.placed', { ownerId: 'o', assetId: 'p1', firstAnalysis: true })).resolves.toBeUndefined();
    expect(seen).toEqual(['p1']);
    expect(log.errors).toHaveLength(1);
    expect(log.errors[0].msg).toBe('a subscriber of faces.placed failed');
    expect(log.errors[0].obj).toMatchObject({ event: 'faces.placed', payload: { assetId: 'p1' } });
    expect((log.errors[0].obj.err as Error).message).toBe('routing is down');
  });

  it('reaches only the subscribers of the published event, and stops after unsubscribing', async () => {
    const bus = createDomainEventBus();
    const seen: string[] = [];
    const off = bus.subscribe('account.created', ({ accountId }) => void seen.push(`created ${accountId}`));
    bus.subscribe('email.verified', ({ accountId }) => void seen.push(`verified ${accountId}`));
    await bus.publish('account.created', { accountId: 'x' });
    off();
    await bus.publish('account.created', { accountId: 'y' });
    await bus.publish('email.verified', { accountId: 'z' });
    expect(seen).toEqual(['created x', 'verified z']);
  });
});
