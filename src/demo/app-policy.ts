import { APP_SERVICES, fillArn, serviceActions } from './catalog.js';
import { allowStmt, policyDoc } from './builder.js';
import type { Prng } from './prng.js';
import type { ActivityCall, PolicyJson } from './types.js';

/** A least-privilege application policy and the calls the application makes with it. */
export interface AppPolicy {
  doc: PolicyJson;
  calls: ActivityCall[];
}

/**
 * A scoped policy for one application: 2–3 data-plane services, a handful of real catalog actions each, on the
 * application's own resources (ARNs filled from the catalog's resource templates; `*` only for actions that take
 * no resource). The application uses most of what it is granted.
 */
export function appPolicy(prng: Prng, account: string, region: string, app: string, env: string): AppPolicy {
  const statements: Record<string, unknown>[] = [];
  const calls: ActivityCall[] = [];
  for (const service of prng.sample(APP_SERVICES, prng.int(2, 3))) {
    const actions = serviceActions(service);
    const picked = prng.sample(actions, prng.int(2, 6)).sort((a, b) => (a.action < b.action ? -1 : 1));
    const slug = service === 's3' ? `acme-${app}-${env}-${account}` : `${app}-${env}`;
    const scoped = picked.filter((a) => a.arnTemplate !== null);
    const global = picked.filter((a) => a.arnTemplate === null);
    if (scoped.length > 0) {
      const resources = [
        ...new Set(scoped.map((a) => fillArn(a.arnTemplate as string, region, account, slug))),
      ].sort();
      statements.push(
        allowStmt(
          scoped.map((a) => a.action),
          resources.length === 1 ? (resources[0] as string) : resources,
          { Sid: sid(service, 'Scoped') },
        ),
      );
      for (const a of scoped)
        calls.push({ action: a.action, resource: fillArn(a.arnTemplate as string, region, account, slug) });
    }
    if (global.length > 0) {
      statements.push(
        allowStmt(
          global.map((a) => a.action),
          '*',
          { Sid: sid(service, 'List') },
        ),
      );
      for (const a of global) calls.push({ action: a.action, resource: null });
    }
  }
  // Applications rarely exercise every grant inside two weeks; keep most, drop a few.
  const used = calls.filter((_, i) => i === 0 || prng.chance(0.85));
  return { doc: policyDoc(...statements), calls: used };
}

function sid(service: string, suffix: string): string {
  return service.replace(/[^a-z0-9]/gi, '').replace(/^./, (c) => c.toUpperCase()) + suffix;
}
