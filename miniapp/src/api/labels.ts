import type { Role, ServiceStatus } from './types';

/** Statuses in the words a villager uses (issue 9): what happened, not office terms. */
export const serviceStatusName: Record<ServiceStatus, string> = {
  submitted: '等待受理',
  accepted: '已受理',
  in_progress: '正在办',
  resolved: '已办好',
  rejected: '社区办不了',
};

export const roleName: Record<Role, string> = {
  resident: '居民',
  group_leader: '居民小组长',
  staff: '工作人员',
  committee: '选举委员会',
  admin: '管理员',
};

export function isStaff(roles: { role: Role }[] | undefined): boolean {
  return !!roles?.some((r) => r.role === 'staff' || r.role === 'committee' || r.role === 'admin');
}

/** 13812341234 → 138****1234; anything else passes through (the server may have masked it). */
export function maskPhone(phone?: string): string {
  if (!phone) return '';
  return /^\d{11}$/.test(phone) ? `${phone.slice(0, 3)}****${phone.slice(7)}` : phone;
}

/** "2026-11-26T01:02:03Z" → "11月26日 09:02" in China time, readable at a glance. */
export function formatTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const china = new Date(d.getTime() + 8 * 3600 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${china.getUTCMonth() + 1}月${china.getUTCDate()}日 ${pad(china.getUTCHours())}:${pad(china.getUTCMinutes())}`;
}
