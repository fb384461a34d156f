import * as z from 'zod';
import { mediaCheckStatuses } from '../../db/schema/index.js';
import { serviceStatuses } from '../_shared/service-status.js';

/** What the service-window routes answer (API.md "Service requests"). */
export const ServiceStatus = z.enum(serviceStatuses);
export type ServiceStatus = z.infer<typeof ServiceStatus>;

export const ServiceCategory = z.object({ code: z.string(), name: z.string(), slaHours: z.number(), slaAcceptHours: z.number(), sensitive: z.boolean() });
export type ServiceCategory = z.infer<typeof ServiceCategory>;

export const ServiceCategoryList = z.object({ items: z.array(ServiceCategory) });
export type ServiceCategoryList = z.infer<typeof ServiceCategoryList>;

/** A request as lists show it. */
export const ServiceRequestSummary = z.object({
  id: z.string(),
  categoryCode: z.string(),
  categoryName: z.string(),
  sensitive: z.boolean(),
  title: z.string(),
  description: z.string(),
  status: ServiceStatus,
  flagged: z.boolean(),
  onBehalf: z.boolean(),
  /** Filed by the caller. */
  mine: z.boolean(),
  /** Staff: in the caller's hands (for 低保 and relief, only theirs and the administrators'). */
  assignedToMe: z.boolean(),
  acceptDueAt: z.string(),
  resolveDueAt: z.string(),
  dueAt: z.string().nullable(),
  overdue: z.boolean(),
  firstReplyAt: z.string().nullable(),
  resolvedAt: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  referTo: z.string().optional(),
  groupName: z.string().optional(),
  residentName: z.string().optional(),
  /** Staff only: the resident the request is about, to call them (phone-reveal). */
  residentId: z.string().optional(),
});
export type ServiceRequestSummary = z.infer<typeof ServiceRequestSummary>;

export const ServiceRequestPage = z.object({ items: z.array(ServiceRequestSummary), nextCursor: z.string().nullable() });
export type ServiceRequestPage = z.infer<typeof ServiceRequestPage>;

/**
 * A photo on a request or a reply. `url` and `thumbnailUrl` are short-lived signed links, present
 * when the caller may see the photo; `check` is WeChat's media check (`pending` until it answers);
 * `hidden`: the check found it risky and nobody sees it any more.
 */
export const Photo = z.object({
  id: z.string(),
  check: z.enum(mediaCheckStatuses),
  hidden: z.boolean(),
  url: z.string().optional(),
  thumbnailUrl: z.string().optional(),
  width: z.number().int().optional(),
  height: z.number().int().optional(),
});
export type Photo = z.infer<typeof Photo>;

/** One entry of a request's timeline. */
export const ServiceEvent = z.object({
  type: z.string(),
  actorName: z.string(),
  body: z.string().optional(),
  status: ServiceStatus.optional(),
  at: z.string(),
  photos: z.array(Photo).optional(),
});
export type ServiceEvent = z.infer<typeof ServiceEvent>;

export const Rating = z.object({ score: z.number().int(), comment: z.string().optional() });
export type Rating = z.infer<typeof Rating>;

/** A request with its rating, who filed it and its whole timeline. */
export const ServiceRequest = ServiceRequestSummary.extend({
  /** The photos filed with the request (replies carry their own). */
  photos: z.array(Photo),
  /** Staff only: the resident's household, with the village it was resettled from (原村权益 go there). */
  household: z.object({ id: z.string(), label: z.string(), originVillage: z.string().nullable(), resettledYear: z.number().int().nullable() }).optional(),
  rating: Rating.nullable(),
  events: z.array(ServiceEvent),
  filedByName: z.string().optional(),
});
export type ServiceRequest = z.infer<typeof ServiceRequest>;

/** A reply on a request, as its timeline entry. */
export const ServiceReply = z.object({ type: z.string(), actorName: z.string(), body: z.string(), at: z.string(), photos: z.array(Photo).optional() });
export type ServiceReply = z.infer<typeof ServiceReply>;

const Counts = z.object({ open: z.number(), overdue: z.number(), resolvedThisWeek: z.number() });
export const Dashboard = z.object({
  weekStart: z.string(),
  byCategory: z.array(Counts.extend({ code: z.string(), name: z.string() })),
  totals: Counts,
  medianFirstReplyHours: z.number().nullable(),
  medianResolveHours: z.number().nullable(),
  ratings: z.object({ average: z.number().nullable(), count: z.number(), distribution: z.record(z.string(), z.number()) }),
});
export type Dashboard = z.infer<typeof Dashboard>;
