/** The input kinds of PRODUCT.md §2, recognised by content. */
export type InputKind =
  | 'iam-authorization-details'
  | 'credential-report'
  | 'ec2-instances'
  | 'lambda-functions'
  | 'organization'
  | 'cloudtrail'
  // Service resources that run as a role (src/ingest/service-readers.ts), one kind per CLI output.
  | 'cloudformation-stacks'
  | 'cloudformation-stack-sets'
  | 'codebuild-projects'
  | 'sagemaker-notebooks'
  | 'glue-dev-endpoints'
  | 'glue-jobs'
  | 'ecs-task-definitions'
  | 'apprunner-services'
  | 'bedrock-code-interpreters'
  | 'ec2-launch-templates'
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
