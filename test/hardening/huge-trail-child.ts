// Child process of huge-inputs.test.ts: aggregates one CloudTrail file and reports counts and peak RSS.
import { aggregateCloudTrail } from '../../src/usage/aggregate-cloudtrail.js';

const file = process.argv[2]!;
// ~700 MB of text: over the default 512 MiB per-file guard, which still applies to streamed files.
const agg = await aggregateCloudTrail([file], { workers: 0, maxFileBytes: 2 * 1024 ** 3 });
process.stdout.write(
  JSON.stringify({
    events: agg.events,
    records: agg.fileRecords.get(file) ?? null,
    duplicates: agg.duplicates,
    errors: agg.errors,
    days: agg.days.length,
    maxRssMiB: process.resourceUsage().maxRSS / 1024,
  }),
);
