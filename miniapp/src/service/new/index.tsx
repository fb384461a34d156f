import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useEffect, useState } from 'react';
import { messageOf, newIdempotencyKey } from '../../api/client';
import { createServiceRequest, getServiceCategories } from '../../api/endpoints';
import type { ServiceCategory } from '../../api/types';
import { ErrorBox, Field, Link, Loading, Page, Tap, TextField } from '../../components/ui';
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

  useEffect(() => {
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
    createServiceRequest({ categoryCode: code, title: title.trim() || titleFrom(description), description: description.trim() }, key)
      .then((r) => Taro.redirectTo({ url: `/service/detail/index?id=${r.id}&created=1` }))
      .catch((e: unknown) => {
        setError(messageOf(e));
        setBusy(false);
      });
  };

  return (
    <Page>
      {categories === null ? <Loading /> : null}
      {categories && !category ? (
        <View>
          <Text className="h2">请选择要办的事：</Text>
          <View className="tiles">
            {categories.map((c) => (
              <Tap key={c.code} id={`pick-${c.code}`} className="tile" onTap={() => setCode(c.code)}>
                <Text className="tile-name">{c.name}</Text>
              </Tap>
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
            <Link id="request-change-category" className="link-inline" label="换一个事项类别" onTap={() => setCode('')}>
              换一个
            </Link>
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
    </Page>
  );
}
