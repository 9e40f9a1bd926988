export { AzureCloud } from './core/cloud';
export { BuiltInRole, PrincipalType } from './core/roles';
export * from './storage';
