import type { CloudTrailClient, Event } from '@aws-sdk/client-cloudtrail';
import { paginateLookupEvents } from '@aws-sdk/client-cloudtrail';
import { toCliJson } from './aws-json.js';

/** The window of events to collect. */
export interface TimeWindow {
  from: Date;
  to: Date;
}

/**
 * Get: management events of the client's region in the window, through `LookupEvents` (the 90-day event
 * history; used when no trail bucket is given). Stops after `maxEvents`, so one busy region cannot stall
 * the run; `truncated` says so.
 * https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
 */
export async function lookupEvents(
  cloudtrail: CloudTrailClient,
  window: TimeWindow,
  maxEvents = 100_000,
): Promise<{ events: Event[]; truncated: boolean }> {
  const events: Event[] = [];
  const pages = paginateLookupEvents(
    { client: cloudtrail, pageSize: 50 },
    { StartTime: window.from, EndTime: window.to },
  );
  for await (const page of pages) {
    events.push(...(page.Events ?? []));
    if (events.length >= maxEvents) return { events: events.slice(0, maxEvents), truncated: true };
  }
  return { events, truncated: false };
}

/** Transform: the `aws cloudtrail lookup-events` document (`{"Events":[{"CloudTrailEvent":"…"}]}`). */
export function transformEvents(events: readonly Event[]): { Events: unknown[] } {
  return { Events: events.filter((e) => typeof e.CloudTrailEvent === 'string').map(toCliJson) };
}
