/**
 * npm run bench:evidence [-- --rows 5000000 --keep | --file conn.log] [--via-records] [--threads N]
 *
 * Generates a Zeek conn.log shaped like the committed samples (same 21 #fields, #types and header lines; a mix of
 * Modbus, EtherNet/IP, S7, BACnet, DNS, HTTPS, RDP and SSH flows among a few thousand hosts, some external) in a
 * temp dir, then parses and correlates it streaming, and prints rows/s and peak RSS beside `wc -l` and
 * `cut -f3,5` over the same file as the floor. It measures one thread (the baseline) and then two threads (a worker
 * folds the second half of the file, see evidence/parallel-conn.ts) on the same file; `--threads N` measures N only.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PerformanceObserver } from 'node:perf_hooks';
import { ObservationSet, assessExposure, correlate, emptyDataset, type Dataset } from '@portguard/core';
import { aComponent, aCrane, aTerminal } from '@portguard/core/testing';
import { readEvidenceFile } from '../src/evidence/read.js';

const arg = (name: string): string | undefined => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const rows = Number(arg('--rows') ?? 5_000_000);
const keep = process.argv.includes('--keep');
// Baseline for the fold fast path: every row built as a record and handed to ObservationSet.add.
const viaRecords = process.argv.includes('--via-records');
const threadsArg = arg('--threads');

const header = [
  '#separator \\x09',
  '#set_separator\t,',
  '#empty_field\t(empty)',
  '#unset_field\t-',
  '#path\tconn',
  '#open\t2026-11-26-00-00-00',
  '#fields\tts\tuid\tid.orig_h\tid.orig_p\tid.resp_h\tid.resp_p\tproto\tservice\tduration\torig_bytes\tresp_bytes\tconn_state\tlocal_orig\tlocal_resp\tmissed_bytes\thistory\torig_pkts\torig_ip_bytes\tresp_pkts\tresp_ip_bytes\ttunnel_parents',
  '#types\ttime\tstring\taddr\tport\taddr\tport\tenum\tstring\tinterval\tcount\tcount\tstring\tbool\tbool\tcount\tstring\tcount\tcount\tcount\tcount\tset[string]',
].join('\n');

// [port, proto, service, history, state] as in the ICS samples.
const shapes: readonly (readonly [number, string, string, string, string])[] = [
  [502, 'tcp', 'modbus', 'ShADadFf', 'SF'],
  [44818, 'tcp', 'enip', 'ShADadfF', 'SF'],
  [2222, 'udp', '-', 'D', 'S0'],
  [102, 'tcp', 's7comm', 'ShADadFf', 'SF'],
  [47808, 'udp', 'bacnet', 'Dd', 'SF'],
  [53, 'udp', 'dns', 'Dd', 'SF'],
  [443, 'tcp', 'ssl', 'ShADadFf', 'SF'],
  [3389, 'tcp', '-', 'ShAdDaFf', 'SF'],
  [22, 'tcp', 'ssh', 'ShAdDaFf', 'SF'],
  [20000, 'tcp', 'dnp3', 'ShADadFf', 'SF'],
];

function generate(file: string, n: number): void {
  const fd = openSync(file, 'w');
  writeSync(fd, `${header}\n`);
  // mulberry32: fixed seed, so every run reads the same file.
  let seed = 12345;
  const rnd = (m: number) => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) % m;
  };
  let buf: string[] = [];
  let ts = 1_764_115_200;
  for (let i = 0; i < n; i++) {
    ts += rnd(1000) / 100_000;
    const shape = shapes[rnd(shapes.length)] as (typeof shapes)[number];
    // ~2,000 clients each talk to a few servers of the protocol's pool, as on a real OT network.
    const client = rnd(2000);
    const src = `10.${client % 4}.${(client >> 2) % 16}.${100 + (client % 120)}`;
    const server = (client + rnd(3)) % 40;
    // One flow in twenty leaves the site, to a small pool of external peers.
    const dst = rnd(20) === 0 ? `203.0.113.${rnd(16)}` : `10.${server % 4}.${server % 16}.${1 + server}`;
    const uid = `C${(i * 2654435761).toString(36).padStart(12, 'x')}${rnd(1_000_000).toString(36)}`;
    const ob = rnd(4000);
    const rb = rnd(8000);
    const op = 2 + rnd(40);
    const rp = 2 + rnd(40);
    buf.push(
      `${ts.toFixed(6)}\t${uid}\t${src}\t${1024 + rnd(60000)}\t${dst}\t${shape[0]}\t${shape[1]}\t${shape[2]}\t${(rnd(100000) / 1000).toFixed(6)}\t${ob}\t${rb}\t${shape[4]}\tT\t${dst.startsWith('10.') ? 'T' : 'F'}\t0\t${shape[3]}\t${op}\t${ob + 40 * op}\t${rp}\t${rb + 40 * rp}\t-`,
    );
    if (buf.length === 50_000) {
      writeSync(fd, `${buf.join('\n')}\n`);
      buf = [];
    }
  }
  if (buf.length > 0) writeSync(fd, `${buf.join('\n')}\n`);
  writeSync(fd, '#close\t2026-11-26-23-59-59\n');
  closeSync(fd);
}

function timeShell(cmd: string): number {
  const t0 = performance.now();
  const r = spawnSync('sh', ['-c', cmd], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} failed`);
  return (performance.now() - t0) / 1000;
}

function inventory(): Dataset {
  const t = aTerminal();
  const crane = aCrane(t.id);
  const components = Array.from({ length: 200 }, (_, i) =>
    aComponent(crane.id, {
      kind: 'plc',
      network: { ips: [`10.${i % 4}.${i % 16}.${1 + (i % 40)}`], macs: [], imeis: [] },
    }),
  );
  return { ...emptyDataset(), facilities: [t], assets: [crane], components };
}

/** Seconds the main thread spent ready to run but waiting for a CPU (Linux schedstat); NaN elsewhere. */
function runQueueWaitS(): number {
  try {
    return Number(readFileSync('/proc/thread-self/schedstat', 'utf8').split(' ')[1]) / 1e9;
  } catch {
    return Number.NaN;
  }
}

