import { scanCase } from './scan-case.js';

/** Full scan of a ~1,000-principal organization (no target of its own; the 10k case carries the PRODUCT targets). */
export const scan1k = scanCase('scan-1k', 1_000, {}, false);
