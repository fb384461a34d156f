import * as z from 'zod';
import { Anchor } from '../audit/replies.js';

/** What the notice routes answer (API.md "Notices"). */
export const NoticeCategory = z.enum(['election', 'service', 'community']);
export type NoticeCategory = z.infer<typeof NoticeCategory>;

export const NoticeKind = z.enum(['voter_list', 'candidates', 'election_day', 'results', 'proxy_list']);
export type NoticeKind = z.infer<typeof NoticeKind>;

export const TemplateKey = z.enum(['notice', 'service', 'election']);
export type TemplateKey = z.infer<typeof TemplateKey>;

export const Notice = z.object({
  id: z.string(),
  category: NoticeCategory,
  categoryName: z.string(),
  kind: NoticeKind.optional(),
  electionId: z.string().optional(),
  title: z.string(),
  body: z.string(),
  publishAt: z.string(),
  /** Publishers' view: whether its time has come. */
  published: z.boolean().optional(),
  authorName: z.string(),
  /** A reader's view: whether they have opened it. */
  read: z.boolean().optional(),
  createdAt: z.string(),
  /** Election notices: the audit chain's head when it was published, its code printed beside it. */
  anchor: Anchor.optional(),
});
export type Notice = z.infer<typeof Notice>;

/** A notice just published, with how many messages it queued. */
export const PublishedNotice = Notice.extend({ queued: z.number() });
export type PublishedNotice = z.infer<typeof PublishedNotice>;

export const NoticePage = z.object({ items: z.array(Notice), nextCursor: z.string().nullable(), unread: z.number() });
export type NoticePage = z.infer<typeof NoticePage>;

export const DeliveryReport = z.object({
  notice: Notice,
  published: z.boolean(),
  subscribers: z.number(),
  sent: z.number(),
  pending: z.number(),
  failed: z.number(),
  notReachedCount: z.number(),
  failures: z.array(z.object({ reason: z.string(), count: z.number() })),
  notReached: z.array(z.object({ name: z.string(), groupName: z.string(), reason: z.string(), reasonText: z.string() })),
});
export type DeliveryReport = z.infer<typeof DeliveryReport>;

const Informed = z.object({ at: z.string(), byName: z.string() });

export const NotReachedPerson = z.object({
  residentId: z.string(),
  name: z.string(),
  groupId: z.string(),
  groupName: z.string(),
  /** The household (户) to visit, where the resident has one. */
  householdLabel: z.string().nullable(),
  reason: z.string(),
  reasonText: z.string(),
  /** Told in person or by phone (已告知): when and by whom. */
  informed: Informed.nullable(),
});

export const NotReached = z.object({
  notice: z.object({ id: z.string(), title: z.string(), publishAt: z.string() }),
  group: z.object({ id: z.string(), name: z.string() }),
  items: z.array(NotReachedPerson),
});
export type NotReached = z.infer<typeof NotReached>;

export const InformedMark = z.object({ residentId: z.string(), name: z.string(), informed: Informed });
export type InformedMark = z.infer<typeof InformedMark>;

export const ToTell = z.object({
  group: z.object({ id: z.string(), name: z.string() }),
  items: z.array(z.object({ noticeId: z.string(), title: z.string(), publishAt: z.string(), notReached: z.number(), toTell: z.number() })),
  /** People still to tell across these notices. */
  toTell: z.number(),
});
export type ToTell = z.infer<typeof ToTell>;

const Credits = z.record(TemplateKey, z.number());

export const Subscriptions = z.object({
  categories: z.array(NoticeCategory),
  credits: Credits,
  templates: z.record(TemplateKey, z.string()),
  wechat: z.boolean(),
});
export type Subscriptions = z.infer<typeof Subscriptions>;

export const Grants = z.object({ credits: Credits });
export type Grants = z.infer<typeof Grants>;

export const DeliveryRun = z.object({
  published: z.number(),
  sent: z.number(),
  notReached: z.number(),
  failed: z.number(),
  retrying: z.number(),
  interrupted: z.number(),
});
export type DeliveryRun = z.infer<typeof DeliveryRun>;
