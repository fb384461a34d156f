import { api, clearToken, getToken, setToken } from './client';
import type {
  Account,
  AuthResult,
  Community,
  Dashboard,
  Group,
  Health,
  List,
  Me,
  QrStatus,
  QrTicket,
  Resident,
  Role,
  ServiceCategory,
  ServiceRequest,
  ServiceRequestSummary,
  ServiceStatus,
} from './types';

// Health and identity
export const getHealth = () => api.get<Health>('/api/health');
export const getCommunity = () => api.get<Community>('/api/community');
export const getMe = () => api.get<Me>('/api/me');

async function signedIn(result: Promise<AuthResult>): Promise<AuthResult> {
  const r = await result;
  setToken(r.token);
  return r;
}

export const login = (body: { username: string; password: string } | { phone: string; password: string }) =>
  signedIn(api.post<AuthResult>('/api/auth/login', body));
export const register = (body: { phone: string; password: string; name: string }, key: string) =>
  signedIn(api.post<AuthResult>('/api/auth/register', body, key));
export const loginWithWechat = (code: string) => signedIn(api.post<AuthResult>('/api/auth/wechat', { code }));
export const bindWechatPhone = (code: string) => api.post<{ account: Me['account'] }>('/api/auth/wechat/phone', { code });
export const createQrTicket = () => api.post<QrTicket>('/api/auth/qr');
export const getQrStatus = (ticket: string) => api.get<{ status: QrStatus; token?: string }>(`/api/auth/qr/${encodeURIComponent(ticket)}`);
/** Tells the waiting browser "已扫码" as soon as the phone opens the confirm page. */
export const markQrScanned = (ticket: string) => api.post<{ status: 'scanned' }>(`/api/auth/qr/${encodeURIComponent(ticket)}/scan`);
export const confirmQr = (ticket: string) => api.post<{ status: 'confirmed' }>(`/api/auth/qr/${encodeURIComponent(ticket)}/confirm`);

export async function logout(): Promise<void> {
  try {
    if (getToken()) await api.post<void>('/api/auth/logout');
  } finally {
    // Signing out on this phone must work even when the server cannot be reached.
    clearToken();
  }
}

// Residents and groups
export const getGroups = () => api.get<List<Group>>('/api/groups');
export const claimResidency = (body: { name: string; idNumber: string; groupId: string }, key: string) =>
  api.post<{ resident: Resident }>('/api/me/resident-claim', body, key);
export const listResidents = (status?: 'pending' | 'verified', groupId?: string) =>
  api.get<List<Resident> | Resident[]>('/api/residents', { status, groupId, limit: 100 }).then(toItems);
export const verifyResident = (id: string) => api.post<{ resident: Resident }>(`/api/residents/${id}/verify`);
export const returnResidentClaim = (id: string, reason: string) => api.post<{ resident: Resident }>(`/api/residents/${id}/return`, { reason });
export const resetResidentPassword = (id: string) => api.post<{ temporaryPassword: string; residentName: string }>(`/api/residents/${id}/password-reset`);
export const findResidents = (q: string) => api.get<List<Resident>>('/api/residents', { q, limit: 20 }).then((r) => r.items);
export const addResident = (body: { name: string; idNumber: string; groupId: string; phone?: string }, key: string) =>
  api.post<Resident>('/api/residents', body, key);

// Service window
export const getServiceCategories = () => api.get<List<ServiceCategory>>('/api/service-categories');
export const createServiceRequest = (body: { categoryCode: string; title: string; description: string; onBehalfOfResidentId?: string }, key: string) =>
  api.post<ServiceRequest>('/api/service-requests', body, key);
export const listServiceRequests = (query: {
  status?: ServiceStatus;
  categoryCode?: string;
  overdue?: boolean;
  flagged?: boolean;
  cursor?: string;
  sort?: 'newest' | 'urgency';
  q?: string;
}) => api.get<List<ServiceRequestSummary>>('/api/service-requests', { ...query, overdue: query.overdue || undefined, flagged: query.flagged || undefined });
export const getServiceRequest = (id: string) => api.get<ServiceRequest>(`/api/service-requests/${id}`);
export const replyServiceRequest = (id: string, body: string, key: string) => api.post<unknown>(`/api/service-requests/${id}/replies`, { body }, key);
export const changeServiceStatus = (id: string, body: { status: ServiceStatus; note?: string; referTo?: string }) =>
  api.post<ServiceRequest>(`/api/service-requests/${id}/status`, body);
export const reopenServiceRequest = (id: string, reason: string) => api.post<ServiceRequest>(`/api/service-requests/${id}/reopen`, { reason });
export const rateServiceRequest = (id: string, body: { score: number; comment?: string }, key: string) =>
  api.post<unknown>(`/api/service-requests/${id}/rating`, body, key);
export const getServiceDashboard = () => api.get<Dashboard>('/api/service-requests/dashboard');

function toItems<T>(r: List<T> | T[]): T[] {
  return Array.isArray(r) ? r : r.items;
}

// ---- people and roles (administrators) ----
export type GrantableRole = 'group_leader' | 'staff' | 'committee' | 'admin';
export const findAccounts = (query: { q?: string; role?: Role }) => api.get<List<Account>>('/api/accounts', query);
export const assignServiceRequest = (id: string, accountId: string | null) => api.post<ServiceRequest>(`/api/service-requests/${id}/assignee`, { accountId });
export const grantRole = (accountId: string, role: GrantableRole, groupId?: string) =>
  api.post<{ account: Account }>(`/api/accounts/${accountId}/roles`, { role, ...(groupId ? { groupId } : {}) });
export const revokeRole = (accountId: string, role: GrantableRole, groupId?: string) =>
  api.del<{ account: Account }>(`/api/accounts/${accountId}/roles/${role}${groupId ? `?groupId=${groupId}` : ''}`);
