import { z } from 'zod';
import type { NamedPolicy, PolicyDocument } from '../model/policy.js';
import { parseOperatorName } from './conditions/operator-name.js';
import { evaluateRequest } from './evaluate.js';
import { parsePolicyDocument } from './parse.js';
import type { AuthzRequest, Decision, PolicySet, Result } from './types.js';

type Issue = { code: string; message: string };

const contextValue = z.union([z.string(), z.array(z.string())]);

/** The input `simulate` accepts: a request plus raw AWS policy documents (objects or JSON strings). */
export const simulationInputSchema = z.object({
  request: z.object({
    principalArn: z.string().min(1),
    action: z.string().regex(/^[A-Za-z0-9-]+:[A-Za-z0-9*?]+$/, 'action must look like service:Action'),
    resource: z.string().min(1),
    context: z.record(z.string(), contextValue).optional(),
    resourceAccountId: z.string().nullable().optional(),
  }),
  identityPolicies: z.array(z.unknown()).default([]),
  scps: z.array(z.array(z.unknown())).optional(),
  boundary: z.unknown().optional(),
  resourcePolicy: z.unknown().optional(),
  missingKeys: z.enum(['absent', 'unknown']).optional(),
});

/** Input of `simulate`, as written in the JSON case files. */
export type SimulationInput = z.input<typeof simulationInputSchema>;

/**
 * Validating wrapper around `evaluateRequest`: checks the request shape, parses every raw policy document
 * and rejects unknown condition operators, returning errors as data (never throws).
 *
 * @example simulate({ request: { principalArn, action: 's3:GetObject', resource }, identityPolicies: [doc] })
 */
export function simulate(input: unknown): Result<Decision> {
  const shape = simulationInputSchema.safeParse(input);
  if (!shape.success) {
    return {
      kind: 'error',
      errors: shape.error.issues.map((i) => ({
        code: 'simulate.invalid-input',
        message: `${i.path.join('.')}: ${i.message}`,
      })),
    };
  }
  const data = shape.data;
  const issues: Issue[] = [];
  const named = (raw: unknown, id: string, kind: NamedPolicy['kind']): NamedPolicy | null => {
    const parsed = parsePolicyDocument(raw);
    if (parsed.kind === 'error') {
      issues.push(...parsed.errors.map((e) => ({ code: e.code, message: `${id}: ${e.message}` })));
      return null;
    }
    checkOperators(parsed.value, id, issues);
    return { id, name: id, kind, document: parsed.value };
  };
  const identity = data.identityPolicies.map((raw, i) => named(raw, `identity[${i}]`, 'inline'));
  const scps = (data.scps ?? []).map((level, l) =>
    level.map((raw, i) => named(raw, `scp[${l}][${i}]`, 'scp')),
  );
  const boundary =
    data.boundary === undefined || data.boundary === null
      ? null
      : named(data.boundary, 'boundary', 'boundary');
  const resource =
    data.resourcePolicy === undefined || data.resourcePolicy === null
      ? null
      : named(data.resourcePolicy, 'resource', 'resource');
  if (issues.length > 0) return { kind: 'error', errors: issues };
  const set: PolicySet = {
    identity: identity as NamedPolicy[],
    scps: scps as NamedPolicy[][],
    boundary,
    resource,
  };
  const req: AuthzRequest = {
    principalArn: data.request.principalArn,
    action: data.request.action,
    resource: data.request.resource,
    resourceAccountId: data.request.resourceAccountId ?? null,
    context: { values: data.request.context ?? {}, missingKeys: data.missingKeys ?? 'absent' },
  };
  return { kind: 'ok', value: evaluateRequest(req, set) };
}

function checkOperators(doc: PolicyDocument, id: string, issues: Issue[]): void {
  doc.statements.forEach((st, i) => {
    for (const op of Object.keys(st.condition ?? {})) {
      if (parseOperatorName(op) === null) {
        issues.push({
          code: 'policy.unknown-operator',
          message: `${id}: Statement[${i}] uses unknown condition operator ${JSON.stringify(op)}`,
        });
      }
    }
  });
}
