import type { AccountClients } from './clients.js';
import type { TimeWindow } from './cloudtrail.js';
import { lookupEvents, transformEvents } from './cloudtrail.js';
import type { ReportPolling } from './credential-report.js';
import { countReportRows, getCredentialReport, transformCredentialReport } from './credential-report.js';
import { countInstances, getEnabledRegions, getInstances, transformInstances } from './ec2.js';
import { countAuthorizationDetails, getAuthorizationDetails, transformAuthorizationDetails } from './iam.js';
import { getFunctions, transformFunctions } from './lambda.js';
import type { CollectedFile, CollectIssue } from './manifest.js';
import { SERVICE_RESOURCE_STEPS } from './service-resources.js';
import type { SnapshotWriter } from './snapshot-writer.js';
import type { CallScope, RetryPolicy } from './with-aws-errors.js';
import { withAwsErrors } from './with-aws-errors.js';
import { forEachLimit } from '../for-each-limit.js';

/** Everything one account's collection needs; `files` and `issues` are appended to. */
export interface AccountRun {
  account: string;
  clients: AccountClients;
  homeRegion: string;
  /** Regions to visit; `undefined`: the account's enabled regions. */
  regions?: string[];
  writer: SnapshotWriter;
  files: CollectedFile[];
  issues: CollectIssue[];
  lookupEventsWindow: TimeWindow | null;
  retry?: RetryPolicy;
  reportPolling?: ReportPolling;
  pageSize?: number;
  /** Regions visited at once; default 4. */
  concurrency?: number;
}

/**
 * Collects one account into `<account>/…` of the snapshot: authorization details, the credential report,
 * and, per region, EC2 instances, Lambda functions, the service resources the escalation graph reads
 * (service-resources.ts) and (when asked) `LookupEvents`. A part that fails is
 * recorded in `run.issues` and the rest goes on. Returns the regions visited.
 */
export async function collectAccount(run: AccountRun): Promise<string[]> {
  const { account, clients, writer } = run;
  const step = <T>(scope: Omit<CallScope, 'account'>, fn: () => Promise<T>): Promise<T | null> =>
    withAwsErrors({ account, ...scope }, run.issues, fn, run.retry);
  const record = (path: string, kind: string, region: string | null, records: number): void => {
    run.files.push({ path, kind, account, region, records });
  };

  const gaad = await step({ region: null, service: 'iam', what: 'authorization-details' }, () =>
    getAuthorizationDetails(clients.iam(), run.pageSize),
  );
  if (gaad) {
    const doc = transformAuthorizationDetails(gaad);
    const path = await writer.writeJson([account, 'iam', 'authorization-details.json'], doc);
    record(path, 'iam-authorization-details', null, countAuthorizationDetails(doc));
  }
  const report = await step({ region: null, service: 'iam', what: 'credential-report' }, () =>
    getCredentialReport(clients.iam(), run.reportPolling),
  );
  if (report) {
    const doc = transformCredentialReport(report);
    const path = await writer.writeJson([account, 'iam', 'credential-report.json'], doc);
    record(path, 'credential-report', null, countReportRows(doc));
  }

  const regions = run.regions ??
    (await step({ region: run.homeRegion, service: 'ec2', what: 'regions' }, () =>
      getEnabledRegions(clients.ec2(run.homeRegion)),
    )) ?? [run.homeRegion];

  await forEachLimit(regions, run.concurrency ?? 4, async (region) => {
    const reservations = await step({ region, service: 'ec2', what: 'instances' }, () =>
      getInstances(clients.ec2(region), run.pageSize),
    );
    if (reservations) {
      const path = await writer.writeJson(
        [account, 'ec2', region, 'describe-instances.json'],
        transformInstances(reservations),
      );
      record(path, 'ec2-instances', region, countInstances(reservations));
    }
    const functions = await step({ region, service: 'lambda', what: 'functions' }, () =>
      getFunctions(clients.lambda(region), run.pageSize),
    );
    if (functions) {
      const path = await writer.writeJson(
        [account, 'lambda', region, 'list-functions.json'],
        transformFunctions(functions),
      );
      record(path, 'lambda-functions', region, functions.length);
    }
    for (const s of SERVICE_RESOURCE_STEPS) {
      const got = await step({ region, service: s.service, what: s.what }, () =>
        s.run(clients, region, run.pageSize),
      );
      if (got?.doc != null) {
        const path = await writer.writeJson([account, s.service, region, s.file], got.doc);
        record(path, s.kind, region, got.records);
      }
    }
    const window = run.lookupEventsWindow;
    if (window) {
      const looked = await step({ region, service: 'cloudtrail', what: 'lookup-events' }, () =>
        lookupEvents(clients.cloudtrail(region), window),
      );
      if (looked) {
        const doc = transformEvents(looked.events);
        const path = await writer.writeJson(['cloudtrail', account, `lookup-events-${region}.json`], doc);
        record(path, 'cloudtrail', region, doc.Events.length);
        if (looked.truncated) {
          run.issues.push({
            account,
            region,
            service: 'cloudtrail',
            what: 'lookup-events',
            kind: 'error',
            reason: `stopped after ${looked.events.length} events; give --cloudtrail s3://… for the full trail`,
          });
        }
      }
    }
  });
  return regions;
}
