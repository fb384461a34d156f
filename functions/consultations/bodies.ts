import * as z from 'zod';

/**
 * The bodies the consultation routes take (routes.ts validates with them); the mini-program types
 * what it sends from them, as it types replies from ./replies.ts.
 */

const when = (what: string) => z.iso.datetime({ offset: true, error: `${what}格式不对` });

const QuestionIn = z.object({
  kind: z.enum(['single', 'multiple', 'scale', 'text'], { error: '题目类型只能是单选、多选、打分或填写' }),
  text: z.string({ error: '请填写题目' }).trim().min(1, '请填写题目').max(200, '题目最多 200 字'),
  options: z.array(z.string().trim().min(1, '选项不能为空').max(60, '选项最多 60 字'), { error: '选项格式不对' }).max(20, '最多 20 个选项').optional(),
});

/** POST /api/consultations */
export const NewConsultation = z.object({
  title: z.string({ error: '请填写标题' }).trim().min(1, '请填写标题').max(60, '标题最多 60 字'),
  purpose: z.string({ error: '请写明为什么征求意见' }).trim().min(1, '请写明为什么征求意见').max(500, '说明最多 500 字'),
  questions: z.array(QuestionIn, { error: '请添加题目' }).min(1, '至少要有一道题').max(30, '最多 30 道题'),
  audience: z
    .object({
      groups: z.array(z.uuid('居民小组编号无效')).max(100, '小组太多').optional(),
      votersOf: z.uuid('选举编号无效').optional(),
      households: z.array(z.uuid('户编号无效')).max(5000, '户太多').optional(),
    })
    .default({}),
  per: z.enum(['resident', 'household'], { error: '请选择每人一份还是每户一份' }).default('resident'),
  anonymous: z.boolean({ error: '请选择是否不记名' }).default(false),
  opensAt: when('开始时间'),
  closesAt: when('截止时间'),
});

/** PUT /api/consultations/:id/answer: the caller's own, or one entered for a resident at the door; `receipt` to change an anonymous one. */
export const AnswerIn = z.object({
  answers: z
    .array(
      z.object({
        option: z.number({ error: '选项格式不对' }).int('选项格式不对').optional(),
        options: z.array(z.number().int('选项格式不对'), { error: '选项格式不对' }).max(20, '选项太多').optional(),
        value: z.number({ error: '分数格式不对' }).int('分数格式不对').optional(),
        text: z.string({ error: '意见格式不对' }).max(2000, '意见最多 500 字').optional(),
      }),
      { error: '请填写回答' },
    )
    .max(30, '回答太多'),
  onBehalfOfResidentId: z.uuid('居民编号无效').optional(),
  receipt: z.string().max(100, '回执格式不对').optional(),
});
