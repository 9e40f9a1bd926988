export * from './props';
export * from './artifact-monitoring';
