import type { Severity } from '../../model/finding.js';
import type { RecordScanInput } from '../record-scan.js';
import type { Store } from '../store.js';
import { detection, roleArn, scanInput } from './scan-builder.js';

const RULES = [
  'admin-role',
  'permissions-gap',
  'privilege-escalation',
  'inactive-role',
  'cross-account-trust',
  'public-trust',
  'broad-data-access',
  'wildcard-passrole',
  'external-admin-access',
  'compute-admin',
  'inactive-admin',
  'oidc-trust-unrestricted',
];
const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'medium', 'low', 'low', 'info'];
/** The 7 accounts of the synthetic scan (`100000000001` … `100000000007`). */
export const EXPLORER_ACCOUNTS = Array.from({ length: 7 }, (_, i) => `10000000000${i + 1}`);

/**
 * A scan of `detections` detections (default 50,000) over `detections × 0.4` roles in 7 accounts and 12 rules:
 * the explorer's benchmark and load-test store (bench/cases/api-latency.ts, explorer-load.ts,
 * test/hardening/server-load.test.ts).
 */
export function explorerScan(detections = 50_000): RecordScanInput {
  const resources = Math.max(1, Math.round(detections * 0.4));
  const all = Array.from({ length: detections }, (_, i) => {
    const r = i % resources;
    return detection(
      RULES[(i * 7 + Math.floor(i / resources)) % RULES.length] as string,
      roleArn(`app-${r}`, EXPLORER_ACCOUNTS[r % EXPLORER_ACCOUNTS.length]),
      SEVERITIES[(i * 13) % SEVERITIES.length],
    );
  });
  const unique = [...new Map(all.map((d) => [d.id, d])).values()];
  return scanInput({ detections: unique, accounts: EXPLORER_ACCOUNTS });
}

/** Mutes the first 200 detections of a recorded `input` plus one pattern (201 mutes). */
export async function muteExplorerStore(store: Store, input: RecordScanInput): Promise<void> {
  for (const d of input.result.detections.slice(0, 200))
    await store.mute({ detectionId: d.id, reason: 'bench', author: 'bench' });
  await store.mute({
    rule: 'inactive-role',
    resourcePattern: 'arn:aws:iam::100000000003:role/app-1*',
    reason: 'bench',
    author: 'bench',
  });
}
