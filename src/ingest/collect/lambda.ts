import type { FunctionConfiguration, LambdaClient } from '@aws-sdk/client-lambda';
import { paginateListFunctions } from '@aws-sdk/client-lambda';
import { toCliJson } from './aws-json.js';

/** Get: every page of `ListFunctions` in the client's region. */
export async function getFunctions(
  lambda: LambdaClient,
  pageSize?: number,
): Promise<FunctionConfiguration[]> {
  const functions: FunctionConfiguration[] = [];
  for await (const page of paginateListFunctions({ client: lambda, pageSize }, {})) {
    functions.push(...(page.Functions ?? []));
  }
  return functions;
}

/** Transform: the `aws lambda list-functions` document. */
export function transformFunctions(functions: readonly FunctionConfiguration[]): { Functions: unknown[] } {
  return { Functions: functions.map(toCliJson) };
}
