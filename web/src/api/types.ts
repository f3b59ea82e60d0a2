// Shapes of the iamrisk HTTP API (src/server/routes). The web app talks to the server only over HTTP, so these
// mirror the JSON; every string in them comes from AWS data and is untrusted.

export type Severity = 'critical' | 'high' | 'medium' | 'low' | 'info';
export type DetectionStatus = 'open' | 'muted' | 'resolved';
export type GroupBy = 'rule' | 'resource' | 'none';

export interface ResourceRef {
  arn: string;
  type: string;
  name: string;
  accountId: string;
  region: string | null;
}

export interface PathStep {
  from: string;
  to: string;
  technique: string;
  actions: string[];
  conditional: boolean;
}

export interface DetectionItem {
  id: string;
  rule: string;
  severity: Severity;
  title: string;
  message: string;
  resource: ResourceRef;
  hasPath: boolean;
  status: DetectionStatus;
  firstSeenAt: string;
  lastSeenAt: string;
}

export interface DetectionPage {
  total: number;
  offset: number;
  limit: number;
  items: DetectionItem[];
}

export interface Facets {
  status: Record<string, number>;
  severity: Record<string, number>;
  rule: Record<string, number>;
  resourceType: Record<string, number>;
  accountId: Record<string, number>;
}

export interface DetectionGroup {
  key: string;
  label: string;
  resourceType: string | null;
  accountId: string | null;
  count: number;
  maxSeverity: Severity;
}

export interface GroupPage {
  by: 'rule' | 'resource';
  offset: number;
  totalGroups: number;
  totalDetections: number;
  groups: DetectionGroup[];
}

export interface Mute {
  id: number;
  detectionId: string | null;
  rule: string | null;
  resourcePattern: string | null;
  reason: string;
  author: string;
  createdAt: string;
  expiresAt: string | null;
}

export interface Detection {
  id: string;
  rule: string;
  severity: Severity;
  title: string;
  message: string;
  resource: ResourceRef;
  evidence: Record<string, unknown>;
  path?: PathStep[];
  remediation: { consoleUrl: string; steps: string[]; suggestedPolicy?: Record<string, unknown> | null };
}

export interface DetectionDetail {
  detection: Detection;
  status: DetectionStatus;
  firstSeenAt: string;
  lastSeenAt: string;
  resolvedAt: string | null;
  reopenCount: number;
  mutes: Mute[];
}

export interface Relationship {
  kind: string;
  to: string;
}

export interface ResourceDetail {
  resource: {
    arn: string;
    type: string;
    name: string;
    accountId: string | null;
    scanId: number;
    config: unknown;
    outgoing: Relationship[];
    incoming: { kind: string; from: string }[];
  } | null;
  identity: { isAdmin: boolean; type: string } | null;
  detections: { id: string; rule: string; severity: Severity; title: string; status: DetectionStatus }[];
}

export interface GraphNode {
  id: string;
  label: string;
  type: string;
  risk: Severity | null;
  isFocus: boolean;
  isOnPath: boolean;
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  kind: string;
  label: string;
  isOnPath: boolean;
}

export interface ResourceGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  path: PathStep[] | null;
}

export interface TimelineEvent {
  kind: string;
  detectionId: string;
  rule: string;
  at: string;
  fromSeverity: Severity | null;
  toSeverity: Severity | null;
  mute?: { id: number; reason: string; author: string; expiresAt: string | null; liftedBy: string | null };
}

export interface ServiceInsights {
  service: string;
  granted: number;
  used: number;
  denied: number;
  unused: number;
  unobservable: number;
  lastUsed: string | null;
}

export interface IdentityInsights {
  arn: string;
  scanId: number;
  window: { days: number; from: string; to: string };
  services: ServiceInsights[];
}

export interface ActionInsight {
  action: string;
  service: string;
  status: 'used' | 'denied' | 'unused' | 'unobservable';
  lastUsed: string | null;
  lastDenied: string | null;
  count: number;
}

export interface ScanInfo {
  id: number;
  recordedAt: string;
  asOf: string;
  windowDays: number;
  detections: number;
  identities: number;
  resources: number;
}
