import { describe, expect, it } from 'vitest';
import { isSeverity, severityRank } from './finding.js';

describe('severity', () => {
  it('ranks critical above info', () => {
    expect(severityRank('critical')).toBeGreaterThan(severityRank('high'));
    expect(severityRank('low')).toBeGreaterThan(severityRank('info'));
  });
  it('rejects unknown severities', () => {
    expect(isSeverity('high')).toBe(true);
    expect(isSeverity('urgent')).toBe(false);
  });
});
