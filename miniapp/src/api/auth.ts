import type * as z from 'zod';
import type { GrantableRole } from '../../../functions/_shared/roles';
import type { Login, Registration, RoleGrant, WechatCode } from '../../../functions/auth/bodies';
import { api, clearToken, getToken, setToken } from './client';
import type { AccountList, AccountReply, Me, QrConfirmed, QrScanned, QrState, QrTicket, Role, Session } from './types';

export type { GrantableRole };

async function signedIn(result: Promise<Session>): Promise<Session> {
  const r = await result;
  setToken(r.token);
  return r;
}

/** Signing in and out, the signed-in account, and (administrators) accounts and their roles. */
export const authApi = {
  me: () => api.get<Me>('/api/me'),
  login: (body: z.input<typeof Login>) => signedIn(api.post<Session>('/api/auth/login', body)),
  register: (body: z.input<typeof Registration>, key: string) => signedIn(api.post<Session>('/api/auth/register', body, key)),
  loginWithWechat: (body: z.input<typeof WechatCode>) => signedIn(api.post<Session>('/api/auth/wechat', body)),
  bindWechatPhone: (body: z.input<typeof WechatCode>) => api.post<AccountReply>('/api/auth/wechat/phone', body),
  createQrTicket: () => api.post<QrTicket>('/api/auth/qr'),
  qrStatus: (ticket: string, secret: string) => api.get<QrState>(`/api/auth/qr/${encodeURIComponent(ticket)}`, { secret }),
  /** Tells the waiting browser "已扫码" as soon as the phone opens the confirm page. */
  markQrScanned: (ticket: string) => api.post<QrScanned>(`/api/auth/qr/${encodeURIComponent(ticket)}/scan`),
  confirmQr: (ticket: string) => api.post<QrConfirmed>(`/api/auth/qr/${encodeURIComponent(ticket)}/confirm`),
  async logout(): Promise<void> {
    try {
      if (getToken()) await api.post<void>('/api/auth/logout');
    } finally {
      // Signing out on this phone must work even when the server cannot be reached.
      clearToken();
    }
  },
  findAccounts: (query: { q?: string; role?: Role }) => api.get<AccountList>('/api/accounts', query),
  grantRole: (accountId: string, body: z.input<typeof RoleGrant>) => api.post<AccountReply>(`/api/accounts/${accountId}/roles`, body),
  revokeRole: (accountId: string, role: GrantableRole, groupId?: string) =>
    api.del<AccountReply>(`/api/accounts/${accountId}/roles/${role}${groupId ? `?groupId=${groupId}` : ''}`),
};
