import { api } from './client';
import type { HouseholdOriginReply, RevealedPhone } from './types';

/**
 * A resident's phone number, whole, for staff and the leader of the resident's group (403/404 to
 * anyone else). Each call is recorded on the server with `purpose`: the page it came from, e.g.
 * `group_page`, `service_request:<id>`, `election_not_reached:<notice id>`.
 */
export const revealPhone = (residentId: string, purpose: string) => api.post<RevealedPhone>(`/api/residents/${residentId}/phone-reveal`, { purpose });

/** Staff record where a resettled household came from and when (原村权益 questions are referred there). */
export const setHouseholdOrigin = (householdId: string, body: { originVillage: string | null; resettledYear: number | null }) =>
  api.put<HouseholdOriginReply>(`/api/households/${householdId}/origin`, body);
