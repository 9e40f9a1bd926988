export { AzureCloud } from './core/cloud';
export { BuiltInRole, PrincipalType } from './core/roles';
export * from './storage';
export * from './cluster';
export * from './identity';
export * from './mlflow';
export * from './mlflow-on-azure';
export * from './policy';
export * from './backend';
