import type { DevEndpoint, GlueClient, Job } from '@aws-sdk/client-glue';
import { paginateGetDevEndpoints, paginateGetJobs } from '@aws-sdk/client-glue';
import { toCliJson } from './aws-json.js';

/** Get: every page of `GetDevEndpoints` in the client's region. */
export async function getDevEndpoints(glue: GlueClient, pageSize?: number): Promise<DevEndpoint[]> {
  const endpoints: DevEndpoint[] = [];
  for await (const page of paginateGetDevEndpoints({ client: glue, pageSize }, {})) {
    endpoints.push(...(page.DevEndpoints ?? []));
  }
  return endpoints;
}

/** Transform: the `aws glue get-dev-endpoints` document. */
export function transformDevEndpoints(endpoints: readonly DevEndpoint[]): { DevEndpoints: unknown[] } {
  return { DevEndpoints: endpoints.map(toCliJson) };
}

/** Get: every page of `GetJobs` in the client's region. */
export async function getJobs(glue: GlueClient, pageSize?: number): Promise<Job[]> {
  const jobs: Job[] = [];
  for await (const page of paginateGetJobs({ client: glue, pageSize }, {})) jobs.push(...(page.Jobs ?? []));
  return jobs;
}

/** Transform: the `aws glue get-jobs` document. */
export function transformJobs(jobs: readonly Job[]): { Jobs: unknown[] } {
  return { Jobs: jobs.map(toCliJson) };
}
