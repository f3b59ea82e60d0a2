// Vitest globalSetup: Debian's Chromium for the browser tests, installed once before any test file runs (a
// fresh CI machine has none, and the install can outlast a test hook's timeout). Never a browser download.
// A failure here is not fatal to the other suites: the browser tests call ensureChromium() again and fail
// with the reason.
import { ensureChromium } from '../browser/harness.js';

export function setup(): void {
  try {
    ensureChromium();
  } catch (e) {
    process.stderr.write(`chromium setup: ${e instanceof Error ? e.message : String(e)}\n`);
  }
}
