export * from './reference';
export * from './kubernetes-auth';
export * from './aks-cluster';
