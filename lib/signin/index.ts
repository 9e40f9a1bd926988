export * from './props';
export * from './binding';
export * from './entra-application';
export * from './sign-in';
