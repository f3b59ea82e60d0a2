import type { InputError, InputKind, InputSummary } from '../model/input.js';
import type { Inventory } from '../model/inventory.js';
import { emptyInventory } from '../model/inventory.js';
import * as credentialReport from './credential-report.js';
import {
  EXPECTED_KINDS,
  cloudTrailRecordCount,
  detectKind,
  isCloudTrailDigest,
  isCollectManifest,
} from './detect.js';
import * as ec2 from './ec2.js';
import * as gaad from './gaad.js';
import * as lambda from './lambda.js';
import * as organization from './organization.js';
import type { ServiceInputKind } from './service-readers.js';
import { isServiceKind, loadService, transformService } from './service-readers.js';
import type { ServiceTransformed } from './service-resource.js';

/** One file after detection and transformation, before it is merged into the inventory. */
export type Processed =
  | { file: string; kind: 'skipped' }
  | { file: string; kind: 'error'; error: InputError }
  | { file: string; kind: 'cloudtrail'; records: number }
  | { file: string; kind: 'iam-authorization-details'; t: gaad.GaadTransformed }
  | { file: string; kind: 'credential-report'; t: credentialReport.CredentialReportTransformed }
  | { file: string; kind: 'ec2-instances'; t: ec2.Ec2Transformed }
  | { file: string; kind: 'lambda-functions'; t: lambda.LambdaTransformed }
  | { file: string; kind: 'organization'; t: organization.OrganizationTransformed }
  | ServiceProcessed;

/** A processed service-resource file (stacks, projects, notebooks, …). */
type ServiceProcessed = { file: string; kind: ServiceInputKind; t: ServiceTransformed };

const isServiceProcessed = (p: Processed): p is ServiceProcessed =>
  p.kind !== 'skipped' && p.kind !== 'error' && isServiceKind(p.kind);

/** Detects and transforms one parsed document (pure; the heavy part, safe to run per file in any order). */
export function processDocument(file: string, raw: unknown): Processed {
  if (isCloudTrailDigest(raw) || isCollectManifest(raw)) return { file, kind: 'skipped' };
  const kind = detectKind(raw);
  if (isServiceKind(kind)) return { file, kind, t: transformService(kind, raw, file) };
  switch (kind) {
    case 'cloudtrail':
      return { file, kind, records: cloudTrailRecordCount(raw) };
    case 'iam-authorization-details':
      return { file, kind, t: gaad.transform(raw, file) };
    case 'credential-report':
      return { file, kind, t: credentialReport.transform(raw, file) };
    case 'ec2-instances':
      return { file, kind, t: ec2.transform(raw, file) };
    case 'lambda-functions':
      return { file, kind, t: lambda.transform(raw, file) };
    case 'organization':
      return { file, kind, t: organization.transform(raw, file) };
    case 'unknown':
      return {
        file,
        kind: 'error',
        error: { where: file, reason: `not a recognised AWS export (expected ${EXPECTED_KINDS})` },
      };
  }
}

/**
 * Merges processed files into one inventory, in path order so that the result does not depend on the order
 * files were read in. Returns one summary per file (skipped digests have none).
 */
export function mergeProcessed(
  processed: Processed[],
  inventory: Inventory = emptyInventory(),
): { inventory: Inventory; inputs: InputSummary[] } {
  const inputs: InputSummary[] = [];
  // Service resources load after the IAM inputs, so role names (Glue `Role`) resolve whatever the file order.
  const services: ServiceProcessed[] = [];
  const sorted = [...processed].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  for (const p of sorted) {
    const summary = (kind: InputKind, records: number, errors: InputError[]): void => {
      inputs.push({ path: p.file, kind, records, errors });
    };
    if (isServiceProcessed(p)) {
      services.push(p);
      summary(p.kind, p.t.records, p.t.errors);
      continue;
    }
    switch (p.kind) {
      case 'skipped':
        break;
      case 'error':
        summary('unknown', 0, [p.error]);
        break;
      case 'cloudtrail':
        inventory.coverage.cloudtrail = true;
        summary('cloudtrail', p.records, []);
        break;
      case 'iam-authorization-details':
        gaad.load(inventory, p.t);
        summary(p.kind, p.t.records, p.t.errors);
        break;
      case 'credential-report':
        credentialReport.load(inventory, p.t);
        summary(p.kind, p.t.records, p.t.errors);
        break;
      case 'ec2-instances':
        ec2.load(inventory, p.t);
        summary(p.kind, p.t.records, p.t.errors);
        break;
      case 'lambda-functions':
        lambda.load(inventory, p.t);
        summary(p.kind, p.t.records, p.t.errors);
        break;
      case 'organization':
        organization.load(inventory, p.t);
        summary(p.kind, p.t.records, p.t.errors);
        break;
    }
  }
  for (const s of services) loadService(s.kind, inventory, s.t);
  return { inventory, inputs };
}

/**
 * Builds an inventory from already-parsed documents (parsed JSON, or the text of a credential report CSV),
 * without any I/O: the same as `loadInputs` for tests and the rule tester.
 *
 * @example inventoryFromRaw([{ file: 'gaad.json', raw: { UserDetailList: [...] } }])
 */
export function inventoryFromRaw(docs: { file: string; raw: unknown }[]): {
  inventory: Inventory;
  inputs: InputSummary[];
} {
  return mergeProcessed(docs.map((d) => processDocument(d.file, d.raw)));
}
