export * from './model';
export * from './checks';
