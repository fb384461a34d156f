import { Image, Text, View } from '@tarojs/components';
import type { Photo } from '../api/types';
import { platform } from '../platform';
import { Tap } from './ui';

/**
 * Photos of a request or a reply, as squares in rows of three; a tap shows the photo full size.
 * A photo waiting for WeChat's check says so (only its sender and staff see it meanwhile); one
 * the check found risky has its place kept with the reason, never the picture.
 */
export function PhotoGrid({ id, photos }: { id: string; photos: Photo[] }) {
  if (photos.length === 0) return null;
  const viewable = photos.filter((p) => p.url).map((p) => p.url!);
  return (
    <View id={id} className="photo-grid" data-testid={id}>
      {photos.map((p, i) =>
        p.hidden || !p.thumbnailUrl ? (
          <View key={p.id} className="photo-cell photo-hidden" data-testid="photo-hidden">
            <Text className="photo-note">照片未通过微信安全检查，已隐藏</Text>
          </View>
        ) : (
          <Tap key={p.id} className="photo-cell" testId="photo" label={`查看第 ${i + 1} 张照片`} onTap={() => platform.previewPhotos(viewable, p.url!)}>
            <Image className="photo-thumb" src={p.thumbnailUrl} mode="aspectFill" />
            {p.check === 'pending' ? <Text className="photo-badge">审核中</Text> : null}
          </Tap>
        ),
      )}
    </View>
  );
}
