/**
 * Exit codes, the contract CI pipelines rely on:
 * 0 — scan complete, nothing at or above `--fail-on`;
 * 1 — detections at or above `--fail-on` (takes precedence over 3);
 * 2 — usage error or fatal error (nothing was scanned);
 * 3 — scan completed but partial: some inputs or records could not be read.
 */
export const EXIT = { ok: 0, failOn: 1, error: 2, partial: 3 } as const;
