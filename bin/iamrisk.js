#!/usr/bin/env node
// Entry point of the published command: runs the compiled CLI (npm ci / npm run build produce dist/).
import { main } from '../dist/cli/main.js';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    console.error(`iamrisk: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  },
);
