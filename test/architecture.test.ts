import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './shared-data.js';

// Imports point one way (STYLE.md): model ← policy ← privesc/usage ← rules ← scan ← store ← server ← cli.
// ingest reads formats into model objects (and uses policy/ to parse documents); output renders results.
const ALLOWED: Record<string, string[]> = {
  model: [],
  policy: ['model'],
  ingest: ['model', 'policy'],
  usage: ['model', 'policy', 'ingest'],
  privesc: ['model', 'policy'],
  rules: ['model', 'policy', 'privesc', 'usage'],
  demo: ['model', 'policy'],
  scan: ['model', 'policy', 'ingest', 'usage', 'privesc', 'rules'],
  output: ['model'],
  store: ['model', 'policy', 'rules', 'scan'],
  server: ['model', 'policy', 'rules', 'scan', 'store', 'output'],
  cli: [
    'model',
    'policy',
    'ingest',
    'usage',
    'privesc',
    'rules',
    'scan',
    'store',
    'server',
    'output',
    'demo',
  ],
};

// AGPL packages may serve as test oracles only; never ship them (DEVELOPERS.md).
const FORBIDDEN_PACKAGES = [
  '@cloud-copilot/iam-simulate',
  '@cloud-copilot/iam-expand',
  '@cloud-copilot/iam-policy',
  '@cloud-copilot/iam-utils',
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sourceFiles(full);
    return /\.tsx?$/.test(name) ? [full] : [];
  });
}

const SRC = path.join(REPO_ROOT, 'src');
const files = sourceFiles(SRC);
const importRe = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;

function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(importRe)].map((m) => (m[1] ?? m[2]) as string);
}

function layerOf(file: string): string {
  return path.relative(SRC, file).split(path.sep)[0] as string;
}

describe('architecture', () => {
  it('knows every top-level folder of src/', () => {
    const layers = new Set(files.map(layerOf));
    for (const layer of layers) expect(Object.keys(ALLOWED), `unknown layer src/${layer}`).toContain(layer);
  });

  it('imports point one way between layers', () => {
    const violations: string[] = [];
    for (const file of files) {
      if (/\.test\.tsx?$/.test(file) || file.includes(`${path.sep}test-utils${path.sep}`)) continue;
      const from = layerOf(file);
      for (const spec of importsOf(file)) {
        if (!spec.startsWith('.')) continue;
        const to = layerOf(path.resolve(path.dirname(file), spec));
        if (to !== from && !(ALLOWED[from] ?? []).includes(to)) {
          violations.push(`${path.relative(REPO_ROOT, file)} imports ${spec} (${from} → ${to})`);
        }
      }
    }
    expect(violations).toEqual([]);
  });

  it('never ships an AGPL package in non-test code', () => {
    const violations = files
      .filter((f) => !/\.test\.tsx?$/.test(f))
      .flatMap((f) =>
        importsOf(f)
          .filter((s) => FORBIDDEN_PACKAGES.some((p) => s.startsWith(p)))
          .map((s) => `${f}: ${s}`),
      );
    expect(violations).toEqual([]);
  });
});
