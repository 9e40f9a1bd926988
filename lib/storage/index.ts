export * from './props';
export * from './artifact-store';
