import type { Technique } from '../types.js';
import { EXISTING_COMPUTE_TECHNIQUES } from './existing-compute.js';
import { IAM_PRINCIPAL_TECHNIQUES } from './iam-principal.js';
import { IAM_SELF_TECHNIQUES } from './iam-self.js';
import { PASSROLE_TECHNIQUES } from './passrole-new.js';
import { STS_TECHNIQUES } from './sts.js';

/** Every technique that generates principal edges. Adding one = one entry in its family file. */
export const TECHNIQUES: readonly Technique[] = [
  ...IAM_SELF_TECHNIQUES,
  ...IAM_PRINCIPAL_TECHNIQUES,
  ...STS_TECHNIQUES,
  ...PASSROLE_TECHNIQUES,
  ...EXISTING_COMPUTE_TECHNIQUES,
];

export { COMPUTE_ROLE, computeRoleEdges } from './compute-credentials.js';
