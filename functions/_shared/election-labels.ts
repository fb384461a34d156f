/**
 * The words of the election's places and officials as the server's messages, sheets and notices
 * write them (the keys are the seat keys of an election and the official roles of the day).
 */

/** The committee's places: 主任, 副主任, 委员. */
export const seatNamesZh = { director: '主任', deputyDirector: '副主任', members: '委员' } as const;

/** The people of the day: 计票员 (counter), 监票员 (monitor), 发票员 (clerk). */
export const officialRoleNames = { counter: '计票员', monitor: '监票员', clerk: '发票员' } as const;
