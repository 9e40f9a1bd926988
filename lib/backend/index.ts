export * from './workspace-backend';
