import { MlflowGatewayReference } from './props';

/** Names of the Gateway API route this library writes (`MlflowIngressController.GATEWAY_API`). */
const HTTP_ROUTE = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'HTTPRoute',
} as const;

/** What {@link buildHttpRoute} needs. */
export interface HttpRouteInput {
  /** The chart's full name: the route's and the service's name. */
  readonly fullname: string;
  readonly releaseName: string;
  readonly host: string;
  readonly gateway: MlflowGatewayReference;
  readonly servicePort: number;
  /** The request timeout, 0 for none. */
  readonly requestTimeoutSeconds: number;
  readonly annotations: { [key: string]: string };
}

/**
 * The `HTTPRoute` (an `extraDeploy` item, in the release namespace): the host on the given
 * Gateway listener, every path to the MLflow service. `timeouts.request` is always written, `0s`
 * (off) unless given: Envoy-based gateways start it when the request has arrived and stop it when
 * the response is complete, so a limit cuts long model downloads, and leaving it out means the
 * implementation's default (Envoy Gateway: 15 s). No TLS here: the Gateway's listener terminates it.
 */
export function buildHttpRoute(input: HttpRouteInput): { [key: string]: any } {
  const g = input.gateway;
  return {
    apiVersion: HTTP_ROUTE.apiVersion,
    kind: HTTP_ROUTE.kind,
    metadata: {
      name: input.fullname,
      labels: {
        'app.kubernetes.io/name': 'mlflow',
        'app.kubernetes.io/instance': input.releaseName,
        'app.kubernetes.io/part-of': 'mlflow',
      },
      ...(Object.keys(input.annotations).length > 0 ? { annotations: { ...input.annotations } } : {}),
    },
    spec: {
      parentRefs: [{
        group: 'gateway.networking.k8s.io',
        kind: 'Gateway',
        name: g.name,
        namespace: g.namespaceName,
        sectionName: g.sectionName,
      }],
      hostnames: [input.host],
      rules: [{
        matches: [{ path: { type: 'PathPrefix', value: '/' } }],
        backendRefs: [{ name: input.fullname, port: input.servicePort }],
        timeouts: { request: `${input.requestTimeoutSeconds}s` },
      }],
    },
  };
}
