export { PrivateLinkSubresource } from './zones';
export * from './private-endpoints';
