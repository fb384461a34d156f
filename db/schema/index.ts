export * from './accounts';
export * from './platform';
export * from './residents';
export * from './service-requests';
