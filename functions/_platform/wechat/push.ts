import { createHash } from 'node:crypto';

/** The message-push Token the stand-in signs its pushed events with (WECHAT_PUSH_TOKEN's stand-in). */
export const STAND_IN_PUSH_TOKEN = 'stand-in-push-token';

/** WeChat's signature of a pushed message: sha1 of token, timestamp and nonce, sorted and joined. */
export const pushSignature = (token: string, timestamp: string, nonce: string) =>
  createHash('sha1').update([token, timestamp, nonce].sort().join('')).digest('hex');
