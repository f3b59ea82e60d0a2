import { runScanChild } from '../child.js';
import { cachedOrg } from '../org-cache.js';
import type { BenchCase, BenchRow } from './types.js';

/** Targets of PRODUCT.md's performance goals, per organization size. */
interface ScanTargets {
  seconds: number;
  rssMb: number;
}

const note = (target: number | undefined, unit: string) =>
  target === undefined ? undefined : `target < ${target} ${unit}`;

/**
 * A full-scan case: generate (or reuse) an org of `principals` principals without CloudTrail, then scan it in a
 * child process and report the child's wall time and peak RSS against the targets.
 */
export function scanCase(
  name: string,
  principals: number,
  targets: Partial<ScanTargets>,
  isSlow: boolean,
): BenchCase {
  return {
    name,
    isSlow,
    description: `full scan of a generated ${principals.toLocaleString('en-US')}-principal org (no CloudTrail) in a child process`,
    async run(): Promise<BenchRow[]> {
      const org = await cachedOrg({ principals, cloudtrail: false });
      const result = await runScanChild(org.manifest.asOf, org.paths);
      const rows: BenchRow[] = [
        {
          case: name,
          metric: 'wall time',
          iamrisk: result.wallSeconds,
          peer: null,
          ratio: null,
          unit: 's',
          note: note(targets.seconds, 's'),
        },
        {
          case: name,
          metric: 'peak RSS',
          iamrisk: result.maxRssMb,
          peer: null,
          ratio: null,
          unit: 'MB',
          note: note(targets.rssMb, 'MB'),
        },
        {
          case: name,
          metric: 'detections',
          iamrisk: result.detections,
          peer: null,
          ratio: null,
          unit: '',
          note: `${result.identities} identities${result.partial ? ', partial input' : ''}`,
        },
      ];
      if (org.generatedSeconds > 0) {
        rows.push({
          case: name,
          metric: 'generate org',
          iamrisk: org.generatedSeconds,
          peer: null,
          ratio: null,
          unit: 's',
          note: `${org.manifest.counts.principals} principals, ${org.manifest.counts.files} files`,
        });
      }
      return rows;
    },
  };
}
