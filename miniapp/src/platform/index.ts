/**
 * Only the type checker reads this file: each build resolves `platform` to index.weapp.ts or
 * index.h5.ts by Taro's platform suffix. Both implement `Platform`.
 */

export { platform } from './index.weapp';
export type { Platform } from './types';
