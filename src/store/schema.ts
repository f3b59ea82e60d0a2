import type { Generated } from 'kysely';

/**
 * The store's tables as Kysely sees them. JSON is kept as text (portable across SQLite and PostgreSQL);
 * booleans are 0/1 integers; times are ISO-8601 strings, which sort in time order.
 */
export interface Database {
  scans: ScansTable;
  resource_versions: ResourceVersionsTable;
  scan_resources: ScanResourcesTable;
  relationships: RelationshipsTable;
  scan_identities: ScanIdentitiesTable;
  scan_detections: ScanDetectionsTable;
  findings: FindingsTable;
  timeline_events: TimelineEventsTable;
  mutes: MutesTable;
  usage_days: UsageDaysTable;
  cloudtrail_files: CloudTrailFilesTable;
  scan_insights: ScanInsightsTable;
  runs: RunsTable;
  data_version: DataVersionTable;
}

export interface ScansTable {
  id: Generated<number>;
  recorded_at: string;
  as_of: string;
  window_days: number;
  partial: number;
  detection_count: number;
  identity_count: number;
  resource_count: number;
  inputs_json: string;
  summary_json: string;
  coverage_json: string;
}

/** One stored configuration of one resource; scans share it while its content hash is unchanged. */
export interface ResourceVersionsTable {
  id: Generated<number>;
  arn: string;
  type: string;
  account_id: string | null;
  name: string;
  hash: string;
  config_json: string;
}

export interface ScanResourcesTable {
  scan_id: number;
  arn: string;
  version_id: number;
}

/** An edge from the resource of `version_id` to `to_arn`; part of that version's content. */
export interface RelationshipsTable {
  version_id: number;
  kind: string;
  to_arn: string;
}

export interface ScanIdentitiesTable {
  scan_id: number;
  arn: string;
  type: string;
  account_id: string;
  name: string;
  is_admin: number;
  used_json: string;
  denied_json: string;
}

export interface ScanDetectionsTable {
  scan_id: number;
  detection_id: string;
  severity: string;
}

/** Lifecycle state per detection id, as of the latest recorded scan. */
export interface FindingsTable {
  detection_id: string;
  rule: string;
  severity: string;
  resource_arn: string;
  resource_type: string;
  resource_name: string;
  account_id: string;
  title: string;
  status: string;
  first_seen_scan: number;
  first_seen_at: string;
  last_seen_scan: number;
  last_seen_at: string;
  resolved_scan: number | null;
  resolved_at: string | null;
  reopen_count: number;
  body_json: string;
}

export interface TimelineEventsTable {
  id: Generated<number>;
  detection_id: string;
  resource_arn: string;
  rule: string;
  kind: string;
  scan_id: number | null;
  at: string;
  from_severity: string | null;
  to_severity: string | null;
}

export interface MutesTable {
  id: Generated<number>;
  detection_id: string | null;
  rule: string | null;
  resource_pattern: string | null;
  /** `resource_pattern` lowercased and turned into a LIKE pattern with `!` as the escape character. */
  like_pattern: string | null;
  reason: string;
  author: string;
  created_at: string;
  expires_at: string | null;
  removed_at: string | null;
  removed_by: string | null;
}

export interface UsageDaysTable {
  principal_arn: string;
  action: string;
  day: string;
  used: number;
  denied: number;
  errors: number;
  first_seen: string;
  last_seen: string;
  last_used: string | null;
  last_denied: string | null;
}

export interface CloudTrailFilesTable {
  path: string;
  size: number | string;
  mtime_ms: number | string;
  read_at: string;
}

/** One identity's insights in one scan: granted actions by service with usage status (insights-codec.ts). */
export interface ScanInsightsTable {
  scan_id: number;
  arn: string;
  insights_json: string;
}

/** One collection or scan run (`iamrisk watch`, `scan --db`); `scan_id` is null when it recorded no scan. */
export interface RunsTable {
  id: Generated<number>;
  started_at: string;
  finished_at: string;
  status: string;
  scan_id: number | null;
  source: string;
  error: string | null;
  snapshot: string | null;
}

/** Change counters (data-version.ts): `findings` and `mutes`, bumped with every write to them. */
export interface DataVersionTable {
  name: string;
  version: number;
}
