import { chinaMinute, thing } from '../notices/rules.js';

/** The 办事进度 template's status line (a `phrase`: at most 5 characters). */
const statusWords: Record<string, string> = {
  submitted: '已提交',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  rejected: '不予受理',
  reply: '有新回复',
};

/** The 办事进度 subscribe message: what the request is, where it stands, the note, when. */
export function progressMessage(p: { title: string; status: string; note: string | null; at: Date }) {
  return {
    thing1: { value: thing(p.title) },
    phrase2: { value: statusWords[p.status] ?? '有更新' },
    thing3: { value: thing(p.note ?? '请打开小程序查看详情') },
    time4: { value: chinaMinute(p.at) },
  };
}
