import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism, loadavg } from 'node:os';
import { buildMatchIndex, matchName, matchNameNaive, parseOuiCsv } from '@portguard/core';
import { coveredReleaseForBench } from '../src/screening/covered-source.js';

// Real company names: every vendor in the IEEE MA-L registry (Debian ieee-data), plus covered-name variants.
const OUI = process.env.PORTGUARD_OUI ?? '/usr/share/ieee-data/oui.csv';
if (!existsSync(OUI)) {
  console.error(
    `bench:screen needs the IEEE registry at ${OUI} (apt-get install ieee-data, or set PORTGUARD_OUI)`,
  );
  process.exit(2);
}
const { registry } = parseOuiCsv(readFileSync(OUI, 'utf8'), OUI);
const vendorNames = [
  ...new Set([...registry.byLength.values()].flatMap((m) => [...m.values()].map((a) => a.organisation))),
];
const { release } = coveredReleaseForBench();
const variants = release.organisations.flatMap((o) => [
  o.legalName.toUpperCase(),
  `${o.aliases[0] ?? o.legalName} USA Inc.`,
]);
const names = [...vendorNames, ...variants];

const index = buildMatchIndex(release.organisations);
const target = Number(process.env.NAMES ?? 100_000);
const queries = Array.from({ length: target }, (_, i) => names[i % names.length]!);

/** Wall-clock rate, and the rate per CPU-second of this process (steadier when other jobs share the machine). */
function run(label: string, fn: (q: string) => unknown, n: number): { wall: number; cpu: number } {
  for (let i = 0; i < Math.min(2000, n); i++) fn(queries[i]!);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  let hits = 0;
  for (let i = 0; i < n; i++) if (fn(queries[i]!)) hits++;
  const s = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const cpuS = (cpu.user + cpu.system) / 1e6;
  const rate = n / s;
  const fmt = (x: number) => Math.round(x).toLocaleString('en-US');
  console.log(
    `  ${label.padEnd(28)} ${n.toLocaleString('en-US').padStart(8)} names in ${s.toFixed(2)} s = ${fmt(rate)} names/s wall, ${fmt(n / cpuS)} names per CPU-second (${hits} matches)`,
  );
  return { wall: rate, cpu: n / cpuS };
}

console.log(
  `bench:screen: ${names.length.toLocaleString('en-US')} distinct names (IEEE vendors + covered variants) against ${release.organisations.length} covered organisations, ${index.forms.length} name forms (list ${release.version})`,
);
const indexed = run('indexed matchName', (q) => matchName(index, q).match, target);
const naive = run(
  'naive all-pairs (baseline)',
  (q) => matchNameNaive(index, q),
  Math.min(target, Number(process.env.NAIVE_NAMES ?? 5_000)),
);
console.log(`  load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores`);
console.log(
  `  speed-up ${(indexed.wall / naive.wall).toFixed(1)}x; goal >= 50,000 names/s: ${indexed.wall >= 50_000 ? 'met' : 'not met'} on wall time, ${indexed.cpu >= 50_000 ? 'met' : 'not met'} per CPU-second`,
);
