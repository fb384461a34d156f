/** A service request's lifecycle states (db/schema's enum is checked against these). */
export const serviceStatuses = ['submitted', 'accepted', 'in_progress', 'resolved', 'rejected'] as const;
export type ServiceStatus = (typeof serviceStatuses)[number];

/** In the words a villager uses (issue 9): what happened, not office terms. The app shows these. */
export const serviceStatusWords: Record<ServiceStatus, string> = {
  submitted: '等待受理',
  accepted: '已受理',
  in_progress: '正在办',
  resolved: '已办好',
  rejected: '社区办不了',
};

/** The office's own terms, for the staff spreadsheet that goes into the paper files. */
export const serviceStatusOfficeNames: Record<ServiceStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  in_progress: '办理中',
  resolved: '已办结',
  rejected: '不予受理',
};
