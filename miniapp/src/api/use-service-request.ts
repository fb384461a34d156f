import { useDidShow } from '@tarojs/taro';
import { useState } from 'react';
import { messageOf } from './client';
import { getServiceRequest } from './endpoints';
import type { ServiceRequest } from './types';

/** One request with its timeline, reloaded each time its page shows (the resident's and the staff's). */
export function useServiceRequest(id: string) {
  const [request, setRequest] = useState<ServiceRequest | null>(null);
  const [error, setError] = useState('');
  const load = () => {
    getServiceRequest(id)
      .then((r) => {
        setRequest(r);
        setError('');
      })
      .catch((e: unknown) => setError(messageOf(e)));
  };
  useDidShow(load);
  return { request, setRequest, error, setError, reload: load };
}
