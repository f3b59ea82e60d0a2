// Runs the CLI from source (no build step): `npx tsx scripts/dev.ts scan ...`.
import { main } from '../src/cli/main.js';

main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
});
