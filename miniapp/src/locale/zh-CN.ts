/**
 * Every Chinese sentence the client itself produces for API errors lives here (API.md codes →
 * plain words a resident can act on). Page titles and labels stay in their pages.
 */
export const errorMessages: Record<string, string> = {
  // Common
  VALIDATION_FAILED: '填写的内容有误，请检查后再提交。',
  UNAUTHENTICATED: '请先登录。',
  FORBIDDEN: '您没有办理这项事务的权限。',
  NOT_FOUND: '没有找到这条记录，可能已被删除。',
  CONFLICT: '这项操作与已有记录冲突，请刷新后再试。',
  PAYLOAD_TOO_LARGE: '内容太长了，请删减一些后再提交。',
  RATE_LIMITED: '操作太频繁，请稍等一会儿再试。',
  INTERNAL_ERROR: '系统出了点问题，请稍后再试。',
  // Health and identity
  PHONE_TAKEN: '这个手机号已经注册过了，请直接登录。',
  WEAK_PASSWORD: '密码太简单了，请至少用 8 位，并同时包含字母和数字。',
  INVALID_CREDENTIALS: '账号或密码不对，请再试一次。',
  ACCOUNT_LOCKED: '密码输错次数太多，账号已暂时锁定，请 15 分钟后再试。',
  WECHAT_CODE_INVALID: '微信登录没有成功，请再点一次“微信登录”。',
  // Residents
  ID_NUMBER_INVALID: '身份证号码不正确，请核对后重新填写。',
  // Service window
  INVALID_TRANSITION: '这件事当前的状态不能这样办理，请刷新后查看。',
  CONTENT_REJECTED: '内容里有不合适的文字，请修改后再提交。',
  // Elections
  VOTER_UNDERAGE: '选举日时未满 18 周岁，不能登记为选民。',
  RESIDENT_NOT_VERIFIED: '居民身份还没有认证，请先到“我的”页面申请认证。',
  ALREADY_REGISTERED: '已经登记为选民了，不用重复登记。',
  GROUP_QUOTA_REACHED: '本小组的居民代表名额已满。',
  NOMINEE_NOT_VOTER: '被推荐的人还不是登记选民。',
  NOT_GROUP_LEADER: '只有本小组的组长才能推荐本组代表。',
  ALREADY_NOMINATED: '这位居民已经被推荐过了。',
  // Proxy votes
  SELF_PROXY: '不能委托自己投票，请选择其他选民。',
  PROXY_NOT_VOTER: '受托人还不是登记选民，请选择其他人。',
  APPLICANT_NOT_VOTER: '您还不是登记选民，暂时不能申请委托投票。',
  PROXY_DEADLINE_PASSED: '委托投票的申请时间已经截止。',
  DUPLICATE_APPLICATION: '您已经提交过委托申请，不用重复提交。',
  PROXY_LIMIT_REACHED: '这位受托人接受的委托已满 3 人，请选择其他人。',
  // Notices
  NOTICE_TOO_LATE: '选民名单公告至少要在选举日前 10 天发布，现在发布已经太晚。',
};

export const NETWORK_ERROR = '网络不通，请稍后再试';

export function genericError(requestId?: string): string {
  return requestId ? `系统出了点问题，请稍后再试。如需求助，请告诉工作人员编号：${requestId}` : '系统出了点问题，请稍后再试。';
}
