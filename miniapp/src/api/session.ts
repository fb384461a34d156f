import { createContext, createElement, type PropsWithChildren, useCallback, useContext, useEffect, useRef, useState } from 'react';
import { authApi } from './auth';
import { ApiError, getToken, messageOf, onTokenChange } from './client';
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
  // One request at a time per token: pages that ask while one is on its way share its answer.
  const inflight = useRef<{ token: string; answer: Promise<Me | null> } | null>(null);
  const fetchMe = useCallback(async (token: string): Promise<Me | null> => {
    try {
      const next = await authApi.me();
      if (getToken() === token) {
        setMe(next);
        setError('');
      }
      return next;
    } catch (e) {
      // The token no longer works (signed out elsewhere or expired): start over, signed out.
      if (e instanceof ApiError && e.status === 401) {
        await authApi.logout().catch(() => undefined);
        return null;
      }
      if (getToken() === token) setError(messageOf(e));
      throw e;
    } finally {
      if (inflight.current?.token === token) inflight.current = null;
    }
  }, []);
  const reload = useCallback(() => {
    const token = getToken();
    if (!token) {
      setMe(null);
      return Promise.resolve(null);
    }
    if (inflight.current?.token !== token) inflight.current = { token, answer: fetchMe(token) };
    return inflight.current.answer;
  }, [fetchMe]);
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
