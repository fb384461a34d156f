import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { messageOf } from '../api/client';
import { assignServiceRequest, findAccounts, getMe } from '../api/endpoints';
import type { Account } from '../api/types';

/** Administrators: hand an open request to another staff member (for 低保 and relief, only they will see it). */
export function HandOver({ requestId, onDone, onError }: { requestId: string; onDone: (message: string) => void; onError: (message: string) => void }) {
  const [staff, setStaff] = useState<Account[] | null>(null);
  useEffect(() => {
    getMe()
      .then((me) => (me.account.roles.some((r) => r.role === 'admin') ? findAccounts({ role: 'staff' }).then((r) => setStaff(r.items)) : setStaff(null)))
      .catch(() => setStaff(null));
  }, []);
  if (!staff?.length) return null;
  const handTo = (a: Account) =>
    assignServiceRequest(requestId, a.id)
      .then(() => onDone(`已交给${a.name}办理。`))
      .catch((e: unknown) => onError(messageOf(e)));
  return (
    <View className="card">
      <Text className="h2">交给其他工作人员</Text>
      <View className="tabs">
        {staff.map((a) => (
          <View key={a.id} id={`hand-to-${a.id}`} data-testid="hand-to" className="tab" onClick={() => handTo(a)}>
            {a.name}
          </View>
        ))}
      </View>
    </View>
  );
}
