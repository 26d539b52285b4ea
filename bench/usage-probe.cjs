// Peak-RSS fallback for machines without /usr/bin/time: the harness preloads this file into every
// node process of a measured command (npm, npx and the app itself, through NODE_OPTIONS); each one
// appends its own peak RSS in KB, and the harness takes the largest, as /usr/bin/time's %M would.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a --require preload is CommonJS
const { appendFileSync } = require('node:fs');

process.on('exit', () => {
  appendFileSync(process.env.BENCH_RSS_FILE, `${process.resourceUsage().maxRSS}\n`);
});
