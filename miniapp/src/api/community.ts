import { api } from './client';
import type { Community, Health } from './types';

/** The service's health and the community the app serves. */
export const communityApi = {
  health: () => api.get<Health>('/api/health'),
  community: () => api.get<Community>('/api/community'),
};
