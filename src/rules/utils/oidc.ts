/**
 * CI identity providers and their `sub` claim formats, for oidc-trust-unrestricted. A `sub` pattern is a
 * restriction when its literal prefix (before the first wildcard) pins the owner: the GitHub organization
 * or user followed by `/`, the GitLab top-level group followed by `/`, or the Terraform Cloud organization
 * followed by `:`. `repo:my-org*` is *not* a restriction: `repo:my-org-attacker/x` matches it.
 */

/** A CI provider recognised from the OIDC provider host. */
export interface CiProvider {
  kind: 'github-actions' | 'gitlab' | 'terraform-cloud';
  /** The provider URL without scheme, which prefixes its condition keys (`<host>:sub`). */
  host: string;
}

/** Recognises a CI provider from a Federated principal (`arn:aws:iam::123:oidc-provider/<host>`). */
export function ciProvider(federated: string): CiProvider | null {
  const marker = 'oidc-provider/';
  const at = federated.indexOf(marker);
  const host = (at === -1 ? federated : federated.slice(at + marker.length)).toLowerCase();
  const domain = host.split('/')[0] ?? '';
  if (domain === 'token.actions.githubusercontent.com') return { kind: 'github-actions', host };
  if (domain === 'app.terraform.io') return { kind: 'terraform-cloud', host };
  // gitlab.com, and self-hosted instances named gitlab.<company>.<tld>
  if (domain === 'gitlab.com' || domain.split('.').includes('gitlab')) return { kind: 'gitlab', host };
  return null;
}

const OWNER_PREFIX: Record<CiProvider['kind'], RegExp[]> = {
  // repo:ORG/REPO:…; customised subject claims may start with the owner or repository id claims instead.
  'github-actions': [/^repo:[^/:*?]+\//, /^repository_owner(_id)?:[^:*?]+:/, /^repository_id:[^:*?]+:/],
  gitlab: [/^project_path:[^/:*?]+\//],
  'terraform-cloud': [/^organization:[^:*?]+:/],
};

/** How a `sub` pattern restricts the caller. */
export type SubScope = 'specific' | 'owner-wide' | 'unrestricted';

/** Classifies one `sub` condition value for a provider. */
export function subScope(provider: CiProvider, pattern: string): SubScope {
  const wildcard = pattern.search(/[*?]/);
  if (wildcard === -1) return pattern === '' ? 'unrestricted' : 'specific';
  const prefix = pattern.slice(0, wildcard);
  return OWNER_PREFIX[provider.kind].some((re) => re.test(prefix)) ? 'owner-wide' : 'unrestricted';
}
