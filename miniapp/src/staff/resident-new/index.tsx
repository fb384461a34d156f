import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { isPhone } from '../../../../functions/_shared/phone';
import { newIdempotencyKey } from '../../api/client';
import { useSubmit } from '../../api/hooks';
import { residentsApi } from '../../api/residents';
import { useGroups } from '../../api/use-groups';
import { GroupTiles } from '../../components/group-tiles';
import { choiceGroupProps, ErrorBox, Field, FieldError, Loading, Page, SuccessBox, useFieldErrors } from '../../components/ui';

/** For residents without a phone: staff enter them at the window; they are verified at once. */
export default function ResidentNew() {
  const [name, setName] = useState('');
  const [idNumber, setIdNumber] = useState('');
  const [phone, setPhone] = useState('');
  const [groupId, setGroupId] = useState('');
  const [groupsError, setGroupsError] = useState('');
  const groups = useGroups(setGroupsError);
  const [done, setDone] = useState('');
  const [key, setKey] = useState(newIdempotencyKey);
  const fields = useFieldErrors();
  const adding = useSubmit(residentsApi.add, (e) =>
    fields.fromServer(e, { name: 'resident-name', idNumber: 'resident-id-number', phone: 'resident-phone', groupId: 'resident-group' }),
  );
  const error = adding.error || groupsError;
  const busy = adding.busy;

  const submit = async () => {
    setDone('');
    setGroupsError('');
    adding.setError('');
    if (
      fields.show({
        'resident-name': !name.trim() ? '请填写姓名。' : undefined,
        'resident-id-number': !/^\d{17}[\dXx]$/.test(idNumber.trim()) ? '身份证号是 18 位，请核对。' : undefined,
        'resident-phone': phone && !isPhone(phone.trim()) ? '手机号是 11 位数字，可以不填。' : undefined,
        'resident-group': !groupId ? '请点选居民小组。' : undefined,
      })
    )
      return;
    const r = await adding.submit({ name: name.trim(), idNumber: idNumber.trim().toUpperCase(), groupId, ...(phone ? { phone: phone.trim() } : {}) }, key);
    if (!r) return;
    setDone(`已登记：${r.name ?? name}（${r.idNumberMasked ?? ''}），${r.status === 'verified' ? '已认证' : '待审核'}`);
    setName('');
    setIdNumber('');
    setPhone('');
    setKey(newIdempotencyKey());
  };

  return (
    <Page>
      <View className="card" style={{ marginTop: '16px' }}>
        <Field id="resident-name" label="姓名" value={name} onChange={setName} error={fields.of('resident-name')} required />
        <Field
          id="resident-id-number"
          label="身份证号"
          value={idNumber}
          onChange={setIdNumber}
          type="idcard"
          maxlength={18}
          error={fields.of('resident-id-number')}
          required
        />
        <Field
          id="resident-phone"
          label="手机号（可不填）"
          value={phone}
          onChange={setPhone}
          type="number"
          maxlength={11}
          error={fields.of('resident-phone')}
        />
        <Text className="label">居民小组</Text>
        <View {...choiceGroupProps('resident-group', '居民小组', fields.of('resident-group'))}>
          {groups === null ? <Loading /> : <GroupTiles groups={groups} value={groupId} onChange={setGroupId} />}
        </View>
        <FieldError id="resident-group" message={fields.of('resident-group')} />
        <ErrorBox id="resident-new-error" message={error} />
        <SuccessBox id="resident-new-done" message={done} />
        <Button id="resident-submit" className="btn" disabled={busy || undefined} onClick={() => void submit()}>
          {busy ? '正在登记…' : '登记'}
        </Button>
      </View>
    </Page>
  );
}
