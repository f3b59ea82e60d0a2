import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateDemo } from '../../src/demo/generate.js';
import type { Explorer } from './harness.js';
import { scanIntoStore, screenshot, startExplorer, watchPage, workDir } from './harness.js';

// The explorer in real Chromium against a served demo organization: every Group by mode, a facet, search,
// a shared URL, the resource panel's four tabs, a detection's Fix in AWS link and policy, mute and unmute.
let ex: Explorer;
let page: Page;
let watch: ReturnType<typeof watchPage>;

beforeAll(async () => {
  const work = workDir('iamrisk-browser-');
  const manifest = await generateDemo({ outDir: path.join(work, 'demo'), principals: 150 });
  await scanIntoStore(path.join(work, 'demo'), path.join(work, 'iamrisk.db'), manifest.asOf);
  ex = await startExplorer(work, path.join(work, 'iamrisk.db'));
  page = await ex.browser.newPage({ viewport: { width: 1440, height: 900 } });
  watch = watchPage(page);
}, 600_000);

afterAll(async () => {
  // eslint-disable-next-line no-console -- the failure below is easier to read with what the page reported
  if (watch.errors.length || watch.csp.length) console.error(watch);
  expect(watch.errors).toEqual([]);
  expect(watch.csp).toEqual([]);
  await ex?.close();
});

const api = async <T>(p: string): Promise<T> => (await (await fetch(new URL(p, ex.url))).json()) as T;
const open = async (query = '') => {
  await page.goto(new URL(`/${query}`, ex.url).href);
  await page.waitForSelector('[data-testid="total"]:not(:has-text("…"))');
};
const totalShown = async () =>
  Number((await page.textContent('[data-testid="total"]'))?.replace(/[^\d]/g, ''));

describe('explorer list', () => {
  it('groups by Identity Risks by default, expandable to detections', async () => {
    await open();
    const groups = await api<{
      totalGroups: number;
      totalDetections: number;
      groups: { key: string; count: number }[];
    }>('/api/detections/groups?by=rule');
    await page.waitForSelector('[data-testid="group-row"]');
    expect(await totalShown()).toBe(groups.totalDetections);
    const first = groups.groups[0] as { key: string; count: number };
    const keys = await page.$$eval('[data-testid="group-row"]', (els) =>
      els.map((e) => e.getAttribute('data-group-key')),
    );
    expect(keys.slice(0, 3)).toEqual(groups.groups.slice(0, 3).map((g) => g.key));
    await page.click(`[data-testid="group-row"][data-group-key="${first.key}"]`);
    await page.waitForSelector('[data-testid="detection-row"]');
    expect(await page.locator('[data-testid="detection-row"]').count()).toBe(Math.min(first.count, 200));
    await screenshot(page, 'explorer-identity-risks');
  });

  it('groups by Resources and lists flat with None, keeping the mode in the URL', async () => {
    await page.click('[data-testid="group-resource"]');
    await page.waitForURL((u) => u.searchParams.get('group') === 'resource');
    const byResource = await api<{ groups: { key: string }[] }>('/api/detections/groups?by=resource&limit=1');
    await page.waitForSelector(`[data-testid="group-row"][data-group-key="${byResource.groups[0]?.key}"]`);
    await screenshot(page, 'explorer-resources');
    await page.click('[data-testid="group-none"]');
    await page.waitForSelector('[data-testid="detection-list"] [data-testid="detection-row"]');
    const flat = await api<{ total: number; items: { id: string }[] }>('/api/detections?limit=5');
    const ids = await page.$$eval('[data-testid="detection-row"]', (els) =>
      els.map((e) => e.getAttribute('data-detection-id')),
    );
    expect(ids.slice(0, 5)).toEqual(flat.items.map((i) => i.id));
    // Virtualized: far fewer rows in the DOM than detections.
    expect(ids.length).toBeLessThan(flat.total);
    await screenshot(page, 'explorer-flat');
  });

  it('filters by a facet and searches, and a shared URL restores the view', async () => {
    await open('?group=none');
    await page.click('[data-testid="facet-severity"] label:has-text("critical") input');
    await page.waitForURL((u) => u.searchParams.get('severity') === 'critical');
    const critical = await api<{ total: number }>('/api/detections?severity=critical&limit=1');
    await expect.poll(totalShown).toBe(critical.total);
    const sevs = await page.$$eval('[data-testid="detection-row"] .sev', (els) =>
      els.map((e) => e.textContent),
    );
    expect(new Set(sevs)).toEqual(new Set(['critical']));
    await screenshot(page, 'explorer-facet-critical');

    const target = await api<{ items: { resource: { name: string } }[] }>(
      '/api/detections?rule=privilege-escalation&limit=1',
    );
    const name = target.items[0]?.resource.name as string;
    await page.click('[data-testid="facet-severity"] label:has-text("critical") input');
    await page.fill('[data-testid="search"]', name);
    await page.waitForURL((u) => u.searchParams.get('q') === name);
    const found = await api<{ total: number }>(`/api/detections?search=${encodeURIComponent(name)}&limit=1`);
    await expect.poll(totalShown).toBe(found.total);
    const resources = await page.$$eval('[data-testid="resource-link"]', (els) =>
      els.map((e) => e.getAttribute('title')),
    );
    expect(resources.every((arn) => arn?.toLowerCase().includes(name.toLowerCase()))).toBe(true);
    await screenshot(page, 'explorer-search');

    // The view is in the URL: a fresh page on it shows the same thing.
    const shared = page.url();
    const other = await ex.browser.newPage();
    await other.goto(shared);
    await other.waitForSelector('[data-testid="detection-row"]');
    expect(await other.inputValue('[data-testid="search"]')).toBe(name);
    expect(await other.getAttribute('[data-testid="group-none"]', 'aria-checked')).toBe('true');
    await other.close();
  });
});

