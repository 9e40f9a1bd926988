export * from './binding';
export * from './artifact-auth';
export * from './artifact-access';
