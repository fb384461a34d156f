import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { messageOf, newIdempotencyKey } from '../../api/client';
import { getGroupResidents } from '../../api/elections';
import { createServiceRequest, getServiceCategories, listResidents } from '../../api/endpoints';
import type { Resident, ServiceCategory } from '../../api/types';
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
  const [residents, setResidents] = useState<Pickable[] | null>(null);
  const [resident, setResident] = useState<Pickable | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [categories, setCategories] = useState<ServiceCategory[]>([]);
  const [code, setCode] = useState('');
  const [description, setDescription] = useState('');
  const [error, setError] = useState('');
  const groups = useGroups(setError);
  const [busy, setBusy] = useState(false);
  const [key] = useState(newIdempotencyKey);
  const fields = useFieldErrors();

  useEffect(() => {
    getServiceCategories()
      .then((r) => setCategories(r.items))
      .catch((e: unknown) => setError(messageOf(e)));
    if (leaderGroup) {
      getGroupResidents(leaderGroup)
        .then((d) => {
          const list = d.items
            .filter((r) => r.status === 'verified')
            .map((r) => ({ id: r.id, name: r.name, detail: `${r.age}岁${r.household ? ` · ${r.household.label}` : ''}` }));
          setResidents(list);
          setResident(list.find((r) => r.id === params.residentId) ?? null);
        })
        .catch((e: unknown) => {
          setResidents([]);
          setError(messageOf(e));
        });
    }
  }, [leaderGroup, params.residentId]);

  const pickGroup = (id: string) => {
    setGroupId(id);
    setResident(null);
    setResidents(null);
    listResidents('verified', id)
      .then((list) => setResidents(list.map((r) => ({ id: r.id, name: r.name, detail: `${r.idNumberMasked} · ${r.birthDate}` }))))
      .catch((e: unknown) => {
        setResidents([]);
        setError(messageOf(e));
      });
  };

  const submit = () => {
    setError('');
    if (
      fields.show({
        'file-category': !code ? '请点选事项类别。' : undefined,
        'file-description': description.trim().length < 2 ? '请写下居民要办的事。' : undefined,
      })
    )
      return;
    if (!resident) return setError('请先选择居民。');
    setBusy(true);
    createServiceRequest({ categoryCode: code, description: description.trim(), onBehalfOfResidentId: resident.id }, key)
      .then((r) => Taro.redirectTo({ url: leaderGroup ? `/service/detail/index?id=${r.id}` : `/staff/request/index?id=${r.id}` }))
      .catch((e: unknown) => {
        setError(messageOf(e));
        setBusy(false);
      });
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
                onTap={() => setResident(r)}
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
            {categories.map((c) => (
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
