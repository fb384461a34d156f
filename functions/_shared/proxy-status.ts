/**
 * The states of a request to have someone else vote for you (委托投票), in the words a resident
 * reads, and which of them still count as the applicant's one live request. The server's enum is
 * db/schema/proxy-votes.ts `proxyApplicationStatuses`; the mini-program reads these words.
 */
export type ProxyStatus = 'awaiting_consent' | 'awaiting_approval' | 'approved' | 'rejected' | 'declined' | 'withdrawn';

export const proxyStatusNames: Record<ProxyStatus, string> = {
  awaiting_consent: '等对方同意替您投票',
  awaiting_approval: '等选举委员会审批',
  approved: '已批准',
  rejected: '未批准',
  declined: '对方不能替您投票',
  withdrawn: '已撤回',
};

/** Still the applicant's one live request (DUPLICATE_APPLICATION otherwise): waiting or approved. */
export const isLiveProxyStatus = (s: ProxyStatus) => s === 'awaiting_consent' || s === 'awaiting_approval' || s === 'approved';
