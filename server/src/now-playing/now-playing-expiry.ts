/**
 * One timer per playing account, set to its play's `expires_at`: expiry costs nothing until it is
 * due, and nothing ever scans the table on a schedule (under load the server must never
 * poll). Timers are unref'd so they never keep a process alive.
 */
export function createExpiryTimers(onDue: (accountId: string, version: string) => Promise<void>, onError: (e: unknown) => void) {
  const timers = new Map<string, NodeJS.Timeout>();
  // setTimeout stores its delay in an int32; longer waits are re-armed in steps.
  const MAX_DELAY = 2 ** 31 - 1;

  function arm(accountId: string, version: string, at: number): void {
    disarm(accountId);
    const delay = Math.max(0, at - Date.now());
    const timer = setTimeout(
      () => {
        timers.delete(accountId);
        if (at > Date.now()) return arm(accountId, version, at);
        onDue(accountId, version).catch(onError);
      },
      Math.min(delay, MAX_DELAY),
    );
    timer.unref();
    timers.set(accountId, timer);
  }

  function disarm(accountId: string): void {
    const t = timers.get(accountId);
    if (t) clearTimeout(t);
    timers.delete(accountId);
  }

  return {
    arm,
    disarm,
    /** Number of armed timers (tests and the benchmark read it). */
    size: () => timers.size,
    close(): void {
      for (const t of timers.values()) clearTimeout(t);
      timers.clear();
    },
  };
}
