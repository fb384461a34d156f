/** Shapes of the HTTP contract (/work/shared/API.md) as the mini-program uses them. */

export type Role = 'resident' | 'group_leader' | 'staff' | 'committee' | 'admin';

export interface Health {
  ok: boolean;
  db: 'pglite' | 'pg' | 'neon' | string;
  version: string;
  wechat?: 'stand-in' | string;
}

export interface Community {
  id: string;
  name: string;
  region: string;
  households?: number;
  population?: number;
}

export interface Account {
  id: string;
  username?: string;
  phone?: string;
  name: string;
  roles: { role: Role; communityId: string; groupId?: string }[];
}

export type ResidentStatus = 'pending' | 'verified' | 'returned';

export interface Resident {
  id: string;
  name: string;
  groupId: string;
  groupName?: string;
  idNumberMasked: string;
  birthDate: string;
  status: ResidentStatus;
  /** Why staff returned a claim (status returned): the resident reads it. */
  returnReason?: string;
  phone?: string;
  hasAccount?: boolean;
}

export interface Me {
  account: Account;
  resident?: Resident | null;
}

export interface AuthResult {
  token: string;
  account: Account;
  isNew?: boolean;
}

export interface QrTicket {
  ticket: string;
  qrImage: string;
  expiresAt: string;
}

export type QrStatus = 'pending' | 'scanned' | 'confirmed' | 'expired';

export interface Group {
  id: string;
  name: string;
  leaderName?: string;
}

export interface List<T> {
  items: T[];
  nextCursor?: string | null;
}

export interface ServiceCategory {
  code: string;
  name: string;
  slaHours: number;
  sensitive: boolean;
}

export type ServiceStatus = 'submitted' | 'accepted' | 'in_progress' | 'resolved' | 'rejected';

export interface ServiceRequestSummary {
  id: string;
  categoryCode: string;
  categoryName?: string;
  title: string;
  status: ServiceStatus;
  createdAt: string;
  overdue?: boolean;
  residentName?: string;
  groupName?: string;
  onBehalf?: boolean;
  dueAt?: string | null;
}

export interface ServiceEvent {
  type: string;
  actorName?: string;
  body?: string;
  status?: ServiceStatus;
  at: string;
}

export interface ServiceRequest extends ServiceRequestSummary {
  description?: string;
  events?: ServiceEvent[];
  rating?: { score: number; comment?: string } | null;
  referTo?: string;
  onBehalf?: boolean;
  /** Staff: this request is in my hands (for 低保 and relief, only mine and the administrators'). */
  assignedToMe?: boolean;
  sensitive?: boolean;
  filedByName?: string;
}

export interface Dashboard {
  byCategory: { code: string; name: string; open: number; overdue: number; resolvedThisWeek: number }[];
  medianFirstReplyHours: number | null;
  medianResolveHours: number | null;
  ratings: { average: number | null; count: number; distribution: Record<string, number> };
}

export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  code?: string;
  requestId?: string;
  errors?: { path: string; message: string }[];
}
