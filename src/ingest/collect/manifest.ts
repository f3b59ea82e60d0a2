/** Marks a collect manifest so that the scanner skips it quietly (see ingest/detect.ts). */
export const MANIFEST_MARKER = 'iamriskCollectManifest';

/** File name of the manifest at the root of a snapshot folder. */
export const MANIFEST_FILE = 'collect-manifest.json';

/** Why a part of the collection is missing. */
export type IssueKind = 'denied' | 'opt-in' | 'throttled' | 'error' | 'invalid';

/** One part that could not be collected: the scan must treat it as unobservable, not as empty. */
export interface CollectIssue {
  account: string | null;
  region: string | null;
  service: string;
  /** What was being collected (`authorization-details`, `instances`, …). */
  what: string;
  kind: IssueKind;
  /** The AWS error name and a shortened message (attacker-influenced text: shown, never interpreted). */
  reason: string;
}

/** One file written into the snapshot, relative to its root (forward slashes). */
export interface CollectedFile {
  path: string;
  kind: string;
  account: string | null;
  region: string | null;
  records: number;
}

/** `collect-manifest.json`: what was collected, what failed, and when. */
export interface CollectManifest {
  [MANIFEST_MARKER]: 1;
  startedAt: string;
  finishedAt: string;
  /** The account whose credentials ran the collection. */
  callerAccount: string | null;
  organizationId: string | null;
  accounts: string[];
  regions: string[];
  files: CollectedFile[];
  errors: CollectIssue[];
  /** Every AWS operation sent, sorted and unique: all reads (see read-only.ts). */
  operations: string[];
  cloudtrail: {
    mode: 'none' | 'lookup-events' | 's3';
    from: string;
    to: string;
    downloaded?: number;
    reused?: number;
  };
}
