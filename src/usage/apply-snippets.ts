import type { PolicyJson } from './least-privilege.js';

/** How to apply a suggested policy as an inline policy. */
export interface ApplySnippets {
  awsCli: string;
  terraform: string;
}

const IAM_NAME = /^[\w+=,.@-]{1,128}$/;
const PRINCIPAL = /^arn:aws[a-z-]*:iam::\d{12}:(user|role)\/(?:[\w+=,.@/-]*\/)?([\w+=,.@-]{1,128})$/;

/** JSON text safe inside an HCL heredoc: `${` and `%{` would start an interpolation or a directive. */
function hclSafe(json: string): string {
  return json.replace(/\$\{/g, () => '$${').replace(/%\{/g, () => '%%{');
}

/**
 * The AWS CLI command and Terraform resource that put `policy` on the user or role as an inline policy, or
 * null when the ARN is not an IAM user or role ARN. The CLI reads the document from a file, so no policy
 * text (resource ARNs come from CloudTrail and may hold anything) ever reaches a shell command line.
 */
export function applySnippets(
  principalArn: string,
  policy: PolicyJson,
  policyName = 'iamrisk-least-privilege',
): ApplySnippets | null {
  const m = PRINCIPAL.exec(principalArn);
  if (m === null || !IAM_NAME.test(policyName)) return null;
  const [, kind, name] = m as unknown as [string, 'user' | 'role', string];
  const file = `${policyName}.json`;
  const awsCli = `aws iam put-${kind}-policy --${kind}-name ${name} --policy-name ${policyName} --policy-document file://${file}`;
  const resource = kind === 'user' ? 'aws_iam_user_policy' : 'aws_iam_role_policy';
  const id = `${name.replace(/[^A-Za-z0-9_]/g, '_')}_least_privilege`.replace(/^[^A-Za-z_]/, '_$&');
  const terraform = [
    `resource "${resource}" "${id}" {`,
    `  name   = "${policyName}"`,
    `  ${kind.padEnd(6)} = "${name}"`,
    `  policy = <<-POLICY`,
    ...hclSafe(JSON.stringify(policy, null, 2))
      .split('\n')
      .map((l) => `    ${l}`),
    `  POLICY`,
    `}`,
  ].join('\n');
  return { awsCli, terraform };
}
