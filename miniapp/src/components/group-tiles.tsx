import { Text, View } from '@tarojs/components';
import type { Group } from '../api/types';
import { Tap } from './ui';

/**
 * Choosing a 居民小组 by tapping a big tile: easier than a scroll picker for older hands. Each
 * tile is a radio button; wrap the tiles in `choiceGroupProps(...)` to name the group.
 */
export function GroupTiles({ groups, value, onChange }: { groups: Group[]; value: string; onChange: (id: string) => void }) {
  return (
    <View className="tiles">
      {groups.map((g) => (
        <Tap
          key={g.id}
          id={`group-${g.id}`}
          testId={`group-${g.id}`}
          role="radio"
          selected={value === g.id}
          className={`tile ${value === g.id ? 'tile-selected' : ''}`}
          onTap={() => onChange(g.id)}
        >
          <Text className="tile-name">{g.name}</Text>
          {value === g.id ? <Text className="tile-check">✓ 已选</Text> : null}
          {g.leaderName ? <Text className="tile-sub">组长：{g.leaderName}</Text> : null}
        </Tap>
      ))}
    </View>
  );
}
