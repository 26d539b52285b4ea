// Fallback for machines without /usr/bin/time: the harness preloads this file into every node
// process of a measured command (npm, npx and the app itself, through NODE_OPTIONS); each one
// appends its peak RSS in KB and its user and system CPU in seconds, the line GNU time would write.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- a --require preload is CommonJS
const { appendFileSync } = require('node:fs');

process.on('exit', () => {
  const { maxRSS, userCPUTime, systemCPUTime } = process.resourceUsage();
  appendFileSync(process.env.BENCH_USAGE_FILE, `${maxRSS} ${userCPUTime / 1e6} ${systemCPUTime / 1e6}\n`);
});
