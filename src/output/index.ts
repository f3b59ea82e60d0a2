export { formatCsv, csvSafe } from './csv.js';
export { formatJson } from './json.js';
export { formatSarif } from './sarif.js';
export { formatTable } from './table.js';
export { terminalSafe } from './terminal-safe.js';
