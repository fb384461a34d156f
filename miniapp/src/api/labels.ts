/** The shared rules' words and checks, as the pages import them (functions/_shared/ is the one source). */
export { chinaMonthDayTime as formatTime } from '../../../functions/_shared/china-time';
export { maskPhone } from '../../../functions/_shared/phone';
export { hasWorkbench, isCommittee, isPublisher, isStaff, roleLabels as roleName } from '../../../functions/_shared/roles';
export { serviceStatusWords as serviceStatusName } from '../../../functions/_shared/service-status';
