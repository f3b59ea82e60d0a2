/** The input kinds of PRODUCT.md §2, recognised by content. */
export type InputKind =
  | 'iam-authorization-details'
  | 'credential-report'
  | 'ec2-instances'
  | 'lambda-functions'
  | 'organization'
  | 'cloudtrail'
  | 'unknown';

/** A problem with one file or one record in it. `where` names the file (and record when known). */
export interface InputError {
  where: string;
  reason: string;
}

/** What was read from one input file (JSON output `inputs[]`). */
export interface InputSummary {
  path: string;
  kind: InputKind;
  records: number;
  errors: InputError[];
}
