export * from './props';
export * from './customer-managed-key';
