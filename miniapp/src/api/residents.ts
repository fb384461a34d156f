import type * as z from 'zod';
import type { ClaimReturn, HouseholdOrigin, PhoneReveal, ResidentClaim, ResidentEntry } from '../../../functions/residents/bodies';
import { api } from './client';
import type { GroupList, GroupResidents, HouseholdOriginReply, Resident, ResidentPage, ResidentReply, RevealedPhone, TemporaryPassword } from './types';

/** Resident groups, residents and their claims, households' origins, and phone numbers revealed to call. */
export const residentsApi = {
  groups: () => api.get<GroupList>('/api/groups'),
  /** A group's people (its leader, staff and the committee). */
  groupResidents: (groupId: string) => api.get<GroupResidents>(`/api/groups/${groupId}/residents`),
  claim: (body: z.input<typeof ResidentClaim>, key: string) => api.post<ResidentReply>('/api/me/resident-claim', body, key),
  list: (status?: 'pending' | 'verified', groupId?: string) => api.get<ResidentPage>('/api/residents', { status, groupId, limit: 100 }).then((r) => r.items),
  find: (q: string) => api.get<ResidentPage>('/api/residents', { q, limit: 20 }).then((r) => r.items),
  verify: (id: string) => api.post<ResidentReply>(`/api/residents/${id}/verify`),
  returnClaim: (id: string, body: z.input<typeof ClaimReturn>) => api.post<ResidentReply>(`/api/residents/${id}/return`, body),
  resetPassword: (id: string) => api.post<TemporaryPassword>(`/api/residents/${id}/password-reset`),
  add: (body: z.input<typeof ResidentEntry>, key: string) => api.post<Resident>('/api/residents', body, key),
  /**
   * A resident's phone number, whole, for staff and the leader of the resident's group (403/404 to
   * anyone else). Each call is recorded on the server with `purpose`: the page it came from, e.g.
   * `group_page`, `service_request:<id>`, `election_not_reached:<notice id>`.
   */
  revealPhone: (residentId: string, body: z.input<typeof PhoneReveal>) => api.post<RevealedPhone>(`/api/residents/${residentId}/phone-reveal`, body),
  /** Staff record where a resettled household came from and when (原村权益 questions are referred there). */
  setHouseholdOrigin: (householdId: string, body: z.input<typeof HouseholdOrigin>) =>
    api.put<HouseholdOriginReply>(`/api/households/${householdId}/origin`, body),
};
