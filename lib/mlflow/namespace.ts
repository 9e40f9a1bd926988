import type { NamespaceV1 } from '@cdktf/provider-kubernetes/lib/namespace-v1';
import { Construct } from 'constructs';
import { checkName } from '../core/names';
import { kubernetesModules } from '../core/providers';
import { Problems } from '../core/validation';
import { checkNamesAtSynth } from '../policy/collisions';

/** The Pod Security Standard a created namespace enforces (Pod Security Admission labels). */
export enum PodSecurityStandard {
  /** Hardened: non-root, no privilege escalation, all capabilities dropped, RuntimeDefault seccomp. MLflow's pods meet it. */
  RESTRICTED = 'restricted',
  /** Prevents known privilege escalations only. */
  BASELINE = 'baseline',
  /** No restriction. */
  PRIVILEGED = 'privileged',
}

/**
 * Props of {@link MlflowNamespace}.
 */
export interface MlflowNamespaceProps {
  /** The namespace name (a DNS-1123 label). */
  readonly name: string;
  /**
   * Create the namespace. With `false`, an existing namespace is referenced by name.
   * @default true
   */
  readonly create?: boolean;
  /**
   * Labels of a created namespace.
   * @default {}
   */
  readonly labels?: { [key: string]: string };
  /**
   * Annotations of a created namespace.
   * @default {}
   */
  readonly annotations?: { [key: string]: string };
  /**
   * The Pod Security Standard a created namespace enforces, warns and audits.
   * @default PodSecurityStandard.RESTRICTED
   */
  readonly podSecurityStandard?: PodSecurityStandard;
}

const POD_SECURITY_LABELS = ['enforce', 'warn', 'audit'].map((mode) => `pod-security.kubernetes.io/${mode}`);

/**
 * The Kubernetes namespace of the MLflow release: created (with Pod Security Admission labels,
 * `restricted` by default), or an existing one referenced by name.
 */
export class MlflowNamespace extends Construct {
  /**
   * The namespace name. For a created namespace it references the resource, so that whatever
   * uses it depends on the namespace; for an existing one it is the literal name.
   */
  public readonly name: string;
  /** Whether this construct created the namespace. */
  public readonly created: boolean;
  /** The namespace resource, when created. */
  public readonly resource?: NamespaceV1;

  constructor(scope: Construct, id: string, props: MlflowNamespaceProps) {
    super(scope, id);
    const create = props.create ?? true;
    checkNamesAtSynth(this);
    const p = new Problems(`MlflowNamespace at ${this.node.path}`, this);
    checkName(p, 'dnsLabel', 'name', props.name);
    if (!create) {
      const rule = 'applies only to a namespace this construct creates (create: false was given)';
      if (props.labels !== undefined) p.add('labels', props.labels, rule);
      if (props.annotations !== undefined) p.add('annotations', props.annotations, rule);
      if (props.podSecurityStandard !== undefined) p.add('podSecurityStandard', props.podSecurityStandard, rule);
    }
    for (const key of Object.keys(props.labels ?? {})) {
      if (POD_SECURITY_LABELS.includes(key)) {
        p.add(`labels["${key}"]`, props.labels?.[key], 'is set by podSecurityStandard; use that prop');
      }
    }
    p.throwIfAny();

    this.created = create;
    if (!create) {
      this.name = props.name;
      return;
    }
    const level = props.podSecurityStandard ?? PodSecurityStandard.RESTRICTED;
    const labels: { [key: string]: string } = {
      ...(props.labels ?? {}),
      ...Object.fromEntries(POD_SECURITY_LABELS.map((label) => [label, level])),
    };
    this.resource = new kubernetesModules.namespaceV1.NamespaceV1(this, 'Namespace', {
      metadata: {
        name: props.name,
        labels,
        annotations: props.annotations ?? {},
      },
    });
    this.name = this.resource.metadata.name;
  }
}
