import type { Role, ServiceStatus } from './types';

export const serviceStatusName: Record<ServiceStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  rejected: '不予受理',
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
