import type { Rule } from './define-rule.js';
import { adminUser } from './admin-user.js';
import { adminRole } from './admin-role.js';
import { adminGroup } from './admin-group.js';
import { computeAdmin } from './compute-admin.js';
import { orphanAdminPolicy } from './orphan-admin-policy.js';
import { inactiveAdmin } from './inactive-admin.js';
import { publicTrust } from './public-trust.js';
import { crossAccountTrust } from './cross-account-trust.js';
import { externalAdminAccess } from './external-admin-access.js';
import { oidcTrustUnrestricted } from './oidc-trust-unrestricted.js';
import { wildcardPassrole } from './wildcard-passrole.js';
import { noMfa } from './no-mfa.js';
import { rootAccessKey } from './root-access-key.js';
import { rootNoMfa } from './root-no-mfa.js';
import { oldAccessKey } from './old-access-key.js';
import { unusedAccessKey } from './unused-access-key.js';
import { unusedPassword } from './unused-password.js';
import { multipleActiveKeys } from './multiple-active-keys.js';
import { inactiveUser } from './inactive-user.js';
import { inactiveRole } from './inactive-role.js';
import { permissionsGapRule } from './permissions-gap.js';
import { broadDataAccess } from './broad-data-access.js';
import { privilegeEscalation } from './privilege-escalation.js';

/** Every rule, in RULES.md order. Adding a rule = adding its file and one line here. */
export const RULES: readonly Rule[] = [
  adminUser,
  adminRole,
  adminGroup,
  computeAdmin,
  orphanAdminPolicy,
  inactiveAdmin,
  privilegeEscalation,
  publicTrust,
  crossAccountTrust,
  externalAdminAccess,
  oidcTrustUnrestricted,
  wildcardPassrole,
  noMfa,
  rootAccessKey,
  rootNoMfa,
  oldAccessKey,
  unusedAccessKey,
  unusedPassword,
  multipleActiveKeys,
  inactiveUser,
  inactiveRole,
  permissionsGapRule,
  broadDataAccess,
];
