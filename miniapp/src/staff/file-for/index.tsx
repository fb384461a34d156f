import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { residentsApi } from '../../api/residents';
import { serviceApi } from '../../api/service-requests';
import type { Resident } from '../../api/types';
import { useGroups } from '../../api/use-groups';
import { GroupTiles } from '../../components/group-tiles';
import { choiceGroupProps, ErrorBox, FieldError, Loading, Page, Tap, TextField, useFieldErrors } from '../../components/ui';

type Pickable = Pick<Resident, 'id' | 'name'> & { detail: string };

/**
 * 代办: staff (or a group leader at the window) file a request for a resident without a phone.
 * The request belongs to the resident and is recorded as filed on their behalf. A group leader
 * comes from 我的小组 with `?groupId=` (and `residentId=`): their own group's people only, loaded
 * from the group's list, which leaders may read.
 */
export default function FileForResident() {
  const params = useRouter().params;
  const leaderGroup = params.groupId ?? '';
  const [groupId, setGroupId] = useState(leaderGroup);
  const [picked, setPicked] = useState<Pickable | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [code, setCode] = useState('');
  const [description, setDescription] = useState('');
  const [groupsError, setGroupsError] = useState('');
  const groups = useGroups(setGroupsError);
  const categories = useLoad(serviceApi.categories);
  const [key] = useState(newIdempotencyKey);
  const fields = useFieldErrors();

  const loaded = useLoad(
    async (): Promise<Pickable[] | null> => {
      if (!groupId) return null;
      if (leaderGroup) {
        const d = await residentsApi.groupResidents(leaderGroup);
        return d.items
          .filter((r) => r.status === 'verified')
          .map((r) => ({ id: r.id, name: r.name, detail: `${r.age}岁${r.household ? ` · ${r.household.label}` : ''}` }));
      }
      const list = await residentsApi.list('verified', groupId);
      return list.map((r) => ({ id: r.id, name: r.name, detail: `${r.idNumberMasked} · ${r.birthDate}` }));
    },
    { filters: [groupId] },
  );
  // A group that could not load shows as empty (the sentence is in the error box).
  const residents = loaded.data ?? (loaded.error ? [] : null);
  // Coming from 我的小组, the resident the leader tapped is chosen until another is.
  const resident = picked ?? (leaderGroup ? (residents?.find((r) => r.id === params.residentId) ?? null) : null);

  const creating = useSubmit(async (who: Pickable) => {
    const r = await serviceApi.create({ categoryCode: code, description: description.trim(), onBehalfOfResidentId: who.id }, key);
    // Still busy until the request's page replaces this one.
    await Taro.redirectTo({ url: leaderGroup ? `/service/detail/index?id=${r.id}` : `/staff/request/index?id=${r.id}` });
  });
  const error = groupsError || categories.error || loaded.error || creating.error;
  const busy = creating.busy;

  const pickGroup = (id: string) => {
    setGroupId(id);
    setPicked(null);
  };

  const submit = () => {
    creating.setError('');
    if (
      fields.show({
        'file-category': !code ? '请点选事项类别。' : undefined,
        'file-description': description.trim().length < 2 ? '请写下居民要办的事。' : undefined,
      })
    )
      return;
    if (!resident) return creating.setError('请先选择居民。');
    void creating.submit(resident);
  };

  return (
    <Page>
      <ErrorBox id="file-for-error" message={error} />
      {leaderGroup ? null : (
        <View className="card">
          <Text className="h2">1. 居民在哪个小组？</Text>
          {groups === null ? <Loading /> : <GroupTiles groups={groups} value={groupId} onChange={pickGroup} />}
        </View>
      )}
      {groupId ? (
        <View className="card">
          <Text className="h2">{leaderGroup ? '1. 替哪位居民办？' : '2. 替哪位居民办？'}</Text>
          {residents === null ? <Loading /> : null}
          {residents?.length === 0 ? <Text className="muted">这个小组还没有已认证的居民。可以先在“窗口登记居民”里登记。</Text> : null}
          {/* Coming from 我的小组 with someone chosen: just them, and a way to choose another. */}
          {leaderGroup && resident && !showAll ? (
            <Button id="file-for-change" className="btn btn-secondary" onClick={() => setShowAll(true)}>
              换一位居民
            </Button>
          ) : null}
          {(residents ?? [])
            .filter((r) => !leaderGroup || showAll || !resident || r.id === resident.id)
            .map((r) => (
              <Tap
                key={r.id}
                id={`pick-resident-${r.id}`}
                role="radio"
                selected={resident?.id === r.id}
                className={`list-item pick-resident ${resident?.id === r.id ? 'tile-selected' : ''}`}
                onTap={() => setPicked(r)}
              >
                <Text className="h2" style={{ marginBottom: 0 }}>
                  {resident?.id === r.id ? '✓ ' : ''}
                  {r.name}
                </Text>
                <Text className="muted">{r.detail}</Text>
              </Tap>
            ))}
        </View>
      ) : null}
      {resident ? (
        <View className="card">
          <Text className="h2">{leaderGroup ? '2. 办什么事？' : '3. 办什么事？'}</Text>
          <View className="tabs" {...choiceGroupProps('file-category', '事项类别', fields.of('file-category'))}>
            {(categories.data?.items ?? []).map((c) => (
              <Tap
                key={c.code}
                id={`file-cat-${c.code}`}
                role="radio"
                selected={code === c.code}
                className={`tab ${code === c.code ? 'tab-active' : ''}`}
                onTap={() => setCode(c.code)}
              >
                {c.name}
              </Tap>
            ))}
          </View>
          <FieldError id="file-category" message={fields.of('file-category')} />
          <TextField
            id="file-description"
            label={`${resident.name}要办的事`}
            value={description}
            onChange={setDescription}
            error={fields.of('file-description')}
            required
          />
          <Button id="file-submit" className="btn" disabled={busy || undefined} onClick={submit}>
            {busy ? '正在提交…' : '替居民提交'}
          </Button>
        </View>
      ) : null}
    </Page>
  );
}
