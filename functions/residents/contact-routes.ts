import * as z from 'zod';
import { defineRoute } from '../_platform/route.js';
import { staffRoles } from '../_shared/roles.js';
import { HouseholdOrigin, PhoneReveal } from './bodies.js';
import { HouseholdOriginReply, RevealedPhone } from './contact-replies.js';
import { getHouseholdOrigin, setHouseholdOrigin } from './household-origin.js';
import { revealPhone } from './phone-reveal.js';

const Id = z.object({ id: z.uuid('编号无效') });
export const contactRoutes = [
  defineRoute({
    method: 'post',
    path: '/api/residents/:id/phone-reveal',
    summary: "A resident's phone number, whole, to call them (staff; the leader of the resident's group); each reveal recorded",
    tag: 'residents',
    access: ['group_leader', ...staffRoles],
    params: Id,
    body: PhoneReveal,
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
    body: HouseholdOrigin,
    response: HouseholdOriginReply,
    handle: ({ ctx, input }) => setHouseholdOrigin({ ctx, input: { ...input.params, ...input.body } }),
  }),
];
