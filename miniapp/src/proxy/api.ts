import type * as z from 'zod';
import { isLiveProxyStatus, proxyStatusNames } from '../../../functions/_shared/proxy-status';
import type { ProxyApplicationIn, ProxyConsent, ProxyDecision } from '../../../functions/proxy-votes/bodies';
import { api, downloadFile } from '../api/client';
import { electionsApi } from '../api/elections';
import type {
  Election,
  ProxyApplicationDetail,
  ProxyApplicationPage,
  ProxyApplicationRow,
  ProxyApplicationStatus,
  ProxyCandidates,
  PublishedNotice,
} from '../api/types';

export type ProxyStatus = ProxyApplicationStatus;
export type ProxyApplication = ProxyApplicationRow;
export type { ProxyApplicationDetail };
/** The election the pages are about, with its calendar and rules when there is one. */
export type CurrentElection = { election: Election | null; deadlines?: Election['deadlines']; rules?: Election['rules'] };
export type PersonRef = ProxyCandidates['items'][number];

/** The statuses' words and liveness, one copy with the server's shared code. */
export const statusName: Record<ProxyStatus, string> = proxyStatusNames;

export const isLive = isLiveProxyStatus;

/** The colour of a status tag: green approved, amber still moving, grey closed. */
export const tagClass = (s: ProxyStatus) => `tag tag-${s === 'approved' ? 'resolved' : isLive(s) ? 'pending' : 'rejected'}`;

/** What the applicant does next, in plain words. */
export function nextStepForApplicant(a: ProxyApplicationRow): string {
  switch (a.status) {
    case 'awaiting_consent':
      return `请告诉${a.proxy.name}：打开小程序，在“委托投票”里点“同意”。`;
    case 'awaiting_approval':
      return `${a.proxy.name}已同意，正在等选举委员会审批。`;
    case 'approved':
      return `已批准。选举日由${a.proxy.name}带上委托书到投票站替您投票。`;
    case 'rejected':
      return `选举委员会没有批准${a.decisionNote ? `，原因：${a.decisionNote}` : ''}。您可以重新申请，或选举日亲自投票。`;
    case 'declined':
      return `${a.proxy.name}不能接受委托。您可以另选一位选民重新申请。`;
    case 'withdrawn':
      return '已撤回。选举日请亲自投票，或重新申请。';
  }
}

/** 他 or 她 from the record (the ID number's sex); the name where it is not recorded. */
const pronoun = (p: { name: string; sex: 'male' | 'female' | null }) => (p.sex === 'female' ? '她' : p.sex === 'male' ? '他' : p.name);

/** What the proxy does next. */
export function nextStepForProxy(a: ProxyApplicationRow): string {
  switch (a.status) {
    case 'awaiting_consent':
      return `${a.applicant.name}想请您替${pronoun(a.applicant)}投票。请选择同意或不同意。`;
    case 'awaiting_approval':
      return '您已同意，正在等选举委员会审批。';
    case 'approved':
      return `已批准。选举日请带上委托书到投票站，替${a.applicant.name}投票。`;
    case 'rejected':
      return `选举委员会没有批准，您不用替${a.applicant.name}投票。`;
    case 'declined':
      return '您已拒绝这份委托。';
    case 'withdrawn':
      return `${a.applicant.name}已撤回，您不用替${pronoun(a.applicant)}投票。`;
  }
}

/** Proxy votes (委托投票): applying, the proxy's consent, the committee's decision, the published list. */
export const proxyApi = {
  searchVoters: (electionId: string, name: string) => api.get<ProxyCandidates>(`/api/elections/${electionId}/proxy-search`, { name }),
  apply: (electionId: string, body: z.input<typeof ProxyApplicationIn>, key: string) =>
    api.post<ProxyApplicationRow>(`/api/elections/${electionId}/proxy-applications`, body, key),
  list: (electionId: string, status?: ProxyStatus) => api.get<ProxyApplicationPage>(`/api/elections/${electionId}/proxy-applications`, { status, limit: 100 }),
  get: (electionId: string, id: string) => api.get<ProxyApplicationDetail>(`/api/elections/${electionId}/proxy-applications/${id}`),
  consent: (electionId: string, id: string, accept: boolean) =>
    api.post<ProxyApplicationRow>(`/api/elections/${electionId}/proxy-applications/${id}/consent`, { accept } satisfies z.input<typeof ProxyConsent>),
  decide: (electionId: string, id: string, approve: boolean, note?: string) =>
    api.post<ProxyApplicationRow>(`/api/elections/${electionId}/proxy-applications/${id}/decision`, {
      approve,
      ...(note ? { note } : {}),
    } satisfies z.input<typeof ProxyDecision>),
  withdraw: (electionId: string, id: string) => api.post<ProxyApplicationRow>(`/api/elections/${electionId}/proxy-applications/${id}/withdraw`),
  exportList: (electionId: string) => downloadFile(`/api/elections/${electionId}/exports/proxies.xlsx`, undefined, '委托投票名单.xlsx'),
  publishList: (electionId: string, key: string) => api.post<PublishedNotice>(`/api/elections/${electionId}/proxy-applications/publish`, {}, key),
};

/** The election the pages are about: the one in the link, else the community's current one. */
export async function resolveElection(electionId?: string): Promise<CurrentElection> {
  if (electionId) {
    const e = await electionsApi.get(electionId);
    return { election: e, deadlines: e.deadlines, rules: e.rules };
  }
  return electionsApi.current();
}
