import type { Scenario } from './arbitraries.js';

/**
 * Deliberate differences from iam-simulate, each documented in docs/policy-evaluator.md. A disagreement is
 * accepted only when one of these predicates holds for the scenario; any other disagreement fails the test.
 */
export interface KnownDifference {
  id: string;
  applies(s: Scenario): boolean;
}

function statements(s: Scenario): Record<string, unknown>[] {
  return [...s.identity, ...(s.boundary ? [s.boundary] : []), ...s.scps.flat()].flatMap((p) => p.Statement);
}

function variableKeys(pattern: string): string[] {
  return [...pattern.matchAll(/\$\{([^},]+)[^}]*\}/g)].map((m) => (m[1] as string).trim().toLowerCase());
}

function isAbsent(s: Scenario, key: string): boolean {
  return !Object.keys(s.context).some((k) => k.toLowerCase() === key);
}

function conditionEntries(s: Scenario): [string, string, string[]][] {
  return statements(s).flatMap((st) =>
    Object.entries((st.Condition ?? {}) as Record<string, Record<string, string[]>>).flatMap(([op, keys]) =>
      Object.entries(keys).map(([key, values]): [string, string, string[]] => [op, key, values]),
    ),
  );
}

export const KNOWN_DIFFERENCES: KnownDifference[] = [
  {
    // A date given as whole epoch seconds: iam-simulate compares it as seconds against ISO dates parsed to
    // milliseconds; we convert seconds to milliseconds (IAM User Guide, "Date condition operators":
    // values may be in W3C ISO 8601 formats or in epoch (UNIX) time).
    id: 'date-epoch-seconds',
    applies: (s) =>
      conditionEntries(s).some(([op, , values]) => /date/i.test(op) && values.some((v) => /^\d+$/.test(v))),
  },
  {
    // We treat a NotResource element holding a pattern with an unresolvable variable as making the whole
    // statement inapplicable; iam-simulate decides per ARN field (it inverts a mismatch found before the
    // variable is reached).
    id: 'notresource-unresolvable-variable',
    applies: (s) =>
      statements(s).some(
        (st) =>
          Array.isArray(st.NotResource) &&
          (st.NotResource as string[]).some((p) => variableKeys(p).some((k) => isAbsent(s, k))),
      ),
  },
];
