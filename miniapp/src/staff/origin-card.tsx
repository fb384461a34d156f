import { Button, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { useSubmit } from '../api/hooks';
import { residentsApi } from '../api/residents';
import type { ServiceRequest } from '../api/types';
import { ErrorBox, Field, useFieldErrors } from '../components/ui';

type Household = NonNullable<ServiceRequest['household']>;

/**
 * 原村: the village the resident's household was resettled from, and the year. Its land and
 * collective-economy rights stay there (the founding plan's fourth principle), so a 原村权益
 * question is referred to that village. Staff only; recorded here when not yet known.
 */
export function OriginCard({ household, onRefer, onSaved }: { household: Household; onRefer: (to: string) => void; onSaved: () => void }) {
  const [village, setVillage] = useState('');
  const [year, setYear] = useState('');
  const saving = useSubmit(residentsApi.setHouseholdOrigin);
  const fields = useFieldErrors();
  const save = async () => {
    const y = Number(year);
    if (
      fields.show({
        'origin-village': village.trim().length >= 2 ? undefined : '请填写原村名称，如 八珠乡上坪村。',
        'origin-year': /^\d{4}$/.test(year) && y >= 1980 ? undefined : '请填写四位数的搬迁年份，如 2019。',
      })
    )
      return;
    if (await saving.submit(household.id, { originVillage: village.trim(), resettledYear: y })) onSaved();
  };
  return (
    <View className="card" id="request-origin">
      <Text className="h2">原村（{household.label}）</Text>
      {household.originVillage ? (
        <View>
          <Text id="origin-village" className="text">
            {household.originVillage}
            {household.resettledYear ? `，${household.resettledYear} 年搬迁` : ''}
          </Text>
          <Button id="origin-refer" className="btn btn-secondary" onClick={() => onRefer(`${household.originVillage}村委会`)}>
            填入“该去哪里办”：{household.originVillage}村委会
          </Button>
        </View>
      ) : (
        <View>
          <Text className="hint">这户的原村还没有登记。登记后，原村权益的事项可以转给原村办理。只有工作人员能看到。</Text>
          <Field id="origin-village" label="原村" value={village} onChange={setVillage} maxlength={40} error={fields.of('origin-village')} />
          <Field id="origin-year" label="搬迁年份" type="number" value={year} onChange={setYear} maxlength={4} error={fields.of('origin-year')} />
          <ErrorBox id="origin-error" message={saving.error} />
          <Button id="origin-save" className="btn btn-secondary" disabled={saving.busy || undefined} onClick={() => void save()}>
            {saving.busy ? '正在保存…' : '登记原村'}
          </Button>
        </View>
      )}
    </View>
  );
}
