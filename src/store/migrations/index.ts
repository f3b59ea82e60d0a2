import { initial } from './0001-initial.js';
import { insights } from './0002-insights.js';
import { runs } from './0003-runs.js';
import { muteIndexes } from './0004-mute-indexes.js';
import { dataVersion } from './0005-data-version.js';
import type { StoreMigration } from './types.js';

/** Every migration, in order; add one file and one line here, never edit an applied one. */
export const MIGRATIONS: readonly StoreMigration[] = [initial, insights, runs, muteIndexes, dataVersion];
