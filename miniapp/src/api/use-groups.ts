import { useEffect, useState } from 'react';
import { messageOf } from './client';
import { residentsApi } from './residents';
import type { Group } from './types';

/** The community's resident groups for a picker; null while loading, [] when they could not load. */
export function useGroups(onError: (message: string) => void): Group[] | null {
  const [groups, setGroups] = useState<Group[] | null>(null);
  useEffect(() => {
    residentsApi
      .groups()
      .then((r) => setGroups(r.items))
      .catch((e: unknown) => {
        setGroups([]);
        onError(messageOf(e));
      });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);
  return groups;
}
