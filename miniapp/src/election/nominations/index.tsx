import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { electionsApi, type Nomination, nominationStatusNames } from '../../api/elections';
import { useLoad, useSubmit } from '../../api/hooks';
import { confirmFirst } from '../../components/a11y';
import { ErrorBox, Loading, Page, SuccessBox, toastDone } from '../../components/ui';

/** The committee confirms each group's recommended representatives; confirmed ones go on the public list. */
export default function NominationsPage() {
  const [notice, setNotice] = useState('');
  const loaded = useLoad(async () => {
    const current = await electionsApi.current();
    if (!current.election) return { electionId: '', items: [] };
    return { electionId: current.election.id, items: (await electionsApi.listNominations(current.election.id)).items };
  });
  const confirming = useSubmit(electionsApi.confirmNomination);
  const electionId = loaded.data?.electionId ?? '';
  const items = loaded.data?.items ?? null;
  const error = loaded.error || confirming.error;

  const confirm = async (n: Nomination) => {
    const ok = await confirmFirst({
      title: `确认${n.name}为居民代表？`,
      content: `确认后${n.name}列入公布的居民代表名单，小组长不能再撤回这项推荐。`,
      confirmText: '确认',
    });
    if (!ok) return;
    setNotice('');
    if (!(await confirming.submit(electionId, n.id))) return;
    setNotice(`已确认${n.groupName}的居民代表${n.name}。`);
    toastDone(`已确认${n.name}为居民代表`);
    await loaded.reload();
  };

  const groups = new Map<string, Nomination[]>();
  for (const n of items ?? []) groups.set(n.groupName, [...(groups.get(n.groupName) ?? []), n]);

  return (
    <Page>
      <ErrorBox id="nominations-error" message={error} />
      <SuccessBox id="nominations-notice" message={notice} />
      {items === null && !error ? <Loading /> : null}
      {items?.length === 0 ? <Text className="empty">还没有小组推荐居民代表。</Text> : null}
      {[...groups.entries()].map(([group, list]) => (
        <View key={group} className="card">
          <Text className="h2">{group}</Text>
          {list.map((n) => (
            <View key={n.id} className="list-item" id={`nomination-${n.residentId}`}>
              <Text className="text">
                {n.name}　{nominationStatusNames[n.status]}
              </Text>
              {n.nominatedByName ? <Text className="muted">推荐人：{n.nominatedByName}</Text> : null}
              {n.status === 'nominated' ? (
                <Button id={`confirm-${n.residentId}`} className="btn" onClick={() => void confirm(n)}>
                  确认{n.name}
                </Button>
              ) : null}
            </View>
          ))}
        </View>
      ))}
    </Page>
  );
}
