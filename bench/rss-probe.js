// Preloaded into every Node process of a measured command (NODE_OPTIONS=--require):
// at exit, appends "<pid> <peak RSS KiB>" to the file named by BENCH_RSS_FILE.
'use strict';
const fs = require('fs');
const file = process.env.BENCH_RSS_FILE;
if (file) {
  process.on('exit', () => {
    try {
      fs.appendFileSync(file, `${process.pid} ${process.resourceUsage().maxRSS}\n`);
    } catch {
      // the measurement is best effort; never fail the measured program
    }
  });
}
