// Regenerates data/national-dataset.json and data/covered-list.json from data/sources/ (deterministic).
// Usage: npm run dataset:build [-- --zpmc-share 0.78 --out /tmp/scenario-b.json]
import { parseArgs } from 'node:util';
import { formatBuildReport, writeBundledFiles } from '../src/dataset/build.js';

const { values } = parseArgs({
  options: {
    'zpmc-share': { type: 'string' },
    out: { type: 'string' },
    'covered-list-out': { type: 'string' },
  },
});
const share = values['zpmc-share'] === undefined ? undefined : Number(values['zpmc-share']);
if (share !== undefined && !(share >= 0 && share <= 1)) {
  process.stderr.write(`--zpmc-share: expected a number between 0 and 1, got "${values['zpmc-share']}"\n`);
  process.exit(2);
}
const result = writeBundledFiles({
  ...(share === undefined ? {} : { zpmcShare: share }),
  ...(values.out === undefined ? {} : { out: values.out }),
  ...(values['covered-list-out'] === undefined ? {} : { coveredListOut: values['covered-list-out'] }),
});
process.stdout.write(formatBuildReport(result));
process.stdout.write(`wrote ${result.written.join(', ')}\n`);
