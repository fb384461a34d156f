export * from './accounts.js';
export * from './election-day.js';
export * from './elections.js';
export * from './notices.js';
export * from './platform.js';
export * from './proxy-votes.js';
export * from './residents.js';
export * from './service-requests.js';
