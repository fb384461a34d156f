import { Text, View } from '@tarojs/components';
import { useEffect, useState } from 'react';
import { authApi } from '../api/auth';
import { messageOf } from '../api/client';
import { serviceApi } from '../api/service-requests';
import { useSession } from '../api/session';
import type { Account } from '../api/types';
import { confirmFirst } from '../components/a11y';
import { Tap } from '../components/ui';

/** Administrators: hand an open request to another staff member (for 低保 and relief, only they will see it). */
export function HandOver({ requestId, onDone, onError }: { requestId: string; onDone: (message: string) => void; onError: (message: string) => void }) {
  const [staff, setStaff] = useState<Account[] | null>(null);
  const admin = !!useSession().me?.account.roles.some((r) => r.role === 'admin');
  useEffect(() => {
    if (!admin) return setStaff(null);
    authApi
      .findAccounts({ role: 'staff' })
      .then((r) => setStaff(r.items))
      .catch(() => setStaff(null));
  }, [admin]);
  if (!staff?.length) return null;
  const handTo = (a: Account) =>
    serviceApi
      .assign(requestId, { accountId: a.id })
      .then(() => onDone(`已交给${a.name}办理。`))
      .catch((e: unknown) => onError(messageOf(e)));
  return (
    <View className="card">
      <Text className="h2">交给其他工作人员</Text>
      <View className="tabs">
        {staff.map((a) => (
          <Tap
            key={a.id}
            id={`hand-to-${a.id}`}
            testId="hand-to"
            className="tab"
            label={`交给${a.name}办理`}
            onTap={() =>
              void confirmFirst({ title: `交给${a.name}办理？`, content: '交出后由对方经办，您可能就看不到这件事了。', confirmText: '交给他办' }).then((ok) => {
                if (ok) void handTo(a);
              })
            }
          >
            {a.name}
          </Tap>
        ))}
      </View>
    </View>
  );
}
