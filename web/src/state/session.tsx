/**
 * The signed-in account for the whole app. On start it asks GET /api/me; a 401 means
 * "show the log-in screen". Logging in opens the realtime socket, logging out closes it.
 */
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, errorMessage } from '../api/client';
import { meApi } from '../api/me';
import type { Account } from '../api/types';
import { isNetworkFailure, lastAccount, rememberAccount } from '../lib/offline';
import { connectRealtime, disconnectRealtime } from '../lib/realtime';

interface Session {
  /** `undefined` while the first /api/me is in flight, `null` when logged out. */
  account: Account | null | undefined;
  bootError: string | null;
  setAccount: (a: Account) => void;
  logout: () => Promise<void>;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [account, setAccountState] = useState<Account | null | undefined>(undefined);
  const [bootError, setBootError] = useState<string | null>(null);

  useEffect(() => {
    meApi
      .get()
      .then(setAccountState)
      .catch((err: unknown) => {
        // Offline, the installed app opens on the account last signed in here (its queue and shell work offline).
        const offlineAccount = isNetworkFailure(err) ? lastAccount() : null;
        if (offlineAccount) return setAccountState(offlineAccount);
        if (!(err instanceof ApiError && err.status === 401)) setBootError(errorMessage(err));
        setAccountState(null);
      });
  }, []);

  useEffect(() => {
    if (account !== undefined) rememberAccount(account);
  }, [account]);

  // Reconnect only when who is signed in changes, not on every refresh of the same account's profile.
  const accountId = account?.id;
  const signedOut = account === null;
  useEffect(() => {
    if (accountId) connectRealtime();
    else if (signedOut) disconnectRealtime();
  }, [accountId, signedOut]);

  const setAccount = useCallback((a: Account) => setAccountState(a), []);
  const logout = useCallback(async () => {
    await meApi.logout().catch(() => undefined);
    disconnectRealtime();
    setAccountState(null);
  }, []);

  const value = useMemo(() => ({ account, bootError, setAccount, logout }), [account, bootError, setAccount, logout]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const s = useContext(SessionContext);
  if (!s) throw new Error('useSession outside SessionProvider');
  return s;
}

/** The account, for screens that only render when logged in. */
export function useAccount(): Account {
  const { account } = useSession();
  if (!account) throw new Error('useAccount while logged out');
  return account;
}
