import type { TrailIdentity } from '../ingest/cloudtrail.js';

const ROLE_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):role\/.+$/;
const USER_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):user\/.+$/;
const ROOT_ARN = /^arn:(aws[a-z-]*):iam::(\d{12}):root$/;
const SESSION_ARN = /^arn:(aws[a-z-]*):sts::(\d{12}):assumed-role\/([\w+=,.@-]{1,64})\/[^/]+$/;

/**
 * The IAM identity an event counts for (PRODUCT.md §3 "Usage"): the role of an assumed-role session
 * (`sessionContext.sessionIssuer.arn`), the IAM user behind a federated session, else `userIdentity.arn` of
 * an IAM user or root. Calls by AWS services, other accounts' anonymous principals and web-identity or SAML
 * users belong to no IAM identity of ours: null.
 *
 * @example principalOf({ type: 'AssumedRole', issuerArn: 'arn:aws:iam::1…:role/app', … }) // the role ARN
 */
export function principalOf(identity: TrailIdentity): string | null {
  switch (identity.type) {
    case 'IAMUser':
      return identity.arn !== null && USER_ARN.test(identity.arn) ? identity.arn : null;
    case 'Root':
      return identity.arn !== null && ROOT_ARN.test(identity.arn) ? identity.arn : null;
    case 'FederatedUser':
      // GetFederationToken sessions: the issuer is the IAM user (or root) that asked for the token.
      return identity.issuerArn !== null &&
        (USER_ARN.test(identity.issuerArn) || ROOT_ARN.test(identity.issuerArn))
        ? identity.issuerArn
        : null;
    case 'AssumedRole': {
      if (identity.issuerArn !== null && ROLE_ARN.test(identity.issuerArn)) return identity.issuerArn;
      // Without a session context the role's path is unknown; the name-only ARN is right for roles at "/".
      const m = identity.arn === null ? null : SESSION_ARN.exec(identity.arn);
      return m === null ? null : `arn:${m[1]}:iam::${m[2]}:role/${m[3]}`;
    }
    default:
      return null;
  }
}
