export type Role = 'resident' | 'group_leader' | 'staff' | 'committee' | 'admin';

export const roleNames: Record<Role, string> = {
  resident: '居民',
  group_leader: '居民小组长',
  staff: '工作人员',
  committee: '选举委员会',
  admin: '管理员',
};

/** Roles that work the service window (the queue, residents, 代办): as the server's routes gate it. */
export const staffRoles = ['staff', 'admin'] as const satisfies readonly Role[];

/** Works the service window: staff or administrator. The election committee alone does not. */
export const isStaff = (roles: readonly { role: Role }[] | undefined): boolean => !!roles?.some((r) => (staffRoles as readonly Role[]).includes(r.role));
