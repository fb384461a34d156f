import type { GrantableRole } from '../../../functions/_shared/roles';
import { api, clearToken, getToken, setToken } from './client';
import type {
  AccountList,
  AccountReply,
  Community,
  Dashboard,
  GroupList,
  Health,
  Me,
  QrConfirmed,
  QrScanned,
  QrState,
  QrTicket,
  Rating,
  Resident,
  ResidentPage,
  ResidentReply,
  Role,
  ServiceCategoryList,
  ServiceReply,
  ServiceRequest,
  ServiceRequestPage,
  ServiceStatus,
  Session,
  TemporaryPassword,
} from './types';

// Health and identity
export const getHealth = () => api.get<Health>('/api/health');
export const getCommunity = () => api.get<Community>('/api/community');
export const getMe = () => api.get<Me>('/api/me');

async function signedIn(result: Promise<Session>): Promise<Session> {
  const r = await result;
  setToken(r.token);
  return r;
}

export const login = (body: { username: string; password: string } | { phone: string; password: string }) =>
  signedIn(api.post<Session>('/api/auth/login', body));
export const register = (body: { phone: string; password: string; name: string }, key: string) => signedIn(api.post<Session>('/api/auth/register', body, key));
export const loginWithWechat = (code: string) => signedIn(api.post<Session>('/api/auth/wechat', { code }));
export const bindWechatPhone = (code: string) => api.post<AccountReply>('/api/auth/wechat/phone', { code });
export const createQrTicket = () => api.post<QrTicket>('/api/auth/qr');
export const getQrStatus = (ticket: string, secret: string) => api.get<QrState>(`/api/auth/qr/${encodeURIComponent(ticket)}`, { secret });
/** Tells the waiting browser "已扫码" as soon as the phone opens the confirm page. */
export const markQrScanned = (ticket: string) => api.post<QrScanned>(`/api/auth/qr/${encodeURIComponent(ticket)}/scan`);
export const confirmQr = (ticket: string) => api.post<QrConfirmed>(`/api/auth/qr/${encodeURIComponent(ticket)}/confirm`);

export async function logout(): Promise<void> {
  try {
    if (getToken()) await api.post<void>('/api/auth/logout');
  } finally {
    // Signing out on this phone must work even when the server cannot be reached.
    clearToken();
  }
}

// Residents and groups
export const getGroups = () => api.get<GroupList>('/api/groups');
export const claimResidency = (body: { name: string; idNumber: string; groupId: string }, key: string) =>
  api.post<ResidentReply>('/api/me/resident-claim', body, key);
export const listResidents = (status?: 'pending' | 'verified', groupId?: string) =>
  api.get<ResidentPage>('/api/residents', { status, groupId, limit: 100 }).then((r) => r.items);
export const verifyResident = (id: string) => api.post<ResidentReply>(`/api/residents/${id}/verify`);
export const returnResidentClaim = (id: string, reason: string) => api.post<ResidentReply>(`/api/residents/${id}/return`, { reason });
export const resetResidentPassword = (id: string) => api.post<TemporaryPassword>(`/api/residents/${id}/password-reset`);
export const findResidents = (q: string) => api.get<ResidentPage>('/api/residents', { q, limit: 20 }).then((r) => r.items);
export const addResident = (body: { name: string; idNumber: string; groupId: string; phone?: string }, key: string) =>
  api.post<Resident>('/api/residents', body, key);

// Service window
export const getServiceCategories = () => api.get<ServiceCategoryList>('/api/service-categories');
export const createServiceRequest = (
  body: { categoryCode: string; title?: string; description: string; onBehalfOfResidentId?: string; attachmentIds?: string[] },
  key: string,
) => api.post<ServiceRequest>('/api/service-requests', body, key);
export const listServiceRequests = (query: {
  status?: ServiceStatus;
  categoryCode?: string;
  overdue?: boolean;
  flagged?: boolean;
  cursor?: string;
  sort?: 'newest' | 'urgency';
  q?: string;
}) => api.get<ServiceRequestPage>('/api/service-requests', { ...query, overdue: query.overdue || undefined, flagged: query.flagged || undefined });
export const getServiceRequest = (id: string) => api.get<ServiceRequest>(`/api/service-requests/${id}`);
export const replyServiceRequest = (id: string, body: string, key: string, attachmentIds: string[] = []) =>
  api.post<ServiceReply>(`/api/service-requests/${id}/replies`, { body, ...(attachmentIds.length ? { attachmentIds } : {}) }, key);
export const changeServiceStatus = (id: string, body: { status: ServiceStatus; note?: string; referTo?: string }) =>
  api.post<ServiceRequest>(`/api/service-requests/${id}/status`, body);
export const reopenServiceRequest = (id: string, reason: string) => api.post<ServiceRequest>(`/api/service-requests/${id}/reopen`, { reason });
export const rateServiceRequest = (id: string, body: { score: number; comment?: string }, key: string) =>
  api.post<Rating>(`/api/service-requests/${id}/rating`, body, key);
export const getServiceDashboard = () => api.get<Dashboard>('/api/service-requests/dashboard');

// ---- people and roles (administrators) ----
export type { GrantableRole };
export const findAccounts = (query: { q?: string; role?: Role }) => api.get<AccountList>('/api/accounts', query);
export const assignServiceRequest = (id: string, accountId: string | null) => api.post<ServiceRequest>(`/api/service-requests/${id}/assignee`, { accountId });
export const grantRole = (accountId: string, role: GrantableRole, groupId?: string) =>
  api.post<AccountReply>(`/api/accounts/${accountId}/roles`, { role, ...(groupId ? { groupId } : {}) });
export const revokeRole = (accountId: string, role: GrantableRole, groupId?: string) =>
  api.del<AccountReply>(`/api/accounts/${accountId}/roles/${role}${groupId ? `?groupId=${groupId}` : ''}`);
