import type { PathStep, Severity } from '../model/finding.js';
import type { RelationshipKind, ResourceSnapshot, Store } from '../store/index.js';

/** A node of the Relationships graph: a resource, or a principal string of a trust policy. */
export interface GraphNode {
  id: string;
  label: string;
  /** user, role, group, policy, instance-profile, ec2-instance, lambda-function, service, account, anyone … */
  type: string;
  /** Worst open detection on it; null means benign (or not scanned). */
  risk: Severity | null;
  isFocus: boolean;
  isOnPath: boolean;
}

/** A directed edge; `escalation` edges come from the privilege-escalation path. */
export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: RelationshipKind | 'escalation';
  label: string;
  isOnPath: boolean;
}

/** The Relationships tab: the resource, its neighbours (and theirs through groups, profiles and roles). */
export interface ResourceGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The escalation path to an administrator highlighted in the graph, or null. */
  path: PathStep[] | null;
}

/** Relationships followed one step further, so a user shows its groups' policies and an instance its role. */
const FOLLOW: ReadonlySet<string> = new Set([
  'member-of',
  'uses-instance-profile',
  'has-role',
  'execution-role',
]);
const MAX_NODES = 80;

/** What a node of an ARN or trust principal is, from its ARN form. */
export function nodeType(id: string): string {
  if (id === '*') return 'anyone';
  if (/^\d{12}$/.test(id) || /^arn:[^:]+:iam::\d{12}:root$/.test(id)) return 'account';
  if (!id.startsWith('arn:')) return id.includes('.amazonaws.com') ? 'service' : 'federated';
  const [, , service, , , rest = ''] = id.split(':');
  if (service === 'iam') {
    const kind = rest.split('/')[0] ?? '';
    if (kind === 'instance-profile' || ['user', 'role', 'group', 'policy'].includes(kind)) return kind;
    if (kind.startsWith('saml-provider') || kind.startsWith('oidc-provider')) return 'federated';
    return 'iam';
  }
  if (service === 'ec2' && rest.startsWith('instance/')) return 'ec2-instance';
  if (service === 'lambda') return 'lambda-function';
  return service ?? 'resource';
}

function labelOf(id: string, snapshot?: ResourceSnapshot | null): string {
  if (snapshot) return snapshot.name;
  return id.slice(Math.max(id.lastIndexOf('/'), id.lastIndexOf(':')) + 1) || id;
}

/**
 * Builds the Relationships graph of a resource from the newest scan that saw it, marks nodes with open
 * detections as at risk, and overlays the shortest escalation path of its privilege-escalation detection.
 * Null when no scan has the resource.
 */
export async function buildResourceGraph(
  store: Store,
  arn: string,
  now: Date,
): Promise<ResourceGraph | null> {
  const focus = await store.getResource(arn);
  if (!focus) return null;
  const snapshots = new Map<string, ResourceSnapshot | null>([[arn, focus]]);
  const edges = new Map<string, GraphEdge>();
  const addEdge = (source: string, target: string, kind: GraphEdge['kind'], label: string = kind) => {
    const id = `${kind}\u0000${source}\u0000${target}`;
    if (!edges.has(id)) edges.set(id, { id, source, target, kind, label, isOnPath: false });
  };
  const expand = async (s: ResourceSnapshot, depth: number) => {
    for (const e of s.outgoing) {
      if (snapshots.size >= MAX_NODES) return;
      addEdge(s.arn, e.to, e.kind);
      if (!snapshots.has(e.to)) {
        const next = depth > 0 && FOLLOW.has(e.kind) ? await store.getResource(e.to, s.scanId) : null;
        snapshots.set(e.to, next);
        if (next) await expand(next, depth - 1);
      }
    }
    for (const e of s.incoming) {
      if (snapshots.size >= MAX_NODES) return;
      addEdge(e.from, s.arn, e.kind);
      if (!snapshots.has(e.from)) {
        const next = depth > 0 && FOLLOW.has(e.kind) ? await store.getResource(e.from, s.scanId) : null;
        snapshots.set(e.from, next);
        if (next && e.kind !== 'member-of') await expand(next, depth - 1);
      }
    }
  };
  await expand(focus, 2);

  const escalations = await store.listDetections(
    { resourceArn: arn, rule: ['privilege-escalation'], status: ['open', 'muted'], limit: 1 },
    now,
  );
  const path = escalations.items[0]?.detection.path ?? null;
  const onPath = new Set<string>();
  for (const step of path ?? []) {
    onPath.add(step.from).add(step.to);
    if (!snapshots.has(step.to)) snapshots.set(step.to, null);
    if (!snapshots.has(step.from)) snapshots.set(step.from, null);
    const id = `escalation\u0000${step.from}\u0000${step.to}`;
    edges.set(id, {
      id,
      source: step.from,
      target: step.to,
      kind: 'escalation',
      label: step.technique,
      isOnPath: true,
    });
  }
  const risk = await store.worstOpenSeverity([...snapshots.keys()], now);
  const nodes: GraphNode[] = [...snapshots].map(([id, s]) => ({
    id,
    label: labelOf(id, s),
    type: s ? s.type : nodeType(id),
    risk: risk.get(id) ?? null,
    isFocus: id === arn,
    isOnPath: onPath.has(id),
  }));
  return { nodes, edges: [...edges.values()], path: path && path.length ? path : null };
}
