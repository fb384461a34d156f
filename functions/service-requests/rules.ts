import type { ServiceRequestStatus } from '../../db/schema/index.js';
import { serviceStatusOfficeNames } from '../_shared/service-status.js';
import { titleFrom } from '../_shared/title.js';

/**
 * The request lifecycle (API.md): submitted → accepted → in_progress → resolved, with
 * accepted → resolved allowed for simple matters settled on the spot; rejected from any
 * non-final status; reopening (resolved → in_progress) is the owner's own verb.
 */
const next: Record<ServiceRequestStatus, readonly ServiceRequestStatus[]> = {
  submitted: ['accepted', 'rejected'],
  accepted: ['in_progress', 'resolved', 'rejected'],
  in_progress: ['resolved', 'rejected'],
  resolved: [],
  rejected: [],
};

export const canTransition = (from: ServiceRequestStatus, to: ServiceRequestStatus): boolean => next[from].includes(to);
export const isOpen = (status: ServiceRequestStatus): boolean => status !== 'resolved' && status !== 'rejected';

/** The deadline a request is measured against in a status: accepting, then resolving. */
export function dueAtFor(status: ServiceRequestStatus, due: { acceptDueAt: Date; resolveDueAt: Date }): Date | null {
  if (status === 'submitted') return due.acceptDueAt;
  if (status === 'accepted' || status === 'in_progress') return due.resolveDueAt;
  return null;
}

export const isOverdue = (dueAt: Date | null, now: Date): boolean => dueAt !== null && dueAt.getTime() < now.getTime();

/** The office's words for the spreadsheet; the database's states and the shared ones must agree. */
export const statusNames: Record<ServiceRequestStatus, string> = serviceStatusOfficeNames;

/** A title from the description when the resident gave none: the rule the mini-program shows too. */
export { titleFrom };
