import type { ManifestEntry } from './types.js';
import type { AccountBuilder } from './builder.js';

/** A manifest entry: the rule, the resource's ARN and a sentence on why it is there. */
export function entry(rule: string, resourceArn: string, note: string): ManifestEntry {
  return { rule, resourceArn, note };
}

/** The account builders of the demo organization, by account name (`prod`, `dev`, …). */
export type Builders = Record<
  'management' | 'security' | 'shared-services' | 'prod' | 'staging' | 'dev' | 'sandbox',
  AccountBuilder
>;
