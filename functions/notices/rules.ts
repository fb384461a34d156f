import type { NoticeCategory, TemplateKey } from '../../db/schema/index.js';
import { chinaMinute } from '../_shared/china-time.js';

/** The category's name as residents read it (also the message's second line). */
export const categoryNames: Record<NoticeCategory, string> = { election: '选举公告', service: '办事通知', community: '社区公告' };

/**
 * WeChat's `thing` values hold at most 20 characters (47003 otherwise): longer titles are cut
 * and end with an ellipsis; empty values are refused too, so they get a placeholder.
 */
export function thing(value: string, max = 20): string {
  const chars = [...value.replace(/\s+/g, ' ').trim()];
  if (chars.length === 0) return '请打开小程序查看';
  return chars.length <= max ? chars.join('') : `${chars.slice(0, max - 1).join('')}…`;
}

/** `YYYY-MM-DD HH:mm` in China time, as the subscribe message's `time` fields show it. */
export { chinaMinute };

/** The notice template (公告通知): title, category, publish time. */
export function noticeMessage(n: { title: string; category: NoticeCategory; publishAt: Date }) {
  return { thing1: { value: thing(n.title) }, thing2: { value: categoryNames[n.category] }, time3: { value: chinaMinute(n.publishAt) } };
}

/** What WeChat's answer to subscribeMessage.send means for the outbox row. */
export type SendOutcome =
  | { kind: 'sent' }
  /** 43101: the user has no authorisation left (or refused): not reached, credit cleared. */
  | { kind: 'refused' }
  /** Rate, quota, system errors, time-outs: try again later. */
  | { kind: 'transient'; reason: string }
  /** Bad template, bad data: no retry will help. */
  | { kind: 'permanent'; reason: string };

const TRANSIENT = new Set([-1, 40001, 42001, 45009, 45011, 45015, 45047]);

export function classifyWechatError(errcode: number, errmsg: string): SendOutcome {
  if (errcode === 43101) return { kind: 'refused' };
  if (TRANSIENT.has(errcode)) return { kind: 'transient', reason: `${errcode} ${errmsg}`.trim() };
  return { kind: 'permanent', reason: `${errcode} ${errmsg}`.trim() };
}

/** Attempts before a message that keeps failing transiently is given up. */
export const MAX_ATTEMPTS = 8;
/** Waits between attempts: 30 s, 1 min, 2 min, … at most an hour. */
export const backoffMs = (attempts: number) => Math.min(30_000 * 2 ** Math.max(0, attempts - 1), 3600_000);

/** The settings key of each template's id in the WeChat console. */
export const templateSetting: Record<TemplateKey, 'WECHAT_NOTICE_TEMPLATE_ID' | 'WECHAT_SERVICE_TEMPLATE_ID' | 'WECHAT_ELECTION_TEMPLATE_ID'> = {
  notice: 'WECHAT_NOTICE_TEMPLATE_ID',
  service: 'WECHAT_SERVICE_TEMPLATE_ID',
  election: 'WECHAT_ELECTION_TEMPLATE_ID',
};
