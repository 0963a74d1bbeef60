import type { ExchangeCore } from './exchange-core.js';
import type { ExchangesRepository } from './exchanges.repository.js';

/**
 * Timers that expire unanswered requests on time, so the requester hears `exchange.updated`
 * (`expired`) in real time. Reads expire lazily too (exchange-core `load`), so a
 * restarted or second instance never shows a stale pending request; `restore` re-arms at boot.
 */
export function createExpiryTimers(deps: { repo: ExchangesRepository; core: ExchangeCore; onError: (e: unknown) => void }) {
  const timers = new Map<string, NodeJS.Timeout>();
  const fire = (id: string) => {
    timers.delete(id);
    deps.core.load(id).catch(deps.onError);
  };
  return {
    /** Arms (or re-arms) the expiry of request `id` at `at` (ms since epoch). */
    schedule(id: string, at: number) {
      clearTimeout(timers.get(id));
      // setTimeout's delay is a 32-bit ms count (~24.8 days); requests last minutes, so clamp defensively.
      const t = setTimeout(fire, Math.min(Math.max(0, at - Date.now()) + 5, 2 ** 31 - 1), id);
      t.unref();
      timers.set(id, t);
    },
    /** Re-arms every pending request (at start-up). */
    async restore() {
      for (const r of await deps.repo.listPendingExpiring()) this.schedule(r.id, r.expires_at);
    },
    close() {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
