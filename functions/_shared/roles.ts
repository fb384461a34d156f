/** The roles an account may hold in a community (db/schema's enum is checked against these). */
export const roles = ['resident', 'group_leader', 'staff', 'committee', 'admin', 'party_organizer'] as const;
export type Role = (typeof roles)[number];

/** Roles an administrator grants and takes back (`resident` comes with a verified resident record). */
export const grantableRoles = ['group_leader', 'staff', 'committee', 'admin', 'party_organizer'] as const satisfies readonly Role[];
export type GrantableRole = (typeof grantableRoles)[number];

/** The roles in the words the pages show. */
export const roleLabels: Record<Role, string> = {
  resident: '居民',
  group_leader: '居民小组长',
  staff: '工作人员',
  committee: '选举委员会',
  admin: '管理员',
  party_organizer: '党支部组织员',
};

/** Roles that work the service window (the queue, residents, 代办): as the server's routes gate it. */
export const staffRoles = ['staff', 'admin'] as const satisfies readonly Role[];

/** Roles that run elections (the committee's pages, the audit chain): as the server's routes gate them. */
export const committeeRoles = ['committee', 'admin'] as const satisfies readonly Role[];

/** Everyone who works in the community office: the window's staff, the election committee, administrators. */
export const officeRoles = ['staff', 'committee', 'admin'] as const satisfies readonly Role[];

/** Roles that may publish notices: the whole office. */
export const publisherRoles = officeRoles;

const holds = (allowed: readonly Role[]) => (roles: readonly { role: Role }[] | undefined) => !!roles?.some((r) => allowed.includes(r.role));

/** Runs elections: the election committee or an administrator. */
export const isCommittee = holds(committeeRoles);

/** May publish notices: staff, the election committee or an administrator. */
export const isPublisher = holds(publisherRoles);

/** Works the service window: staff or administrator. The election committee alone does not. */
export const isStaff = holds(staffRoles);

/**
 * Keeps the party branch's roster and meetings. Held alone: an administrator grants it but does
 * not hold it by being one, since party membership is seen by the branch's organisers only.
 */
export const partyRoles = ['party_organizer'] as const satisfies readonly Role[];

/** Keeps the party branch (社区党支部): its roster, requests and meetings. */
export const isPartyOrganizer = holds(partyRoles);

/** Has work on the 工作台: the service window's staff, the election committee, or the party branch's organiser. */
export const hasWorkbench = (roles: readonly { role: Role }[] | undefined): boolean => isStaff(roles) || isCommittee(roles) || isPartyOrganizer(roles);
