import type { PolicyDocument } from '../model/policy.js';
import { parsePolicyDocument } from '../policy/parse.js';
import { label } from './fields.js';

/**
 * Parses a policy document found in an export, turning parser errors into one reason sentence
 * (`policy document of role X: Statement[0].Effect must be "Allow" or "Deny"`).
 */
export function readPolicyDocument(
  raw: unknown,
  what: string,
): { ok: true; document: PolicyDocument } | { ok: false; reason: string } {
  if (raw === undefined || raw === null)
    return { ok: false, reason: `policy document of ${label(what)} is missing` };
  const parsed = parsePolicyDocument(raw);
  if (parsed.kind === 'ok') return { ok: true, document: parsed.value };
  const first = parsed.errors.slice(0, 3).map((e) => e.message);
  const more = parsed.errors.length > 3 ? ` (and ${parsed.errors.length - 3} more)` : '';
  return { ok: false, reason: `policy document of ${label(what)}: ${first.join('; ')}${more}` };
}
