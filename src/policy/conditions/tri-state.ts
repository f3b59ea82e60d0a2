/** Three-valued truth: `unknown` when the answer depends on a condition key unknown at scan time. */
export type Tri = 'true' | 'false' | 'unknown';

/** Kleene AND: false wins, then unknown. */
export function and3(a: Tri, b: Tri): Tri {
  if (a === 'false' || b === 'false') return 'false';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return 'true';
}

/** Kleene OR: true wins, then unknown. */
export function or3(a: Tri, b: Tri): Tri {
  if (a === 'true' || b === 'true') return 'true';
  if (a === 'unknown' || b === 'unknown') return 'unknown';
  return 'false';
}

/** Kleene NOT. */
export function not3(a: Tri): Tri {
  return a === 'true' ? 'false' : a === 'false' ? 'true' : 'unknown';
}
