import type { ErrorCode } from '../../../functions/_platform/errors';

/**
 * Fallback sentences for API errors, by the server's error code (functions/_platform/errors.ts).
 * The server's own `detail` is what the person reads — it knows the real lock time, how many
 * tries are left, why a 代办 was refused; these are shown only for a reply without one (a proxy
 * or gateway page, a truncated body). Page titles and labels stay in their pages.
 */
export const errorMessages: Partial<Record<ErrorCode, string>> = {
  // Common
  VALIDATION_FAILED: '填写的内容有误，请检查后再提交。',
  UNAUTHENTICATED: '请先登录。',
  FORBIDDEN: '您没有办理这项事务的权限。',
  NOT_FOUND: '没有找到这条记录，可能已被删除。',
  CONFLICT: '这项操作与已有记录冲突，请刷新后再试。',
  PAYLOAD_TOO_LARGE: '内容太长了，请删减一些后再提交。',
  RATE_LIMITED: '操作太频繁，请稍等一会儿再试。',
  INTERNAL: '系统出了点问题，请稍后再试。',
  MALFORMED_JSON: '提交的内容格式不对，请刷新页面后重新填写。',
  DATABASE_UNAVAILABLE: '系统正在恢复，请过一会儿再试。',
  IDEMPOTENCY_KEY_REUSED: '这次提交和上一次不一样，请刷新页面后重新提交。',
  // Health and identity
  PHONE_TAKEN: '这个手机号已经注册过了，请直接登录。',
  WEAK_PASSWORD: '密码太简单了：请用 8 位以上，同时有字母和数字，不要用 12345678 这类好猜的。',
  INVALID_CREDENTIALS: '手机号、账号或密码不对，请再试一次。',
  ACCOUNT_LOCKED: '密码输错次数太多，账号已暂时锁定，请稍后再试。',
  WECHAT_CODE_INVALID: '微信登录没有成功，请再点一次“微信登录”。',
  WECHAT_UNAVAILABLE: '暂时连不上微信，请稍后再试，或用手机号和密码登录。',
  PHONE_CODE_INVALID: '没有拿到微信手机号，请再点一次“绑定微信手机号”。',
  QR_TICKET_EXPIRED: '二维码已过期，请在电脑上刷新二维码后重新扫码。',
  // Photos and calls (service window)
  ATTACHMENT_TOO_LARGE: '照片太大了，请换一张或压缩后再上传。',
  ATTACHMENT_TYPE: '只能上传照片（JPEG、PNG、WebP 或 HEIC 格式）。',
  ATTACHMENT_UNREADABLE: '这张照片无法读取，请重新拍摄或换一张。',
  NO_PHONE_ON_RECORD: '这位居民没有登记手机号，请上门联系。',
  // Residents
  ID_NUMBER_INVALID: '身份证号码不正确，请核对后重新填写。',
  ID_NUMBER_TAKEN: '这个身份证号已经登记过了。如有疑问，请到社区服务窗口核对。',
  ALREADY_CLAIMED: '您已经提交过居民认证，不用重复提交。',
  // Service window
  INVALID_TRANSITION: '这件事当前的状态不能这样办理，请刷新后查看。',
  CONSULTATION_CLOSED: '这次征求意见现在不能回答：已经截止，或者还没开始。',
  NOT_IN_AUDIENCE: '这次征求意见不是问您的，或者您的居民信息还没核实。',
  CONTENT_REJECTED: '内容里有不合适的文字，请修改后再提交。',
  // Elections
  NOT_GROUP_LEADER: '只有本小组的组长才能推荐本组代表。',
  ALREADY_NOMINATED: '这位居民已经被推荐过了。',
  ALREADY_REGISTERED_ELSEWHERE: '该居民已在其他社区登记为本届选民，不能在两个社区同时登记。',
  OBJECTION_WINDOW_CLOSED: '现在不在提出异议的期限内。',
  ALREADY_APPLIED: '您已经申请过了，请等选举委员会处理。',
  ELECTION_LOCKED: '选举已进行到下一步，这项内容已经固定，不能再修改。',
  RULE_FIXED_BY_LAW: '这条规则由法律规定，不能修改。',
  BASIS_REQUIRED: '选举规则与法律规定的默认值不同，请写明依据。',
  ROUND_NOT_CLOSED: '这一轮还在计票，确认后才能开始下一轮。',
  ROUND_NOT_NEEDED: '现在不需要这一轮投票。',
  // Proxy votes
  SELF_PROXY: '不能委托自己投票，请选择其他选民。',
  PROXY_NOT_VOTER: '替您投票的人还不是登记选民，请选择其他人。',
  APPLICANT_NOT_VOTER: '您还不是登记选民，暂时不能申请委托投票。',
  PROXY_DEADLINE_PASSED: '委托投票的申请时间已经截止。',
  DUPLICATE_APPLICATION: '您已经提交过委托申请，不用重复提交。',
  PROXY_LIMIT_REACHED: '这个人已经替3位选民投票，不能再多了，请选择其他人。',
  PROXY_IS_CANDIDATE: '这个人是本次选举的候选人，不能替别人投票，请选择其他人。',
  PROXY_HAS_ENTRUSTED: '这个人自己也请了别人替他投票，不能替您投票，请选择其他人。',
  APPLICANT_IS_PROXY: '您已接受别人的委托，要到场替他们投票，不能再委托别人。',
  APPLICANT_IS_OFFICIAL: '您已被推选为选举工作人员，选举当天要在投票站工作，可以自己投票，不用请别人替投。',
  // Notices
  NOTICE_TOO_LATE: '选民名单公告至少要在选举日前 10 天发布，现在发布已经太晚。',
};

/** VALIDATION_FAILED with the server's first field message, when it is already in Chinese. */
export function validationFailed(fieldMessage?: string): string | undefined {
  return fieldMessage && /[\u4e00-\u9fff]/.test(fieldMessage) ? `填写的内容有误：${fieldMessage}` : undefined;
}

export const NETWORK_ERROR = '网络不通，请稍后再试';

export function genericError(requestId?: string): string {
  return requestId ? `系统出了点问题，请稍后再试。如需求助，请告诉工作人员编号：${requestId}` : '系统出了点问题，请稍后再试。';
}
