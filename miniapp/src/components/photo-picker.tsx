import { Image, Text, View } from '@tarojs/components';
import { useState } from 'react';
import { messageOf } from '../api/client';
import { MAX_PHOTOS, serviceApi } from '../api/service-requests';
import type { Photo } from '../api/types';
import { platform } from '../platform';
import { ErrorBox, Tap } from './ui';

/**
 * Photos for a request or a reply: taken or chosen, uploaded at once (the server strips their
 * location and keeps them private), shown as thumbnails that can be taken off again before
 * sending. The page sends `photos.map((p) => p.id)` as `attachmentIds`.
 */
export function PhotoPicker({ id, photos, onChange, max = MAX_PHOTOS }: { id: string; photos: Photo[]; onChange: (photos: Photo[]) => void; max?: number }) {
  const [uploading, setUploading] = useState(0);
  const [error, setError] = useState('');
  const room = max - photos.length;

  const add = async () => {
    setError('');
    const picked = await platform.choosePhotos(room);
    if (picked.length === 0) return;
    setUploading(picked.length);
    const done: Photo[] = [];
    for (const photo of picked) {
      try {
        done.push(await serviceApi.uploadPhoto(photo));
      } catch (e) {
        setError(messageOf(e));
      }
      setUploading((n) => n - 1);
    }
    onChange([...photos, ...done].slice(0, max));
  };

  return (
    <View id={id} className="photo-picker">
      <Text className="label">照片（可不加，最多 {max} 张）</Text>
      <View className="photo-grid">
        {photos.map((p, i) => (
          <View key={p.id} className="photo-cell" data-testid="picked-photo">
            {p.thumbnailUrl ? <Image className="photo-thumb" src={p.thumbnailUrl} mode="aspectFill" /> : null}
            <Tap className="photo-remove" label={`去掉第 ${i + 1} 张照片`} onTap={() => onChange(photos.filter((x) => x.id !== p.id))}>
              ×
            </Tap>
          </View>
        ))}
        {uploading > 0 ? (
          <View className="photo-cell photo-hidden">
            <Text className="photo-note">正在上传 {uploading} 张…</Text>
          </View>
        ) : null}
      </View>
      {room > 0 && uploading === 0 ? (
        <Tap id={`${id}-add`} className="btn btn-secondary" onTap={() => void add()}>
          拍照或选照片
        </Tap>
      ) : null}
      <Text className="hint">照片上的位置信息会被去掉，只有能看到这件事的人才看得到。</Text>
      <ErrorBox id={`${id}-error`} message={error} />
    </View>
  );
}
