import { useLoad } from './hooks';
import { serviceApi } from './service-requests';

/** One request with its timeline, reloaded each time its page shows (the resident's and the staff's). */
export function useServiceRequest(id: string) {
  const { data, setData, error, reload } = useLoad(() => serviceApi.get(id));
  return { request: data ?? null, setRequest: setData, error, reload };
}
