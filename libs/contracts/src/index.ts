export * from './lib/api-error';
export * from './lib/roles';
export * from './lib/auth';
export * from './lib/organisations';
export * from './lib/health';
export * from './lib/scheduling';
export * from './lib/enrolments';
export * from './lib/evaluation';
