// The DuckDB peer of `cloudtrail-usage` in a process of its own (started by cloudtrail-usage.ts), on the same
// footing as iamrisk's: a fresh process whose peak RSS is DuckDB's alone. Prints its figures as one JSON line
// ("null" when DuckDB is not installed) and writes the aggregate's text rows to the file it is given.
import { writeFileSync } from 'node:fs';
import { duckDbPeer } from './cloudtrail-duckdb.js';

const [glob = '', events = '0', rowsFile = ''] = process.argv.slice(2);
const peer = await duckDbPeer(glob, Number(events));
if (peer === null) {
  console.log('null');
} else {
  writeFileSync(rowsFile, (await peer.sample()).join('\n'));
  const { rate, rows, peakMiB, bareRate } = peer;
  console.log(JSON.stringify({ rate, rows, peakMiB, bareRate }));
}
