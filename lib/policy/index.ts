export * from './model';
export * from './warnings';
export * from './checks';
