/**
 * The API's reply types, inferred from the server's response schemas (functions/<domain>/replies.ts).
 * Types only: `export type` is erased, so no server code enters the bundle. A reply that changes
 * on the server fails `npm run check` here.
 */
export type { AuditEntry, AuditPage, AuditVerify } from '../../../functions/audit/replies';
export type {
  Account,
  AccountList,
  AccountReply,
  Me,
  QrConfirmed,
  QrScanned,
  QrState,
  QrTicket,
  Role,
  Session,
} from '../../../functions/auth/replies';
export type { Community, Health } from '../../../functions/community/replies';
export type { ElectionCalendarPreview, ElectionSteps, Step } from '../../../functions/election-desk/replies';
export type {
  CurrentElection,
  Deadlines,
  Election,
  GroupResident,
  GroupResidents,
  Household,
  HouseholdPage,
  Nomination,
  NominationList,
  NominationStatus,
  Seats,
  Voter,
  VoterRegistration,
  VotersRegistered,
} from '../../../functions/elections/replies';
export type {
  DeliveryReport,
  Grants,
  InformedMark,
  Notice,
  NoticeCategory,
  NoticeKind,
  NoticePage,
  NotReached,
  PublishedNotice,
  Subscriptions,
  TemplateKey,
  ToTell,
} from '../../../functions/notices/replies';
export type {
  MyElectionStatus,
  ProxyApplication,
  ProxyApplicationDetail,
  ProxyApplicationPage,
  ProxyApplicationRow,
  ProxyApplicationStatus,
  ProxyCandidates,
  ProxyCheck,
} from '../../../functions/proxy-votes/replies';
export type { HouseholdOriginReply, RevealedPhone } from '../../../functions/residents/contact-replies';
export type { Group, GroupList, Resident, ResidentPage, ResidentReply, ResidentStatus, TemporaryPassword } from '../../../functions/residents/replies';
export type {
  Dashboard,
  Photo,
  Rating,
  ServiceCategory,
  ServiceCategoryList,
  ServiceEvent,
  ServiceReply,
  ServiceRequest,
  ServiceRequestPage,
  ServiceRequestSummary,
  ServiceStatus,
} from '../../../functions/service-requests/replies';

import type { Problem as ServerProblem } from '../../../functions/_platform/errors';
import type { QrState } from '../../../functions/auth/replies';
import type * as ElectionDay from '../../../functions/election-day/replies';

export type { ElectionDay };
export type QrStatus = QrState['status'];

/** An error reply (RFC 9457). Partial: a proxy or gateway in between may answer without one. */
export type Problem = Partial<ServerProblem>;
