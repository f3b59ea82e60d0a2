/**
 * Turns an SDK response into the JSON the AWS CLI prints: dates as ISO-8601 strings, binary as base64,
 * no `$metadata`, no undefined fields. Field names stay exactly as AWS spells them.
 */
export function toCliJson(value: unknown): unknown {
  if (value instanceof Date) return value.toISOString();
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (Array.isArray(value)) return value.map(toCliJson);
  if (typeof value === 'object' && value !== null) {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) {
      if (k === '$metadata' || v === undefined) continue;
      out[k] = toCliJson(v);
    }
    return out;
  }
  return value;
}

const DOCUMENT_KEYS = new Set(['PolicyDocument', 'AssumeRolePolicyDocument', 'Document']);

/**
 * Decodes IAM's URL-encoded policy documents as the AWS CLI does. A document that does not decode to JSON
 * is kept as the string AWS sent (the reader reports it with the file and record).
 */
export function decodePolicyDocuments(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(decodePolicyDocuments);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = DOCUMENT_KEYS.has(k) && typeof v === 'string' ? decodeDocument(v) : decodePolicyDocuments(v);
  }
  return out;
}

function decodeDocument(text: string): unknown {
  for (const candidate of [() => decodeURIComponent(text), () => text]) {
    try {
      const parsed: unknown = JSON.parse(candidate());
      if (typeof parsed === 'object' && parsed !== null) return parsed;
    } catch {
      // not this form; try the next
    }
  }
  return text;
}
