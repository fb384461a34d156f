import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { messageOf, newIdempotencyKey } from '../../api/client';
import { createServiceRequest, getServiceCategories } from '../../api/endpoints';
import { askForMessages, canAskForMessages, getSubscriptions } from '../../api/notices';
import type { ServiceCategory } from '../../api/types';
import { ErrorBox, Field, Loading, TextField } from '../../components/ui';
import { titleFrom } from '../title-from';

export default function NewServiceRequest() {
  const { params } = useRouter();
  const [categories, setCategories] = useState<ServiceCategory[] | null>(null);
  const [code, setCode] = useState(params.code ? decodeURIComponent(params.code) : '');
  const [description, setDescription] = useState('');
  const [title, setTitle] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  // One key for this submission: a double tap or a retry after a timeout files one request.
  const [key] = useState(newIdempotencyKey);
  // The 办事进度 template, known before the tap on 提交 (WeChat asks only inside a tap).
  const [progressTemplate, setProgressTemplate] = useState('');

  useEffect(() => {
    if (canAskForMessages) {
      getSubscriptions()
        .then((s) => setProgressTemplate(s.templates.service))
        .catch(() => setProgressTemplate(''));
    }
    getServiceCategories()
      .then((r) => setCategories(r.items))
      .catch((e: unknown) => {
        setCategories([]);
        setError(messageOf(e));
      });
  }, []);

  const category = categories?.find((c) => c.code === code);

  const submit = () => {
    if (!code) return setError('请先点选要办的事项类别。');
    if (description.trim().length < 2) return setError('请写一写您要办什么事，几句话就行。');
    setBusy(true);
    setError('');
    // The tap on 提交 is the moment to ask: "通知我办理进度" (one message per 允许). Not asked in H5.
    if (progressTemplate) void askForMessages([progressTemplate]).catch(() => null);
    createServiceRequest({ categoryCode: code, title: title.trim() || titleFrom(description), description: description.trim() }, key)
      .then((r) => Taro.redirectTo({ url: `/service/detail/index?id=${r.id}&created=1` }))
      .catch((e: unknown) => {
        setError(messageOf(e));
        setBusy(false);
      });
  };

  return (
    <View className="page">
      {categories === null ? <Loading /> : null}
      {categories && !category ? (
        <View>
          <Text className="h2">请选择要办的事：</Text>
          <View className="tiles">
            {categories.map((c) => (
              <View key={c.code} id={`pick-${c.code}`} className="tile" onClick={() => setCode(c.code)}>
                <Text className="tile-name">{c.name}</Text>
              </View>
            ))}
          </View>
        </View>
      ) : null}
      {category ? (
        <View className="card">
          <View className="row">
            <Text id="request-category" className="title">
              {category.name}
            </Text>
            <Text className="link" style={{ padding: 0 }} onClick={() => setCode('')}>
              换一个
            </Text>
          </View>
          {category.sensitive ? <Text className="notice-box">这类事项只有负责的工作人员能看到，请放心填写。</Text> : null}
          <TextField
            id="request-description"
            label="您要办什么事？"
            value={description}
            onChange={setDescription}
            placeholder="例如：我想办理养老保险认证，腿脚不方便，能不能上门？"
          />
          <Field id="request-title" label="标题（可不填）" value={title} onChange={setTitle} maxlength={40} hint="不填的话，自动用您写的前 20 个字。" />
          <ErrorBox id="request-error" message={error} />
          <Button id="request-submit" className="btn" disabled={busy || undefined} onClick={submit}>
            {busy ? '正在提交…' : '提交'}
          </Button>
        </View>
      ) : null}
    </View>
  );
}
