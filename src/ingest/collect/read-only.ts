/**
 * Operation-name prefixes the collector may call. Every one reads; `GenerateCredentialReport` only asks IAM
 * to (re)build the report it then reads, `AssumeRole` (for `--org`) only obtains read credentials in a
 * member account, and `BatchGetProjects` (CodeBuild) only reads projects; no other `Batch…` is allowed. Anything else is refused before a request is signed.
 */
export const READ_PREFIXES = ['Get', 'List', 'Describe', 'Generate', 'LookupEvents', 'AssumeRole'] as const;

/** Whether an operation name (`GetAccountAuthorizationDetails`, not the `…Command` class) is a read. */
export function isReadOperation(operation: string): boolean {
  if (operation === 'GenerateCredentialReport' || operation === 'BatchGetProjects') return true;
  if (operation.startsWith('Generate')) return false; // only the credential report is allowed to be generated
  return READ_PREFIXES.some((p) => operation.startsWith(p));
}

/** The operation name of an SDK command class name: `ListRolesCommand` → `ListRoles`. */
export function operationOfCommand(commandName: string): string {
  return commandName.replace(/Command$/, '');
}

/** Thrown when code tries to send an operation that is not a read; a programming error, never expected. */
export class WriteRefusedError extends Error {
  constructor(readonly operation: string) {
    super(`refused to call ${operation}: iamrisk collect only reads`);
    this.name = 'WriteRefusedError';
  }
}
