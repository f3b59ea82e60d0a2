import type { GetCredentialReportCommandOutput, IAMClient } from '@aws-sdk/client-iam';
import { GenerateCredentialReportCommand, GetCredentialReportCommand } from '@aws-sdk/client-iam';
import { toCliJson } from './aws-json.js';

/** The credential report as `aws iam get-credential-report` prints it. */
export interface CredentialReportJson {
  Content: string;
  ReportFormat?: string;
  GeneratedTime?: string;
}

/** Polling of the report generation. */
export interface ReportPolling {
  /** Give up after this long; default 120 000 ms. */
  maxWaitMs?: number;
  /** Between polls; default 2000 ms. */
  intervalMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Thrown when the report is still not ready after the polling budget. */
export class ReportTimeoutError extends Error {
  override name = 'ReportTimeout';
}

/**
 * Get: asks IAM to generate the credential report, polls until it is complete, and downloads it.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/id_credentials_getting-report.html
 * @throws ReportTimeoutError when the report is not ready within `maxWaitMs`
 */
export async function getCredentialReport(
  iam: IAMClient,
  polling: ReportPolling = {},
): Promise<GetCredentialReportCommandOutput> {
  const sleep = polling.sleep ?? defaultSleep;
  const interval = polling.intervalMs ?? 2000;
  const deadline = (polling.maxWaitMs ?? 120_000) / interval;
  for (let poll = 0; poll <= deadline; poll++) {
    const { State } = await iam.send(new GenerateCredentialReportCommand({}));
    if (State === 'COMPLETE') {
      try {
        return await iam.send(new GetCredentialReportCommand({}));
      } catch (e) {
        // Another caller may have started a new report between the two calls.
        const name = (e as { name?: string }).name;
        if (name !== 'ReportInProgress' && name !== 'ReportNotPresent') throw e;
      }
    }
    await sleep(interval);
  }
  throw new ReportTimeoutError('the credential report was not ready in time; run collect again later');
}

/** Transform: the CLI's JSON (base64 `Content`, ISO `GeneratedTime`). */
export function transformCredentialReport(report: GetCredentialReportCommandOutput): CredentialReportJson {
  const json = toCliJson(report) as Partial<CredentialReportJson>;
  return { Content: json.Content ?? '', ReportFormat: json.ReportFormat, GeneratedTime: json.GeneratedTime };
}

/** The number of users in a report (CSV lines after the header), for the manifest. */
export function countReportRows(report: CredentialReportJson): number {
  const text = Buffer.from(report.Content, 'base64').toString('utf8').trim();
  return text === '' ? 0 : text.split('\n').length - 1;
}