/** The measured half, run in a child process so that its peak RSS is not the generator's. */
async function measure(file: string, threads: number): Promise<void> {
  const obs = new ObservationSet();
  let gcMs = 0;
  const gc = new PerformanceObserver((list) => {
    for (const e of list.getEntries()) gcMs += e.duration;
  });
  gc.observe({ entryTypes: ['gc'] });
  const ru0 = process.resourceUsage();
  const waiting0 = runQueueWaitS();
  const cpu0 = process.cpuUsage();
  let t0 = performance.now();
  const res = await readEvidenceFile(
    file,
    viaRecords ? { onRecord: (r) => obs.add(r, path.basename(file)) } : { observations: obs, threads },
  );
  const parseS = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const ru = process.resourceUsage();
  const waiting = runQueueWaitS() - waiting0;
  gc.disconnect();
  t0 = performance.now();
  const dataset = inventory();
  const corr = correlate(obs, dataset);
  const report = assessExposure(obs, corr, dataset);
  const correlateS = (performance.now() - t0) / 1000;
  const cpuAll = process.cpuUsage(cpu0);
  process.stdout.write(
    JSON.stringify({
      records: res.records,
      parseS,
      parseCpuS: (cpu.user + cpu.system) / 1e6,
      correlateS,
      totalCpuS: (cpuAll.user + cpuAll.system) / 1e6,
      peakMb: process.resourceUsage().maxRSS / 1024,
      gcS: gcMs / 1000,
      preempted: ru.involuntaryContextSwitches - ru0.involuntaryContextSwitches,
      waited: ru.voluntaryContextSwitches - ru0.voluntaryContextSwitches,
      runQueueS: waiting,
      devices: obs.devices.size,
      conversations: obs.flows.size,
      findings: report.findings.length,
    }),
  );
}

interface Measured {
  records: number;
  parseS: number;
  parseCpuS: number;
  correlateS: number;
  totalCpuS: number;
  peakMb: number;
  devices: number;
  conversations: number;
  findings: number;
  gcS: number;
  preempted: number;
  waited: number;
  runQueueS: number;
}

