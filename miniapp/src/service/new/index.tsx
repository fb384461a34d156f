import { Button, Text, View } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import { useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import { useLoad, useSubmit } from '../../api/hooks';
import { askForMessages, canAskForMessages, noticesApi } from '../../api/notices';
import { serviceApi } from '../../api/service-requests';
import type { Photo } from '../../api/types';
import { PhotoPicker } from '../../components/photo-picker';
import { ErrorBox, Field, Link, Loading, Page, Tap, TextField, useFieldErrors } from '../../components/ui';

/** Each category's own example, so a resident sees what to write for their kind of matter. */
const examples: Record<string, string> = {
  social_security: '我想办理养老保险认证，腿脚不方便，能不能上门？',
  minimum_living: '家里老伴生病，收入少，想问问能不能申请低保，要带什么材料？',
  employment: '我 45 岁，想在附近找份保洁或门卫的工作。',
  relief: '我是退役军人，想问问今年的优抚补助怎么领。',
  certificate: '我需要开一个居住证明，给孙子办理入学用。',
  family_planning: '孩子刚出生，想问问怎么办理生育登记。',
  sanitation: '楼道里的垃圾三天没人清了，老人上下楼不方便。',
  public_order: '晚上小区门口总有人喝酒吵闹，能不能管一管？',
  household_registration: '孩子出生了，想问问怎么给孩子上户口，要带哪些证件？',
  medical_insurance: '今年的城乡居民医保在哪里交？住院报销要准备什么？',
  village_rights: '我家原来在上坪村的承包地，搬迁后流转费怎么领？',
  other: '写一写您要办什么事，几句话就行。',
};

export default function NewServiceRequest() {
  const { params } = useRouter();
  const [code, setCode] = useState(params.code ? decodeURIComponent(params.code) : '');
  const [description, setDescription] = useState('');
  const [title, setTitle] = useState('');
  const [photos, setPhotos] = useState<Photo[]>([]);
  // One key for this submission: a double tap or a retry after a timeout files one request.
  const [key] = useState(newIdempotencyKey);
  const fields = useFieldErrors();
  const loaded = useLoad(serviceApi.categories);
  // Categories that could not load leave the list empty, with the reason and 重试 above it.
  const categories = loaded.data?.items ?? (loaded.error ? [] : null);
  // The 办事进度 template, known before the tap on 提交 (WeChat asks only inside a tap); none when it could not load.
  const progressTemplate = useLoad(async () => (canAskForMessages ? (await noticesApi.subscriptions()).templates.service : '')).data ?? '';
  const creating = useSubmit(
    async () => {
      // The tap on 提交 is the moment to ask: "通知我办理进度" (one message per 允许). Not asked in H5.
      if (progressTemplate) void askForMessages([progressTemplate]).catch(() => null);
      // No title typed: the server derives it from the description (the rule in functions/_shared/title.ts).
      const r = await serviceApi.create(
        { categoryCode: code, ...(title.trim() ? { title: title.trim() } : {}), description: description.trim(), attachmentIds: photos.map((p) => p.id) },
        key,
      );
      // Still busy until the detail page replaces this one.
      await Taro.redirectTo({ url: `/service/detail/index?id=${r.id}&created=1` });
    },
    (e) => fields.fromServer(e, { description: 'request-description', title: 'request-title' }),
  );
  const error = creating.error;
  const busy = creating.busy;

  const category = categories?.find((c) => c.code === code);

  const submit = () => {
    creating.setError('');
    if (!code) return creating.setError('请先点选要办的事项类别。');
    if (fields.show({ 'request-description': description.trim().length < 2 ? '请写一写您要办什么事，几句话就行。' : undefined })) return;
    void creating.submit();
  };

  return (
    <Page>
      {categories === null ? <Loading /> : null}
      {categories && !category ? (
        <View>
          <Text className="h2">请选择要办的事：</Text>
          <ErrorBox id="categories-error" message={loaded.error} onRetry={() => void loaded.reload()} />
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
            placeholder={`例如：${examples[category.code] ?? examples.other}`}
            error={fields.of('request-description')}
            required
          />
          <Field id="request-title" label="标题（可不填）" value={title} onChange={setTitle} maxlength={40} hint="不填的话，自动用您写的前 20 个字。" />
          <PhotoPicker id="request-photos" photos={photos} onChange={setPhotos} />
          <ErrorBox id="request-error" message={error} />
          <Button id="request-submit" className="btn" disabled={busy || undefined} onClick={submit}>
            {busy ? '正在提交…' : '提交'}
          </Button>
        </View>
      ) : null}
    </Page>
  );
}
