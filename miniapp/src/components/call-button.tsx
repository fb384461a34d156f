import { Text, View } from '@tarojs/components';
import { useState } from 'react';
import { messageOf } from '../api/client';
import { residentsApi } from '../api/residents';
import { platform } from '../platform';
import { Tap } from './ui';

/**
 * 打电话 to a resident, for staff and the resident's group leader. The number stays masked until
 * the tap, which asks the server for it (each reveal is recorded with `purpose`, the page it
 * came from: `group_page`, `service_request:<id>`, `election_not_reached:<id>`…) and shows it —
 * staff at a PC dial it on the desk phone; a second tap opens the phone's dialler.
 */
export function CallButton({ id, residentId, name, purpose }: { id?: string; residentId: string; name: string; purpose: string }) {
  const [phone, setPhone] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const key = id ?? `call-${residentId}`;

  const call = async () => {
    if (phone) return platform.callPhone(phone);
    setBusy(true);
    setError('');
    try {
      // The number is shown first (staff at a PC dial it on the desk phone); a second tap dials.
      setPhone((await residentsApi.revealPhone(residentId, { purpose })).phone);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <View className="call">
      <Tap id={key} className="btn btn-green call-button" disabled={busy} onTap={() => void call()}>
        {busy ? '正在取号码…' : phone ? `拨打 ${phone}` : `给${name}打电话`}
      </Tap>
      {phone ? (
        <Text id={`${key}-number`} className="call-number">
          {name}：{phone}
        </Text>
      ) : null}
      {error ? (
        <Text id={`${key}-error`} className="bad-line" {...({ role: 'alert' } as object)}>
          {error}
        </Text>
      ) : null}
    </View>
  );
}
