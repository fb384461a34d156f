import { createContext, createElement, type PropsWithChildren, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { getToken, messageOf, onTokenChange } from './client';
import { getMe } from './endpoints';
import type { Me } from './types';

export interface Session {
  /** undefined while loading, null when nobody is signed in. */
  me: Me | null | undefined;
  error: string;
  /** Fetch /api/me again (after a change to the account: a residency claim, a bound phone). */
  reload: () => Promise<Me | null>;
}

const SessionContext = createContext<Session>({ me: undefined, error: '', reload: async () => null });

/**
 * The signed-in account, its roles and its resident record, fetched once per sign-in and shared
 * by every page (GET /api/me), instead of each page asking again.
 */
export function SessionProvider({ children }: PropsWithChildren) {
  const [me, setMe] = useState<Me | null | undefined>(undefined);
  const [error, setError] = useState('');
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const call = ++latest.current;
    if (!getToken()) {
      setMe(null);
      return null;
    }
    try {
      const next = await getMe();
      if (call === latest.current) {
        setMe(next);
        setError('');
      }
      return next;
    } catch (e) {
      if (call === latest.current) {
        setMe(getToken() ? undefined : null);
        setError(messageOf(e));
      }
      throw e;
    }
  }, []);
  useEffect(() => {
    reload().catch(() => undefined);
    return onTokenChange(() => {
      setMe(undefined);
      reload().catch(() => undefined);
    });
  }, [reload]);
  return createElement(SessionContext.Provider, { value: { me, error, reload } }, children);
}

export const useSession = (): Session => useContext(SessionContext);

/** The signed-in account's roles (none while loading or signed out). */
export function useRoles(): string[] {
  const { me } = useSession();
  return me?.account.roles.map((r) => r.role) ?? [];
}
