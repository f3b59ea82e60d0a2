import { setTimeout as sleep } from 'node:timers/promises';

/** What a load run measured. Latencies are in milliseconds, from sending a request to reading its whole body. */
export interface LoadResult {
  requests: number;
  /** Responses other than 200 and failed requests (network errors, timeouts). */
  errors: number;
  /** The first few errors, `METHOD url: status body` or the exception. */
  errorSamples: string[];
  statuses: Record<string, number>;
  seconds: number;
  /** Completed requests per second over the whole run. */
  throughput: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

/** The explorer's queries for one resource ARN: list page, facets, groups, search, resource panel, timeline. */
export function explorerQueries(arn: string): string[] {
  const a = encodeURIComponent(arn);
  const name = arn.split('/').at(-1) ?? arn;
  return [
    '/api/detections?limit=100',
    '/api/detections?limit=100&offset=200&severity=critical,high',
    '/api/detections/facets',
    '/api/detections/groups?by=rule',
    '/api/detections/groups?by=resource&limit=200',
    `/api/detections?search=${encodeURIComponent(name)}&limit=100`,
    `/api/resource?arn=${a}`,
    `/api/resource/timeline?arn=${a}`,
  ];
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] as number;
}

/**
 * Open-loop load: starts one GET every `1000 / rate` ms (cycling through `paths`) for `seconds`, without waiting
 * for earlier responses (a slow server queues requests instead of slowing the generator), then waits for all.
 */
export async function runLoad(
  baseUrl: string,
  paths: readonly string[],
  opts: { rate: number; seconds: number; headers?: Record<string, string>; timeoutMs?: number },
): Promise<LoadResult> {
  const total = Math.round(opts.rate * opts.seconds);
  const interval = 1000 / opts.rate;
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const errorSamples: string[] = [];
  let errors = 0;
  const fail = (what: string) => {
    errors++;
    if (errorSamples.length < 5) errorSamples.push(what);
  };
  const one = async (url: string) => {
    const t0 = performance.now();
    try {
      const r = await fetch(baseUrl + url, {
        headers: opts.headers,
        signal: AbortSignal.timeout(opts.timeoutMs ?? 30_000),
      });
      const body = await r.text();
      latencies.push(performance.now() - t0);
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
      if (r.status !== 200) fail(`GET ${url}: ${r.status} ${body.slice(0, 200)}`);
    } catch (e) {
      statuses.failed = (statuses.failed ?? 0) + 1;
      const cause = e instanceof Error && e.cause instanceof Error ? ` (${e.cause.message})` : '';
      fail(`GET ${url}: ${e instanceof Error ? e.message : String(e)}${cause}`);
    }
  };
  const start = performance.now();
  const pending: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + i * interval;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    pending.push(one(paths[i % paths.length] as string));
  }
  await Promise.all(pending);
  const seconds = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    requests: total,
    errors,
    errorSamples,
    statuses,
    seconds,
    throughput: latencies.length / seconds,
    p50: percentile(latencies, 50),
    p95: percentile(latencies, 95),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? 0,
  };
}
