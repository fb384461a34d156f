import type { ConsultationAnswerItem, ConsultationQuestion } from '../../db/schema/index.js';
import { AppError } from '../_platform/errors.js';

/** A scale runs from 1 to the number of its labels, or to 5 when it has none. */
export const scaleMax = (q: ConsultationQuestion) => (q.options?.length ? q.options.length : 5);

const invalid = (path: string, message: string) => new AppError('VALIDATION_FAILED', message, { errors: [{ path, message }] });

/** The question set as the committee wrote it: choices need at least two options, each once. */
export function checkQuestions(questions: ConsultationQuestion[]) {
  questions.forEach((q, i) => {
    const path = `body.questions.${i}.options`;
    if (q.kind === 'single' || q.kind === 'multiple') {
      if (!q.options || q.options.length < 2) throw invalid(path, `第 ${i + 1} 题是选择题，至少要有两个选项。`);
      if (new Set(q.options).size !== q.options.length) throw invalid(path, `第 ${i + 1} 题有重复的选项。`);
    }
    if (q.kind === 'scale' && q.options && q.options.length > 0 && (q.options.length < 2 || q.options.length > 10)) {
      throw invalid(path, `第 ${i + 1} 题的打分要有 2 到 10 档。`);
    }
    if (q.kind === 'text' && q.options?.length) throw invalid(path, `第 ${i + 1} 题是填写题，不需要选项。`);
  });
}

/**
 * One answer per question, in order, each of the question's kind. A question may be left
 * unanswered ({}); a text question's text is trimmed, and empty text counts as unanswered.
 */
export function normaliseAnswers(questions: ConsultationQuestion[], answers: ConsultationAnswerItem[]): ConsultationAnswerItem[] {
  if (answers.length !== questions.length) throw invalid('body.answers', `这份征求意见有 ${questions.length} 道题，请每题都给出回答（可以不选）。`);
  const out = questions.map((q, i): ConsultationAnswerItem => {
    const a = answers[i]!;
    const path = `body.answers.${i}`;
    const n = q.options?.length ?? 0;
    switch (q.kind) {
      case 'single':
        if (a.option === undefined) return {};
        if (!Number.isInteger(a.option) || a.option < 0 || a.option >= n) throw invalid(path, `第 ${i + 1} 题请从给出的选项中选一个。`);
        return { option: a.option };
      case 'multiple': {
        const picked = [...new Set(a.options ?? [])].sort((x, y) => x - y);
        if (picked.some((o) => !Number.isInteger(o) || o < 0 || o >= n)) throw invalid(path, `第 ${i + 1} 题请从给出的选项中选择。`);
        return picked.length ? { options: picked } : {};
      }
      case 'scale':
        if (a.value === undefined) return {};
        if (!Number.isInteger(a.value) || a.value < 1 || a.value > scaleMax(q)) throw invalid(path, `第 ${i + 1} 题请打 1 到 ${scaleMax(q)} 分。`);
        return { value: a.value };
      default: {
        const text = a.text?.trim() ?? '';
        if (text.length > 500) throw invalid(path, `第 ${i + 1} 题最多写 500 字。`);
        return text ? { text } : {};
      }
    }
  });
  if (out.every((a) => Object.keys(a).length === 0)) throw invalid('body.answers', '请至少回答一道题。');
  return out;
}

/** The satisfaction consultation for 回头看 (step 四 of the founding plan): a template the committee edits before sending. */
export const satisfactionTemplate = {
  title: '社区工作满意度征求意见',
  purpose: '回头看：请您对社区组建以来的工作打分、提意见，帮助我们总结经验、补齐短板。',
  per: 'resident' as const,
  anonymous: true,
  questions: [
    { kind: 'scale' as const, text: '您对社区居委会的工作总体满意吗？', options: ['很不满意', '不满意', '一般', '满意', '很满意'] },
    { kind: 'scale' as const, text: '您对便民服务窗口办事满意吗？', options: ['很不满意', '不满意', '一般', '满意', '很满意'] },
    { kind: 'single' as const, text: '这次居委会选举，您觉得公开透明吗？', options: ['公开透明', '基本公开', '不够公开', '不了解'] },
    {
      kind: 'multiple' as const,
      text: '您最希望社区下一步做好哪些事？（可多选）',
      options: ['就业帮扶', '老人照料', '孩子上学', '环境卫生', '邻里纠纷调解', '办事更方便'],
    },
    { kind: 'text' as const, text: '您还有什么意见和建议？' },
  ],
};
