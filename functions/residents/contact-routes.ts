import * as z from 'zod';
import { defineRoute } from '../_platform/route.js';
import { staffRoles } from '../_shared/roles.js';
import { HouseholdOriginReply, RevealedPhone } from './contact-replies.js';
import { getHouseholdOrigin, setHouseholdOrigin } from './household-origin.js';
import { revealPhone } from './phone-reveal.js';

const Id = z.object({ id: z.uuid('编号无效') });
/** Where the number was asked for: a page's short name, optionally with the record it was on. */
const Purpose = z
  .string()
  .trim()
  .regex(/^[a-z_]{2,40}(:[0-9a-f-]{36})?$/, '用途须是页面代号（如 group_page 或 service_request:编号）')
  .default('unspecified');

export const contactRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/residents/:id/phone-reveal',
    summary: "A resident's phone number, whole, to call them (staff; the leader of the resident's group); each reveal recorded",
    tag: 'residents',
    access: ['group_leader', ...staffRoles],
    params: Id,
    body: z.object({ purpose: Purpose }).default({ purpose: 'unspecified' }),
    response: RevealedPhone,
    handle: ({ ctx, input }) => revealPhone({ ctx, input: { residentId: input.params.id, purpose: input.body.purpose } }),
  }),
  defineRoute({
    method: 'get',
    path: '/api/households/:id/origin',
    summary: "A household's original village and resettlement year (staff only)",
    tag: 'residents',
    access: staffRoles,
    params: Id,
    response: HouseholdOriginReply,
    handle: ({ ctx, input }) => getHouseholdOrigin({ ctx, input: input.params }),
  }),
  defineRoute({
    method: 'put',
    path: '/api/households/:id/origin',
    summary: "Record a household's original village and resettlement year (staff only)",
    tag: 'residents',
    access: staffRoles,
    params: Id,
    body: z.object({
      originVillage: z.string().trim().min(2, '请填写原村名称（如 八珠乡上坪村）').max(40, '原村最多40个字').nullable(),
      resettledYear: z.number().int().min(1980, '搬迁年份须在1980年以后').max(2100, '搬迁年份无效').nullable(),
    }),
    response: HouseholdOriginReply,
    handle: ({ ctx, input }) => setHouseholdOrigin({ ctx, input: { ...input.params, ...input.body } }),
  }),
];
