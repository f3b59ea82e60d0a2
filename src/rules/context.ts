import type { Config } from '../model/config.js';
import type { Inventory } from '../model/inventory.js';
import type { Authz } from '../policy/types.js';
import type { UsageIndex } from '../usage/rollup.js';

/** What every rule's `evaluate` receives: pure data and pure queries, no I/O. */
export interface RuleContext {
  inventory: Inventory;
  /** "Now" for every time-based rule (`--as-of`). */
  asOf: Date;
  config: Config;
  authz: Authz;
  /** Account ids present in the IAM inputs (the scanned accounts). */
  scannedAccounts: Set<string>;
  /** Account ids of the organization, when organization data is present. */
  organizationAccounts: Set<string>;
  /**
   * CloudTrail usage rolled up over the window (`usageFromFiles(...).index`); absent when the inputs hold no
   * CloudTrail, and then rules that could use it behave as without it.
   */
  usage?: UsageIndex;
}
