export * from './props';
export * from './chart-values';
export * from './namespace';
export * from './release';
