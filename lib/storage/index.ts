export * from './props';
export * from './reference';
export * from './existing';
export * from './artifact-store';
