import pc from 'picocolors';
import type { Detection, Severity } from '../model/finding.js';
import { SEVERITIES } from '../model/finding.js';
import type { ScanResult } from '../model/scan.js';
import { terminalSafe } from './terminal-safe.js';

type Paint = (s: string) => string;

const SEVERITY_PAINT: Record<Severity, (c: ReturnType<typeof pc.createColors>) => Paint> = {
  critical: (c) => (s) => c.bold(c.magenta(s)),
  high: (c) => c.red,
  medium: (c) => c.yellow,
  low: (c) => c.cyan,
  info: (c) => c.gray,
};

/**
 * Human-readable report: detections grouped by severity (most severe first), one line each (at most
 * `perSeverity` per severity when given), then input problems and skipped rules. Colour only when asked (a TTY); every AWS-sourced string is made terminal-safe.
 */
export function formatTable(result: ScanResult, opts: { color: boolean; perSeverity?: number }): string {
  const c = pc.createColors(opts.color);
  const lines: string[] = [];
  const bySeverity = new Map<Severity, Detection[]>();
  for (const d of result.detections) {
    const list = bySeverity.get(d.severity) ?? [];
    list.push(d);
    bySeverity.set(d.severity, list);
  }
  for (const severity of SEVERITIES) {
    const list = bySeverity.get(severity);
    if (!list?.length) continue;
    const paint = SEVERITY_PAINT[severity](c);
    lines.push(paint(`${severity.toUpperCase()} (${list.length})`));
    const shown = opts.perSeverity === undefined ? list : list.slice(0, opts.perSeverity);
    for (const d of shown) {
      lines.push(`  ${paint(pad(d.rule, 26))} ${terminalSafe(d.resource.arn)}`);
      lines.push(`  ${' '.repeat(26)} ${c.dim(terminalSafe(d.message))}`);
    }
    if (shown.length < list.length)
      lines.push(c.dim(`  … and ${list.length - shown.length} more ${severity}`));
    lines.push('');
  }
  if (result.detections.length === 0) lines.push(c.green('No identity risks detected.'), '');
  const errors = result.inputs.flatMap((i) => i.errors);
  if (errors.length > 0) {
    lines.push(c.yellow(`Input problems (${errors.length}) — the scan is partial:`));
    for (const e of errors.slice(0, 50)) lines.push(`  ${terminalSafe(e.where)}: ${terminalSafe(e.reason)}`);
    if (errors.length > 50) lines.push(`  … and ${errors.length - 50} more (see --format json)`);
    lines.push('');
  }
  if (result.summary.skippedRules.length > 0) {
    lines.push(
      c.dim(`Rules not run: ${result.summary.skippedRules.map((s) => `${s.rule} (${s.reason})`).join(', ')}`),
    );
  }
  const counts = SEVERITIES.map((s) => `${result.summary.bySeverity[s]} ${s}`).join(', ');
  lines.push(
    `${c.bold(String(result.summary.detections))} detections (${counts}) across ${result.identities.length} identities` +
      ` from ${result.inputs.length} input files, as of ${result.asOf}.`,
  );
  return lines.join('\n') + '\n';
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}