describe('resource panel', () => {
  let arn: string;
  beforeAll(async () => {
    const r = await api<{ items: { resource: { arn: string } }[] }>(
      '/api/detections?rule=privilege-escalation&limit=1',
    );
    arn = r.items[0]?.resource.arn as string;
  });

  it('Relationships: a graph with at-risk nodes and the escalation path to an administrator', async () => {
    await open(`?resource=${encodeURIComponent(arn)}`);
    await page.waitForSelector('[data-testid="tab-relationships-body"] canvas');
    const graph = await api<{
      nodes: { id: string; isOnPath: boolean; risk: string | null }[];
      path: unknown[];
    }>(`/api/resource/graph?arn=${encodeURIComponent(arn)}`);
    expect(graph.path?.length).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="graph-nodes"] li').count()).toBe(graph.nodes.length);
    expect(await page.locator('[data-testid="graph-nodes"] li[data-on-path="true"]').count()).toBe(
      graph.nodes.filter((n) => n.isOnPath).length,
    );
    expect(
      await page.locator('[data-testid="tab-relationships-body"] [data-testid="escalation-path"] li').count(),
    ).toBe(graph.path.length);
    await screenshot(page, 'resource-relationships');
  });

  it('Resource: its configuration, readable', async () => {
    await page.click('[data-testid="tab-resource"]');
    const config = await page.textContent('[data-testid="resource-config"]');
    expect(config).toContain(`"arn": "${arn}"`);
    expect(new URL(page.url()).searchParams.get('tab')).toBe('resource');
    await screenshot(page, 'resource-configuration');
  });

  it('Timeline: its risk history', async () => {
    await page.click('[data-testid="tab-timeline"]');
    await page.waitForSelector('[data-testid="tab-timeline-body"] li');
    expect(await page.textContent('[data-testid="tab-timeline-body"]')).toContain('privilege-escalation');
    await screenshot(page, 'resource-timeline');
  });

  it('Insights: granted permissions by service, expandable to actions with their status', async () => {
    await page.click('[data-testid="tab-insights"]');
    await page.waitForSelector('[data-testid="insight-service"]');
    const ins = await api<{ services: { service: string; granted: number }[] }>(
      `/api/resource/insights?arn=${encodeURIComponent(arn)}`,
    );
    expect(await page.locator('[data-testid="insight-service"]').count()).toBe(ins.services.length);
    const small =
      ins.services.find((s) => s.granted <= 50) ?? (ins.services[0] as { service: string; granted: number });
    await page.click(`[data-testid="insight-service"][data-service="${small.service}"] button`);
    await expect.poll(() => page.locator('[data-testid="insight-action"]').count()).toBe(small.granted);
    const statuses = await page.$$eval('[data-testid="insight-action"] .badge', (els) =>
      els.map((e) => e.textContent),
    );
    for (const s of statuses)
      expect(['used', 'denied', 'unused in the window', 'not observable']).toContain(s);
    await screenshot(page, 'resource-insights');
  });
});

describe('detection panel', () => {
  it('shows why, the Fix in AWS console link and the suggested policy with a copy button', async () => {
    const list = await api<{ items: { id: string }[] }>('/api/detections?rule=permissions-gap&limit=50');
    type Detail = {
      detection: {
        id: string;
        message: string;
        remediation: { consoleUrl: string; suggestedPolicy?: unknown };
      };
    };
    const details = await Promise.all(
      list.items.map((i) => api<Detail>(`/api/detections/${encodeURIComponent(i.id)}`)),
    );
    const withPolicy = details.find((x) => x.detection.remediation.suggestedPolicy);
    expect(withPolicy).toBeDefined();
    const d = (withPolicy as Detail).detection;
    await open(`?group=none&detection=${encodeURIComponent(d.id)}`);
    await page.waitForSelector('[data-testid="detection-panel"] [data-testid="fix-in-aws"]');
    expect(await page.textContent('[data-testid="detection-message"]')).toBe(d.message);
    const href = (await page.getAttribute('[data-testid="fix-in-aws"]', 'href')) as string;
    expect(href).toBe(new URL(d.remediation.consoleUrl).href);
    expect(new URL(href).hostname).toMatch(/(^|\.)console\.aws\.amazon\.com$/);
    expect(await page.getAttribute('[data-testid="fix-in-aws"]', 'rel')).toContain('noopener');
    const policy = await page.textContent('[data-testid="suggested-policy"]');
    expect(JSON.parse(policy as string)).toEqual(d.remediation.suggestedPolicy);
    expect(await page.isVisible('[data-testid="copy-policy"]')).toBe(true);
    await screenshot(page, 'detection-panel');
  });

  it('mutes with a reason, then unmutes', async () => {
    const id = new URL(page.url()).searchParams.get('detection') as string;
    await page.fill('[data-testid="mute-reason"]', 'accepted by the platform team');
    await page.click('[data-testid="mute"]');
    await page.waitForSelector('[data-testid="active-mute"]');
    expect(await page.textContent('[data-testid="detection-status"]')).toBe('muted');
    expect((await api<{ status: string }>(`/api/detections/${encodeURIComponent(id)}`)).status).toBe('muted');
    await screenshot(page, 'detection-muted');
    await page.click('[data-testid="unmute"]');
    await page.waitForSelector('[data-testid="mute-reason"]');
    expect(await page.textContent('[data-testid="detection-status"]')).toBe('open');
    const after = await api<{ status: string; mutes: unknown[] }>(
      `/api/detections/${encodeURIComponent(id)}`,
    );
    expect(after).toMatchObject({ status: 'open', mutes: [] });
  });
});
