import type { ConditionBlock, PolicyDocument, PrincipalBlock, Statement } from '../model/policy.js';
import type { Result } from './types.js';

type Issue = { code: string; message: string };

const STATEMENT_KEYS = new Set([
  'Sid',
  'Effect',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Principal',
  'NotPrincipal',
  'Condition',
]);

/**
 * Turns a policy document as found in AWS exports into the normalised model.
 * Accepts an object, a JSON string, or a URL-encoded JSON string (the raw API form of
 * `GetAccountAuthorizationDetails`). Errors come back as data, never thrown.
 *
 * @example parsePolicyDocument('%7B%22Version%22...') // { kind: 'ok', value: { statements: [...] } }
 */
export function parsePolicyDocument(raw: unknown): Result<PolicyDocument> {
  const decoded = decodeDocument(raw);
  if ('error' in decoded) return { kind: 'error', errors: [decoded.error] };
  const doc = decoded.value;
  if (!isRecord(doc)) return fail('policy.not-object', 'policy document is not a JSON object');
  const issues: Issue[] = [];
  const version = doc.Version === undefined ? null : typeof doc.Version === 'string' ? doc.Version : null;
  if (doc.Version !== undefined && typeof doc.Version !== 'string') {
    issues.push({ code: 'policy.invalid-version', message: 'Version must be a string' });
  }
  const rawStatements = doc.Statement;
  if (rawStatements === undefined) return fail('policy.no-statement', 'policy document has no Statement');
  const list = Array.isArray(rawStatements) ? rawStatements : [rawStatements];
  const statements: Statement[] = [];
  list.forEach((s, i) => {
    const parsed = parseStatement(s, i, issues);
    if (parsed) statements.push(parsed);
  });
  if (issues.length > 0) return { kind: 'error', errors: issues };
  return { kind: 'ok', value: { version, statements } };
}

function decodeDocument(raw: unknown): { value: unknown } | { error: Issue } {
  if (typeof raw !== 'string') return { value: raw };
  let text = raw.trim();
  if (text.startsWith('%7B') || text.startsWith('%7b') || (!text.startsWith('{') && text.includes('%'))) {
    try {
      text = decodeURIComponent(text);
    } catch {
      return { error: { code: 'policy.invalid-encoding', message: 'policy document is not valid URL encoding' } };
    }
  }
  try {
    return { value: JSON.parse(text) };
  } catch (e) {
    return {
      error: { code: 'policy.invalid-json', message: `policy document is not valid JSON (${(e as Error).message})` },
    };
  }
}

function parseStatement(s: unknown, i: number, issues: Issue[]): Statement | null {
  const at = `Statement[${i}]`;
  if (!isRecord(s)) {
    issues.push({ code: 'policy.statement-not-object', message: `${at} is not an object` });
    return null;
  }
  for (const key of Object.keys(s)) {
    if (!STATEMENT_KEYS.has(key)) issues.push({ code: 'policy.unknown-element', message: `${at} has unknown element ${key}` });
  }
  if (s.Effect !== 'Allow' && s.Effect !== 'Deny') {
    issues.push({ code: 'policy.invalid-effect', message: `${at}.Effect must be "Allow" or "Deny"` });
    return null;
  }
  const out: Statement = { sid: typeof s.Sid === 'string' ? s.Sid : null, effect: s.Effect };
  const lists: [keyof Statement & string, string][] = [
    ['action', 'Action'],
    ['notAction', 'NotAction'],
    ['resource', 'Resource'],
    ['notResource', 'NotResource'],
  ];
  for (const [field, key] of lists) {
    if (s[key] === undefined) continue;
    const values = stringList(s[key]);
    if (!values) {
      issues.push({ code: 'policy.invalid-list', message: `${at}.${key} must be a string or a list of strings` });
      continue;
    }
    (out as unknown as Record<string, string[]>)[field] = values;
  }
  if (out.action && out.notAction) {
    issues.push({ code: 'policy.action-and-notaction', message: `${at} has both Action and NotAction` });
  }
  if (!out.action && !out.notAction) {
    issues.push({ code: 'policy.no-action', message: `${at} has neither Action nor NotAction` });
  }
  if (out.resource && out.notResource) {
    issues.push({ code: 'policy.resource-and-notresource', message: `${at} has both Resource and NotResource` });
  }
  for (const key of ['Principal', 'NotPrincipal'] as const) {
    if (s[key] === undefined) continue;
    const p = principalBlock(s[key]);
    if (!p) issues.push({ code: 'policy.invalid-principal', message: `${at}.${key} is not a valid principal` });
    else if (key === 'Principal') out.principal = p;
    else out.notPrincipal = p;
  }
  if (s.Condition !== undefined) {
    const c = conditionBlock(s.Condition);
    if (!c) issues.push({ code: 'policy.invalid-condition', message: `${at}.Condition is not a valid condition block` });
    else out.condition = c;
  }
  return out;
}

function stringList(v: unknown): string[] | null {
  if (typeof v === 'string') return [v];
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v as string[];
  return null;
}

function principalBlock(v: unknown): PrincipalBlock | null {
  if (v === '*') return '*';
  if (!isRecord(v)) return null;
  const out: Record<string, string[]> = {};
  for (const [k, val] of Object.entries(v)) {
    const list = stringList(val);
    if (!list) return null;
    out[k] = list;
  }
  return out;
}

function conditionBlock(v: unknown): ConditionBlock | null {
  if (!isRecord(v)) return null;
  const out: ConditionBlock = {};
  for (const [op, keys] of Object.entries(v)) {
    if (!isRecord(keys)) return null;
    const inner: Record<string, string[]> = {};
    for (const [key, val] of Object.entries(keys)) {
      const values = (Array.isArray(val) ? val : [val]).map(scalarToString);
      if (values.some((x) => x === null)) return null;
      inner[key] = values as string[];
    }
    out[op] = inner;
  }
  return out;
}

// AWS accepts booleans and numbers in condition values and compares them as strings.
function scalarToString(v: unknown): string | null {
  if (typeof v === 'string') return v;
  if (typeof v === 'boolean' || typeof v === 'number') return String(v);
  return null;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(code: string, message: string): Result<PolicyDocument> {
  return { kind: 'error', errors: [{ code, message }] };
}
