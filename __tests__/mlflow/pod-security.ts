/*
 * Pod Security Standards, "restricted" profile (Kubernetes 1.31, which includes every "baseline"
 * control), as a small checker of rendered pod specs: what Pod Security Admission enforces in a
 * namespace labelled `pod-security.kubernetes.io/enforce: restricted` (MlflowNamespace creates
 * its namespace so). Source: kubernetes.io/docs/concepts/security/pod-security-standards and
 * k8s.io/pod-security-admission/policy (check_*.go).
 *
 * Each problem names the container (or the pod) and the control it breaks.
 */

/** The volume types "restricted" allows. */
const RESTRICTED_VOLUMES = ['configMap', 'csi', 'downwardAPI', 'emptyDir', 'ephemeral', 'persistentVolumeClaim', 'projected', 'secret'];
/** Capabilities "baseline" lets a container add (restricted: only NET_BIND_SERVICE). */
const RESTRICTED_ADDABLE_CAPABILITIES = ['NET_BIND_SERVICE'];
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced', 'net.ipv4.ip_local_port_range', 'net.ipv4.ip_unprivileged_port_start', 'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range', 'net.ipv4.ip_local_reserved_ports', 'net.ipv4.tcp_keepalive_time', 'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl', 'net.ipv4.tcp_keepalive_probes',
];
const SELINUX_TYPES = ['', 'container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'];
const SECCOMP_ALLOWED = ['RuntimeDefault', 'Localhost'];

type Container = { name: string; securityContext?: any; ports?: any[] };

/**
 * Every violation of the restricted profile in a pod spec (with its template metadata, for the
 * AppArmor annotations). An empty list means Pod Security Admission admits the pod.
 */
export function restrictedViolations(spec: any, metadata: { annotations?: Record<string, string> } = {}): string[] {
  const problems: string[] = [];
  const pod = spec.securityContext ?? {};
  const containers: [string, Container][] = [
    ...(spec.initContainers ?? []).map((c: Container): [string, Container] => [`initContainer ${c.name}`, c]),
    ...(spec.containers ?? []).map((c: Container): [string, Container] => [`container ${c.name}`, c]),
    ...(spec.ephemeralContainers ?? []).map((c: Container): [string, Container] => [`ephemeralContainer ${c.name}`, c]),
  ];
  const add = (where: string, control: string) => problems.push(`${where}: ${control}`);

  // baseline: host namespaces, host process, volumes, sysctls, /proc, AppArmor, SELinux
  for (const field of ['hostNetwork', 'hostPID', 'hostIPC']) if (spec[field] === true) add('pod', `${field} must not be true (host namespaces)`);
  if (pod.windowsOptions?.hostProcess === true) add('pod', 'windowsOptions.hostProcess must not be true');
  for (const v of spec.volumes ?? []) {
    const type = Object.keys(v).find((k) => k !== 'name');
    if (type === undefined || !RESTRICTED_VOLUMES.includes(type)) add(`volume ${v.name}`, `type ${type} is not allowed (restricted allows ${RESTRICTED_VOLUMES.join(', ')})`);
  }
  for (const s of pod.sysctls ?? []) if (!SAFE_SYSCTLS.includes(s.name)) add('pod', `sysctl ${s.name} is not in the safe set`);
  for (const [key, value] of Object.entries(metadata.annotations ?? {})) {
    if (key.startsWith('container.apparmor.security.beta.kubernetes.io/') && !(value === 'runtime/default' || value.startsWith('localhost/'))) {
      add('pod', `AppArmor annotation ${key}=${value} is not allowed`);
    }
  }
  const seLinux = (where: string, o: any) => {
    if (!o) return;
    if (!SELINUX_TYPES.includes(o.type ?? '')) add(where, `seLinuxOptions.type ${o.type} is not allowed`);
    if (o.user !== undefined || o.role !== undefined) add(where, 'seLinuxOptions.user and role must not be set');
  };
  seLinux('pod', pod.seLinuxOptions);
  const appArmor = (where: string, p: any) => {
    if (p && !['RuntimeDefault', 'Localhost'].includes(p.type)) add(where, `appArmorProfile.type ${p.type} is not allowed`);
  };
  appArmor('pod', pod.appArmorProfile);

  // restricted: pod-level defaults
  const podSeccomp = pod.seccompProfile?.type;
  if (podSeccomp !== undefined && !SECCOMP_ALLOWED.includes(podSeccomp)) add('pod', `seccompProfile.type ${podSeccomp} is not allowed (RuntimeDefault or Localhost)`);
  if (pod.runAsUser === 0) add('pod', 'runAsUser must not be 0');

  for (const [where, c] of containers) {
    const sc = c.securityContext ?? {};
    if (sc.privileged === true) add(where, 'privileged must not be true');
    if (sc.windowsOptions?.hostProcess === true) add(where, 'windowsOptions.hostProcess must not be true');
    for (const port of c.ports ?? []) if (port.hostPort) add(where, `hostPort ${port.hostPort} is not allowed`);
    if (sc.procMount !== undefined && sc.procMount !== 'Default') add(where, `procMount ${sc.procMount} is not allowed`);
    seLinux(where, sc.seLinuxOptions);
    appArmor(where, sc.appArmorProfile);
    if (sc.allowPrivilegeEscalation !== false) add(where, 'allowPrivilegeEscalation must be false');
    const nonRoot = sc.runAsNonRoot ?? pod.runAsNonRoot;
    if (nonRoot !== true) add(where, 'runAsNonRoot must be true (on the container or the pod)');
    if (sc.runAsUser === 0) add(where, 'runAsUser must not be 0');
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (!SECCOMP_ALLOWED.includes(seccomp)) add(where, `seccompProfile.type must be RuntimeDefault or Localhost (on the container or the pod), is ${seccomp}`);
    const drop: string[] = sc.capabilities?.drop ?? [];
    if (!drop.includes('ALL')) add(where, 'capabilities.drop must include ALL');
    for (const cap of sc.capabilities?.add ?? []) {
      if (!RESTRICTED_ADDABLE_CAPABILITIES.includes(cap)) add(where, `capabilities.add ${cap} is not allowed (only NET_BIND_SERVICE)`);
    }
  }
  return problems;
}

/** Every pod template (with its owner) in a list of rendered objects: workloads, jobs, cron jobs, pods. */
export function podTemplates(objects: any[]): { owner: string; spec: any; metadata: any }[] {
  const out: { owner: string; spec: any; metadata: any }[] = [];
  for (const o of objects) {
    const owner = `${o.kind}/${o.metadata?.name}`;
    if (o.kind === 'Pod') out.push({ owner, spec: o.spec, metadata: o.metadata });
    else if (o.kind === 'CronJob') out.push({ owner, spec: o.spec.jobTemplate.spec.template.spec, metadata: o.spec.jobTemplate.spec.template.metadata ?? {} });
    else if (o.spec?.template?.spec) out.push({ owner, spec: o.spec.template.spec, metadata: o.spec.template.metadata ?? {} });
  }
  return out;
}
