import { useDidShow } from '@tarojs/taro';
import { type Dispatch, type SetStateAction, useCallback, useEffect, useRef, useState } from 'react';
import { messageOf } from './client';

export interface Loaded<T> {
  /** undefined until the first answer, and again while the answer for new filters is on its way. */
  data: T | undefined;
  error: string;
  reload: () => Promise<void>;
  /** Shows a change the page made itself (a saved answer, an updated row) without asking again. */
  setData: Dispatch<SetStateAction<T | undefined>>;
}

/** What a page shows depends on these (a chosen group, a status filter); strings, numbers, flags. */
type Filters = readonly (string | number | boolean | undefined)[];

export interface LoadOptions {
  /**
   * false: the page calls `reload` itself from its own useDidShow (for one that first sends a
   * signed-out visitor to sign in). Default true: loads each time the page is shown.
   */
  onShow?: boolean;
  /** When one changes, what was shown goes (the page shows 加载中) and it loads afresh. */
  filters?: Filters;
}

/**
 * When one of `filters` changes: `reset` while rendering (nothing shown for the old filters is
 * drawn under the new ones), then `reload`.
 */
function useRestartOn(filters: Filters, reset: () => void, reload: () => void) {
  const key = JSON.stringify(filters);
  const [shownFor, setShownFor] = useState(key);
  if (shownFor !== key) {
    setShownFor(key);
    reset();
  }
  const reloadNow = useRef(reload);
  reloadNow.current = reload;
  const loadedFor = useRef(key);
  useEffect(() => {
    if (loadedFor.current === key) return;
    loadedFor.current = key;
    reloadNow.current();
  }, [key]);
}

/**
 * Loads what a page shows each time the page is shown (coming back from a form shows the change),
 * keeping the last answer while a new one is on its way and the server's sentence on failure. An
 * answer overtaken by a later load (the filters changed meanwhile) is dropped.
 */
export function useLoad<T>(load: () => Promise<T>, { onShow = true, filters = [] }: LoadOptions = {}): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState('');
  const loader = useRef(load);
  loader.current = load;
  const latest = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++latest.current;
    try {
      const answer = await loader.current();
      if (mine !== latest.current) return;
      setData(answer);
      setError('');
    } catch (e) {
      if (mine === latest.current) setError(messageOf(e));
    }
  }, []);
  useDidShow(() => {
    if (onShow) void reload();
  });
  useRestartOn(filters, () => setData(undefined), reload);
  return { data, error, reload, setData };
}

export interface Submitting<A extends unknown[], T> {
  busy: boolean;
  error: string;
  setError: (error: string) => void;
  /**
   * Runs the action once at a time; resolves to its answer, or undefined when it failed (or was
   * already running). An action without an answer returns `true` when its caller must tell.
   */
  submit: (...args: A) => Promise<T | undefined>;
}

/**
 * One action of a page (a form's submit, a button): busy while it runs, the server's sentence when
 * it fails. `failure` words the error instead (a form's `fields.fromServer`, which shows the
 * server's field errors beside their fields and returns what is left for the form's box).
 */
export function useSubmit<A extends unknown[], T>(action: (...args: A) => Promise<T>, failure: (e: unknown) => string = messageOf): Submitting<A, T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const running = useRef(false);
  const act = useRef(action);
  act.current = action;
  const word = useRef(failure);
  word.current = failure;
  const submit = useCallback(async (...args: A) => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError('');
    try {
      return await act.current(...args);
    } catch (e) {
      setError(word.current(e));
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, submit };
}

/** A reply that comes a page at a time: the items and where the next page starts (none on the last). */
export interface Paging {
  items: unknown[];
  nextCursor?: string | null;
}

export interface Paged<P extends Paging> {
  /** null until the first page arrives, and again while the list for new filters is on its way. */
  items: P['items'][number][] | null;
  /** The first page's whole reply, for what it carries beside the items. */
  first: P | undefined;
  /** Where the next page starts; null on the last page (no 加载更多 then). */
  cursor: string | null;
  error: string;
  /** Loads the first page again; the list shown stays until the answer replaces it. */
  reload: () => Promise<void>;
  /** Appends the page that starts at `cursor` (the 加载更多 button). */
  more: (cursor: string) => Promise<void>;
}

/**
 * A list read a page at a time (`load(cursor)`), loaded like `useLoad` (each time the page is
 * shown; afresh, from 加载中, when a filter changes; an overtaken answer dropped), with 加载更多
 * appending the next page.
 */
export function usePaged<P extends Paging>(load: (cursor?: string) => Promise<P>, { onShow = true, filters = [] }: LoadOptions = {}): Paged<P> {
  const [items, setItems] = useState<P['items'][number][] | null>(null);
  const [first, setFirst] = useState<P | undefined>(undefined);
  const [cursor, setCursor] = useState<string | null>(null);
  const [error, setError] = useState('');
  const loader = useRef(load);
  loader.current = load;
  // Each load of a first page starts a new list; answers for an older one are dropped.
  const list = useRef(0);
  const fetchPage = useCallback(async (after?: string) => {
    const mine = after === undefined ? ++list.current : list.current;
    try {
      const page = await loader.current(after);
      if (mine !== list.current) return;
      if (after === undefined) setFirst(page);
      setItems((old) => (after === undefined ? page.items : [...(old ?? []), ...page.items]));
      setCursor(page.nextCursor ?? null);
      setError('');
    } catch (e) {
      if (mine === list.current) setError(messageOf(e));
    }
  }, []);
  const reload = useCallback(() => fetchPage(), [fetchPage]);
  const more = useCallback((after: string) => fetchPage(after), [fetchPage]);
  useDidShow(() => {
    if (onShow) void reload();
  });
  useRestartOn(
    filters,
    () => {
      setItems(null);
      setCursor(null);
    },
    reload,
  );
  return { items, first, cursor, error, reload, more };
}
