import { podTemplates, restrictedViolations } from './pod-security';

/* The checker must be able to fail: one bad pod per control. */

const GOOD_CONTAINER = {
  name: 'app',
  securityContext: {
    allowPrivilegeEscalation: false,
    runAsNonRoot: true,
    seccompProfile: { type: 'RuntimeDefault' },
    capabilities: { drop: ['ALL'] },
  },
};
const good = (patch: Record<string, unknown> = {}, container: Record<string, unknown> = {}) => ({
  containers: [{ ...GOOD_CONTAINER, ...container }],
  volumes: [{ name: 'tmp', emptyDir: {} }],
  ...patch,
});

describe('Pod Security "restricted" checker', () => {
  test('a hardened pod passes', () => {
    expect(restrictedViolations(good())).toEqual([]);
  });

  test('pod-level runAsNonRoot and seccomp count for every container', () => {
    const spec = {
      securityContext: { runAsNonRoot: true, seccompProfile: { type: 'RuntimeDefault' } },
      containers: [{ name: 'app', securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } } }],
    };
    expect(restrictedViolations(spec)).toEqual([]);
  });

  test.each([
    ['privilege escalation not turned off', good({}, { securityContext: { ...GOOD_CONTAINER.securityContext, allowPrivilegeEscalation: undefined } }), /allowPrivilegeEscalation must be false/],
    ['runAsNonRoot missing', good({}, { securityContext: { ...GOOD_CONTAINER.securityContext, runAsNonRoot: undefined } }), /runAsNonRoot must be true/],
    ['root user', good({}, { securityContext: { ...GOOD_CONTAINER.securityContext, runAsUser: 0 } }), /runAsUser must not be 0/],
    ['no seccomp (the chart\'s defaults)', good({}, { securityContext: { ...GOOD_CONTAINER.securityContext, seccompProfile: undefined } }), /seccompProfile.type must be RuntimeDefault/],
    ['unconfined seccomp', good({}, { securityContext: { ...GOOD_CONTAINER.securityContext, seccompProfile: { type: 'Unconfined' } } }), /seccompProfile.type must be RuntimeDefault/],
    ['capabilities not dropped', good({}, { securityContext: { ...GOOD_CONTAINER.securityContext, capabilities: {} } }), /capabilities.drop must include ALL/],
    ['a capability added', good({}, { securityContext: { ...GOOD_CONTAINER.securityContext, capabilities: { drop: ['ALL'], add: ['NET_ADMIN'] } } }), /capabilities.add NET_ADMIN/],
    ['privileged', good({}, { securityContext: { ...GOOD_CONTAINER.securityContext, privileged: true } }), /privileged must not be true/],
    ['hostPath volume', good({ volumes: [{ name: 'h', hostPath: { path: '/' } }] }), /volume h: type hostPath is not allowed/],
    ['host network', good({ hostNetwork: true }), /hostNetwork must not be true/],
    ['host port', good({}, { ports: [{ containerPort: 80, hostPort: 80 }] }), /hostPort 80/],
    ['unsafe sysctl', good({ securityContext: { sysctls: [{ name: 'kernel.msgmax', value: '1' }] } }), /sysctl kernel.msgmax/],
    ['an init container counts too', good({ initContainers: [{ name: 'init' }] }), /initContainer init: allowPrivilegeEscalation/],
  ])('%s fails', (_name, spec, expected) => {
    expect(restrictedViolations(spec).join('\n')).toMatch(expected);
  });

  test('pod templates are found in deployments, jobs and cron jobs', () => {
    const objects = [
      { kind: 'Deployment', metadata: { name: 'd' }, spec: { template: { spec: good() } } },
      { kind: 'Job', metadata: { name: 'j' }, spec: { template: { spec: good() } } },
      { kind: 'CronJob', metadata: { name: 'c' }, spec: { jobTemplate: { spec: { template: { spec: good() } } } } },
      { kind: 'Service', metadata: { name: 's' }, spec: {} },
    ];
    expect(podTemplates(objects).map((t) => t.owner)).toEqual(['Deployment/d', 'Job/j', 'CronJob/c']);
  });
});
