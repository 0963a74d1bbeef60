/**
 * Being offline, in words: a fetch that never reached the server throws a bare `TypeError: Failed to fetch`
 * (Fetch Standard "network error"), which screens used to show as is. {@link networkFailureMessage} turns it
 * into "You're offline…" (or "Kith's server cannot be reached…" when the device is online but the server is
 * not), and {@link useOnline} lets a screen say so before anyone taps anything.
 *
 * The last signed-in account is remembered here too, so the installed app opens offline on its shell
 * (with the upload queue) instead of the log-in form, which could not work without the server anyway.
 */
import { useSyncExternalStore } from 'react';
import type { Account } from '../api/types';

export const OFFLINE_MESSAGE = "You're offline. Check your connection, then try again.";
/** What a queued upload says while there is no network: it needs no action. */
export const UPLOAD_WAITING_MESSAGE = "Waiting for the network: it uploads by itself when you're back online.";
export const UNREACHABLE_MESSAGE = "Kith's server cannot be reached right now. Check your connection and try again.";

/** True for the errors fetch and XMLHttpRequest give when no HTTP answer came back at all. */
export function isNetworkFailure(err: unknown): boolean {
  if (err instanceof TypeError) return /fetch|network|load failed/i.test(err.message);
  return typeof err === 'object' && err !== null && 'status' in err && (err as { status: unknown }).status === 0;
}

/** "You're offline…" while the browser says so, else "the server cannot be reached…". */
export function networkFailureMessage(): string {
  return typeof navigator !== 'undefined' && navigator.onLine === false ? OFFLINE_MESSAGE : UNREACHABLE_MESSAGE;
}

function subscribe(cb: () => void): () => void {
  window.addEventListener('online', cb);
  window.addEventListener('offline', cb);
  return () => {
    window.removeEventListener('online', cb);
    window.removeEventListener('offline', cb);
  };
}

/** `navigator.onLine`, re-rendering when it changes. */
export function useOnline(): boolean {
  return useSyncExternalStore(subscribe, () => navigator.onLine);
}

const ACCOUNT_KEY = 'kith:last-account';

/** Remembers the signed-in account (or forgets it on log-out, `null`) for {@link lastAccount}. */
export function rememberAccount(account: Account | null): void {
  try {
    if (account) localStorage.setItem(ACCOUNT_KEY, JSON.stringify(account));
    else localStorage.removeItem(ACCOUNT_KEY);
  } catch {
    // storage full or disabled: the app then asks for the log-in as before
  }
}

/** The account last seen signed in on this device, for opening the shell offline; `null` if none. */
export function lastAccount(): Account | null {
  try {
    const raw = localStorage.getItem(ACCOUNT_KEY);
    return raw ? (JSON.parse(raw) as Account) : null;
  } catch {
    return null;
  }
}
