import { scanCase } from './scan-case.js';

/** Full scan of a ~10,000-principal organization; PRODUCT targets: under 30 s and 2 GB. */
export const scan10k = scanCase('scan-10k', 10_000, { seconds: 30, rssMb: 2048 }, true);
