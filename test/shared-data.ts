import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Repository root. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** `../shared/data` beside the checkout (read-only third-party data sets; see its README). */
export const SHARED_DATA = process.env.IAMRISK_SHARED_DATA ?? path.resolve(REPO_ROOT, '../shared/data');
