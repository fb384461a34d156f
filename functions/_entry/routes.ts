import { lazyRoutes, type RouteModule } from '../_platform/lazy-routes.js';

/**
 * Every route of the API, a domain at a time, each imported when a request first reaches it.
 * The authorisation test walks `loadAllRoutes()`: a route missing here is missing everywhere. Order
 * matters where paths overlap (the first registered match answers).
 */
const modules: RouteModule[] = [
  { serves: ['health', 'community'], load: async () => (await import('../community/routes.js')).communityRoutes },
  { serves: ['auth', 'me', 'accounts'], load: async () => (await import('../auth/routes.js')).authRoutes },
  { serves: ['groups', 'me', 'residents'], load: async () => (await import('../residents/routes.js')).residentRoutes },
  {
    serves: ['service-categories', 'service-requests'],
    load: async () => (await import('../service-requests/routes.js')).serviceRequestRoutes,
  },
  { serves: ['cron'], load: async () => (await import('../housekeeping/routes.js')).housekeepingRoutes },
  // Photos of requests and replies, the folder store's signed links, WeChat's pushed media-check verdicts.
  { serves: ['attachments', 'files', 'wechat', 'cron'], load: async () => (await import('../service-requests/photo-routes.js')).photoRoutes },
  { serves: ['residents', 'households'], load: async () => (await import('../residents/contact-routes.js')).contactRoutes },
  // The public check of printed codes (公告核验) lives under /api/public.
  { serves: ['audit', 'public'], load: async () => (await import('../audit/routes.js')).auditRoutes },
  { serves: ['elections', 'groups', 'households'], load: async () => (await import('../elections/routes.js')).electionRoutes },
  {
    serves: ['notices', 'subscriptions', 'cron'],
    // Notices know no election rules: an election notice is checked by elections' own check.
    load: async () => {
      const [{ noticeRoutes }, { checkElectionNotice }] = await Promise.all([import('../notices/routes.js'), import('../elections/election-notices.js')]);
      return noticeRoutes({ checkElectionNotice });
    },
  },
  { serves: ['elections'], load: async () => (await import('../proxy-votes/routes.js')).proxyVoteRoutes },
  { serves: ['elections'], load: async () => (await import('../election-day/routes.js')).electionDayRoutes },
  { serves: ['elections'], load: async () => (await import('../voter-objections/routes.js')).voterObjectionRoutes },
  { serves: ['elections'], load: async () => (await import('../candidate-nominations/routes.js')).candidateNominationRoutes },
  // The committee's desk: a view over the election domains above.
  { serves: ['elections', 'election-calendar'], load: async () => (await import('../election-desk/routes.js')).electionDeskRoutes },
  { serves: ['consultations'], load: async () => (await import('../consultations/routes.js')).consultationRoutes },
  // The review report (回头检视): a view over the election, service and consultation domains.
  { serves: ['reviews'], load: async () => (await import('../reviews/routes.js')).reviewRoutes },
  { serves: ['party'], load: async () => (await import('../party-branch/routes.js')).partyBranchRoutes },
];

export const routeTable = lazyRoutes(modules);

/** Every route, in registry order: for the tests and tools that walk them all. */
export const loadAllRoutes = () => routeTable.all();
