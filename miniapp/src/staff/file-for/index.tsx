import { Button, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { messageOf, newIdempotencyKey } from '../../api/client';
import { createServiceRequest, getServiceCategories, listResidents } from '../../api/endpoints';
import type { Resident, ServiceCategory } from '../../api/types';
import { useGroups } from '../../api/use-groups';
import { GroupTiles } from '../../components/group-tiles';
import { choiceGroupProps, ErrorBox, FieldError, Loading, Page, Tap, TextField, useFieldErrors } from '../../components/ui';
import { titleFrom } from '../../service/title-from';

/**
 * 代办: staff (or a group leader at the window) file a request for a resident without a phone.
 * The request belongs to the resident and is recorded as filed on their behalf.
 */
export default function FileForResident() {
  const [groupId, setGroupId] = useState('');
  const [residents, setResidents] = useState<Resident[] | null>(null);
  const [resident, setResident] = useState<Resident | null>(null);
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
  }, []);

  const pickGroup = (id: string) => {
    setGroupId(id);
    setResident(null);
    setResidents(null);
    listResidents('verified', id)
      .then(setResidents)
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
    createServiceRequest({ categoryCode: code, title: titleFrom(description), description: description.trim(), onBehalfOfResidentId: resident.id }, key)
      .then((r) => Taro.redirectTo({ url: `/staff/request/index?id=${r.id}` }))
      .catch((e: unknown) => {
        setError(messageOf(e));
        setBusy(false);
      });
  };

  return (
    <Page>
      <ErrorBox id="file-for-error" message={error} />
      <View className="card">
        <Text className="h2">1. 居民在哪个小组？</Text>
        {groups === null ? <Loading /> : <GroupTiles groups={groups} value={groupId} onChange={pickGroup} />}
      </View>
      {groupId ? (
        <View className="card">
          <Text className="h2">2. 替哪位居民办？</Text>
          {residents === null ? <Loading /> : null}
          {residents?.length === 0 ? <Text className="muted">这个小组还没有已认证的居民。可以先在“窗口登记居民”里登记。</Text> : null}
          {(residents ?? []).map((r) => (
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
              <Text className="muted">
                {r.idNumberMasked} · {r.birthDate}
              </Text>
            </Tap>
          ))}
        </View>
      ) : null}
      {resident ? (
        <View className="card">
          <Text className="h2">3. 办什么事？</Text>
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
