import { useDidShow } from '@tarojs/taro';
import { useCallback, useRef, useState } from 'react';
import { messageOf } from './client';

export interface Loaded<T> {
  /** undefined until the first answer. */
  data: T | undefined;
  error: string;
  reload: () => Promise<void>;
  setData: (data: T) => void;
}

/**
 * Loads what a page shows each time the page is shown (coming back from a form shows the change),
 * keeping the last answer while a new one is on its way and the server's sentence on failure.
 */
export function useLoad<T>(load: () => Promise<T>): Loaded<T> {
  const [data, setData] = useState<T | undefined>(undefined);
  const [error, setError] = useState('');
  const loader = useRef(load);
  loader.current = load;
  const reload = useCallback(async () => {
    try {
      setData(await loader.current());
      setError('');
    } catch (e) {
      setError(messageOf(e));
    }
  }, []);
  useDidShow(() => {
    reload();
  });
  return { data, error, reload, setData };
}

export interface Submitting<A extends unknown[], T> {
  busy: boolean;
  error: string;
  setError: (error: string) => void;
  /** Runs the action once at a time; resolves to its answer, or undefined when it failed. */
  submit: (...args: A) => Promise<T | undefined>;
}

/** One action of a page (a form's submit, a button): busy while it runs, the server's sentence when it fails. */
export function useSubmit<A extends unknown[], T>(action: (...args: A) => Promise<T>): Submitting<A, T> {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState('');
  const running = useRef(false);
  const act = useRef(action);
  act.current = action;
  const submit = useCallback(async (...args: A) => {
    if (running.current) return undefined;
    running.current = true;
    setBusy(true);
    setError('');
    try {
      return await act.current(...args);
    } catch (e) {
      setError(messageOf(e));
      return undefined;
    } finally {
      running.current = false;
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, submit };
}
