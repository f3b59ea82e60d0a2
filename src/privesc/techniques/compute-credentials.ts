/**
 * Compute credentials: code running on a compute resource holds its role's credentials (the instance
 * metadata service, the Lambda environment, the build container). This is the second half of every
 * existing-compute hop; it has no actions of its own and is never conditional.
 */
import type { ComputeNode, Edge, TechniqueInfo } from '../types.js';

/** The catalog entry of the compute → role hop. */
export const COMPUTE_ROLE: TechniqueInfo = {
  id: 'x-compute-role',
  family: 'compute-credentials',
  category: 'existing-passrole',
  name: 'role credentials on a compute resource',
  description: 'Code on the resource obtains its role’s temporary credentials.',
  requiredActions: [],
  prerequisites: ['the resource runs with the role (instance profile, execution role, service role)'],
  pathfinding: [],
  references: [
    'https://docs.aws.amazon.com/IAM/latest/UserGuide/id_roles_use_switch-role-ec2.html',
    'https://docs.aws.amazon.com/lambda/latest/dg/lambda-intro-execution-role.html',
  ],
};

/** The edges from a compute node to each of its roles. */
export function computeRoleEdges(node: ComputeNode): Edge[] {
  return node.roleArns.map((role) => ({
    from: node.arn,
    to: role,
    technique: COMPUTE_ROLE.id,
    actions: [],
    conditional: false,
    grantsAdmin: false,
    reason: `${node.kind} ${node.name} runs as ${role}`,
  }));
}