if (arg('--measure') !== undefined) {
  await measure(arg('--measure') as string, Number(threadsArg ?? 1));
} else {
  const given = arg('--file');
  const dir =
    given === undefined ? mkdtempSync(path.join(tmpdir(), 'portguard-bench-evidence-')) : path.dirname(given);
  const file = given ?? path.join(dir, 'conn.log');
  try {
    if (given === undefined) {
      const t0 = performance.now();
      generate(file, rows);
      console.log(
        `generated ${rows.toLocaleString()} rows, ${(statSync(file).size / 1e6).toFixed(0)} MB in ${((performance.now() - t0) / 1000).toFixed(1)} s → ${file}`,
      );
    }
    const lines = Number(
      spawnSync('sh', ['-c', `grep -vc '^#' '${file}'`], { encoding: 'utf8' }).stdout.trim(),
    );
    const wcS = timeShell(`wc -l '${file}' > /dev/null`);
    const cutS = timeShell(`cut -f3,5 '${file}' > /dev/null`);
    const rate = (s: number) => `${Math.round(lines / s).toLocaleString()} rows/s`;
    console.log(`rows                       ${lines.toLocaleString()}`);
    console.log(`floor  wc -l               ${wcS.toFixed(2)} s  ${rate(wcS)}`);
    console.log(`floor  cut -f3,5           ${cutS.toFixed(2)} s  ${rate(cutS)}`);
    const runs = threadsArg !== undefined ? [Number(threadsArg)] : viaRecords ? [1] : [1, 2];
    const results: { threads: number; m: Measured }[] = [];
    for (const threads of runs) {
      const child = spawnSync(
        process.execPath,
        [
          ...process.execArgv,
          fileURLToPath(import.meta.url),
          '--measure',
          file,
          '--threads',
          String(threads),
          ...(viaRecords ? ['--via-records'] : []),
        ],
        {
          encoding: 'utf8',
          stdio: ['ignore', 'pipe', 'inherit'],
          maxBuffer: 1024 * 1024,
        },
      );
      if (child.status !== 0) throw new Error(`measuring child failed with ${child.status}`);
      const m = JSON.parse(child.stdout) as Measured;
      if (m.records !== lines) throw new Error(`parsed ${m.records} records, the file has ${lines} rows`);
      results.push({ threads, m });
      const label = `${threads} thread${threads === 1 ? ' ' : 's'}${threads === 1 && runs.length > 1 ? ' (baseline)' : ''}`;
      console.log(`— ${label}`);
      console.log(
        `parse + fold (streaming)   ${m.parseS.toFixed(2)} s  ${rate(m.parseS)}  (CPU ${m.parseCpuS.toFixed(2)} s: ${rate(m.parseCpuS)})`,
      );
      console.log(
        `  wall − CPU ${(m.parseS - m.parseCpuS).toFixed(2)} s: ${m.runQueueS.toFixed(2)} s ready but waiting for a CPU (main thread); preempted ${m.preempted.toLocaleString()} times by other processes, waited ${m.waited.toLocaleString()} times (reads, GC helpers, workers); GC pauses ${m.gcS.toFixed(2)} s`,
      );
      console.log(
        `correlate + exposure       ${m.correlateS.toFixed(2)} s  (${m.devices} devices, ${m.conversations} conversations, ${m.findings} findings)`,
      );
      const total = m.parseS + m.correlateS;
      console.log(
        `parse + correlate total    ${total.toFixed(2)} s  ${rate(total)} wall, ${rate(m.totalCpuS)} CPU  (target ≥ 500,000 rows/s)`,
      );
      console.log(`peak RSS (parse process)   ${m.peakMb.toFixed(0)} MB  (target < 500 MB)`);
      console.log(
        lines / total >= 500_000 && m.peakMb < 500
          ? 'PASS'
          : lines / m.totalCpuS >= 500_000 && m.peakMb < 500
            ? 'PASS on CPU time only (machine loaded)'
            : 'BELOW TARGET',
      );
    }
    const [one, two] = results;
    if (one !== undefined && two !== undefined && one.threads === 1)
      console.log(
        `2 threads vs 1: parse + fold wall ${(one.m.parseS / two.m.parseS).toFixed(2)}×, same conversations: ${one.m.conversations === two.m.conversations && one.m.devices === two.m.devices && one.m.findings === two.m.findings}`,
      );
    console.log(
      `load average               ${loadavg()
        .map((x) => x.toFixed(1))
        .join(' ')} on ${availableParallelism()} CPUs`,
    );
  } finally {
    if (keep || given !== undefined) console.log(`kept ${file}`);
    else rmSync(dir, { recursive: true, force: true });
  }
}
