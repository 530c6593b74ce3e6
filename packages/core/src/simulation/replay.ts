import { DateMode, NEVER, type CompiledPlan, type CompiledProblem } from './compile.js';
import type { RunDraws } from './draws.js';
import { triangular } from './rng.js';

/** National measures per run, in this order in every result array. */
export const NATIONAL_MEASURES = [
  'teuLost',
  'weeksBelowDemand',
  'completionPeriod',
  'spendCents',
  'riskExposure',
] as const;
export type NationalMeasure = (typeof NATIONAL_MEASURES)[number];
/** Per-terminal measures per run. */
export const TERMINAL_MEASURES = ['teuLost', 'weeksBelowDemand'] as const;
export type TerminalMeasure = (typeof TERMINAL_MEASURES)[number];
/** National values per period and run (for fan charts). */
export const PERIOD_SERIES = ['shortfallTeu', 'riskRemaining'] as const;
export type PeriodSeries = (typeof PERIOD_SERIES)[number];

/** The realised dates of a plan's replacements in one run. */
export interface RealizedDates {
  readonly contract: Int32Array;
  readonly arrival: Int32Array;
  readonly inService: Int32Array;
  readonly retire: Int32Array;
}

/**
 * Replays plans against drawn events (the frozen-plan rule, see docs/design/simulation.md):
 * - money: a cut year funds contracts in contract order until its reduced budget is used; the rest wait
 *   for the next fiscal year, ahead of that year's own contracts; prorate defers every contract of the year;
 * - arrival = new contract + max(planned lead, drawn lead) + shipping delay + supplier slip, then stretched
 *   by 1 / (1 - share) after a supplier's capacity loss (never, when the share is 1);
 * - in service = arrival + max(planned commissioning, drawn commissioning) + commissioning slip;
 * - the old crane is retired as the plan tied it: if the plan retired it at or after the new crane's
 *   in-service date, the same time after the new in-service date; otherwise the same time relative to arrival.
 * Buffers are sized for the largest plan and reused across runs.
 */
export class Replayer {
  private readonly P: number;
  private readonly T: number;
  private readonly P1: number;
  private readonly dNew: Int32Array;
  private readonly dRet: Int32Array;
  private readonly dOut: Int32Array;
  private readonly dRisk: Float64Array;
  private readonly below: Uint8Array;
  private readonly shortByPeriod: Float64Array;
  private readonly riskByPeriod: Float64Array;
  private readonly disableK: Float64Array;
  private dates: {
    contract: Int32Array;
    arrival: Int32Array;
    inService: Int32Array;
    retire: Int32Array;
    cost: Float64Array;
  };
  private queue: Int32Array;

  constructor(private readonly cp: CompiledProblem) {
    this.P = cp.periods;
    this.T = cp.terminalIds.length;
    this.P1 = this.P + 1;
    const size = this.T * this.P1;
    this.dNew = new Int32Array(size);
    this.dRet = new Int32Array(size);
    this.dOut = new Int32Array(size);
    this.dRisk = new Float64Array(size);
    this.below = new Uint8Array(this.P);
    this.shortByPeriod = new Float64Array(this.P);
    this.riskByPeriod = new Float64Array(this.P);
    this.disableK = new Float64Array(cp.scenario.disable.length);
    this.dates = this.allocate(cp.craneIds.length);
    this.queue = new Int32Array(cp.craneIds.length);
  }

  private allocate(n: number) {
    return {
      contract: new Int32Array(n),
      arrival: new Int32Array(n),
      inService: new Int32Array(n),
      retire: new Int32Array(n),
      cost: new Float64Array(n),
    };
  }

  /** The plan's dates in this run (a view on internal buffers, valid until the next call). */
  realize(plan: CompiledPlan, d: RunDraws): RealizedDates {
    const cp = this.cp;
    const sc = cp.scenario;
    if (this.dates.contract.length < plan.count) this.dates = this.allocate(plan.count);
    if (this.queue.length < plan.count) this.queue = new Int32Array(plan.count);
    const { contract, arrival, inService, retire } = this.dates;
    for (let i = 0; i < plan.count; i++) contract[i] = plan.contract[i]!;
    if (d.anyCut) this.applyFunding(plan, d, contract);
    for (let i = 0; i < plan.count; i++) {
      const mode = plan.mode[i]!;
      if (mode === DateMode.realized) {
        arrival[i] = plan.arrival[i]!;
        inService[i] = plan.inService[i]!;
        retire[i] = plan.retire[i]!;
        continue;
      }
      const j = plan.crane[i]!;
      const s = plan.supplier[i]!;
      const c = contract[i]!;
      if (c >= NEVER) {
        arrival[i] = inService[i] = retire[i] = NEVER;
        continue;
      }
      const plannedLead = plan.arrival[i]! - plan.contract[i]!;
      let lead = plannedLead;
      if (sc.lead) {
        const m = cp.leadMode[s]!;
        const lo = Number.isNaN(cp.leadMin[s]!) ? m * sc.lead.minFactor : cp.leadMin[s]!;
        const hi = Number.isNaN(cp.leadMax[s]!) ? m * sc.lead.maxFactor : cp.leadMax[s]!;
        const drawn = Math.round(triangular(d.uLead[j]!, Math.min(lo, m), m, Math.max(hi, m)));
        if (drawn > lead) lead = drawn;
      }
      let a = c + lead + d.shipDelay[j]! + d.supplierSlip[s]!;
      if (mode === DateMode.planned) {
        const from = d.lossFrom[s]!;
        if (a > from) {
          const share = d.lossShare[s]!;
          a = share >= 1 ? NEVER : from + Math.ceil((a - from) / (1 - share));
        }
      }
      if (a >= NEVER) {
        arrival[i] = inService[i] = retire[i] = NEVER;
        continue;
      }
      const plannedComm = plan.inService[i]! - plan.arrival[i]!;
      let comm = plannedComm;
      if (sc.commissioning) {
        if (sc.commissioning.useSupplierRange) {
          const m = cp.commMode[s]!;
          const lo = Number.isNaN(cp.commMin[s]!) ? m : cp.commMin[s]!;
          const hi = Number.isNaN(cp.commMax[s]!) ? m * sc.commissioning.maxFactor : cp.commMax[s]!;
          const drawn = Math.round(triangular(d.uComm[j]!, Math.min(lo, m), m, Math.max(hi, m)));
          if (drawn > comm) comm = drawn;
        }
        comm += d.commSlip[j]!;
      }
      const sv = a + comm;
      arrival[i] = a;
      inService[i] = sv;
      const r = plan.retire[i]!;
      const ps = plan.inService[i]!;
      retire[i] = r >= ps ? sv + (r - ps) : a + (r - plan.arrival[i]!);
    }
    return this.dates;
  }

  private applyFunding(plan: CompiledPlan, d: RunDraws, contract: Int32Array): void {
    const cp = this.cp;
    const F = cp.fiscalYears.length;
    const queue = this.queue;
    let qHead = 0;
    let qTail = 0;
    let k = 0;
    const order = plan.byContract;
    for (let f = 0; f < F; f++) {
      const first = cp.fyFirstPeriod[f]!;
      const budget = cp.budgetByFy[f]!;
      const planned = plan.planSpendByFy[f]!;
      const cut = d.cutShare[f]!;
      const base = Number.isNaN(budget) ? planned : budget;
      const available =
        cut > 0
          ? (1 - cut) * base
          : Number.isNaN(budget)
            ? Number.POSITIVE_INFINITY
            : Math.max(budget, planned);
      const localShare = cp.localShareByFy[f]!;
      let spent = 0;
      let blocked = false;
      // Contracts waiting from earlier years come first, in the order they started waiting.
      let q = qHead;
      for (; q < qTail; q++) {
        const i = queue[q]!;
        const fed = plan.cost[i]! * (1 - localShare);
        if (spent + fed > available + 1e-6) {
          blocked = true;
          break;
        }
        spent += fed;
        contract[i] = Math.max(plan.contract[i]!, first);
      }
      qHead = q;
      while (k < order.length) {
        const i = order[k]!;
        const c = plan.contract[i]!;
        if (c >= this.P || cp.fyOfPeriod[c] !== f) break;
        k++;
        if (plan.mode[i] !== DateMode.planned) continue;
        const fed = plan.cost[i]! * (1 - localShare);
        if (!blocked && d.cutProrate[f] !== 1 && spent + fed <= available + 1e-6) {
          spent += fed;
        } else {
          blocked = true;
          queue[qTail++] = i;
        }
      }
    }
    for (let q = qHead; q < qTail; q++) contract[queue[q]!] = NEVER;
  }

  /**
   * Measures one realised plan and writes the national measures to `national[offset + m * stride]`,
   * the terminal measures to `terminal[tOffset + (m * T + t) * stride]` and, when `series` is given,
   * the period series to `series[sOffset + (s * P + p) * stride]`.
   */
  measure(
    plan: CompiledPlan,
    dates: RealizedDates,
    d: RunDraws,
    national: Float64Array,
    offset: number,
    terminal: Float64Array,
    tOffset: number,
    stride: number,
    series?: Float32Array,
    sOffset = 0,
  ): void {
    const cp = this.cp;
    const { P, T, P1 } = this;
    const { dNew, dRet, dOut, dRisk, below, shortByPeriod, riskByPeriod } = this;
    shortByPeriod.fill(0);
    riskByPeriod.fill(0);
    dNew.fill(0);
    dRet.fill(0);
    dOut.fill(0);
    dRisk.fill(0);
    below.fill(0);
    let spend = 0;
    for (let i = 0; i < plan.count; i++) {
      if (dates.contract[i]! < P) spend += plan.cost[i]!;
      const s = dates.inService[i]!;
      if (s < P) dNew[cp.craneTerminal[plan.crane[i]!]! * P1 + s]! += 1;
    }
    const N = cp.craneIds.length;
    let completion = 0;
    const cutoff = d.cutoffStart;
    for (let j = 0; j < N; j++) {
      const i = plan.replacementOf[j]!;
      const r = i < 0 ? NEVER : Math.max(0, dates.retire[i]!);
      if (r > completion) completion = r;
      const base = cp.craneTerminal[j]! * P1;
      if (r < P) {
        dRet[base + r]! += 1;
        dRisk[base + r]! += cp.craneRisk[j]!;
      }
      if (cutoff < P && r > cutoff) {
        const fail = cutoff + d.failAfter[j]!;
        if (fail < P && fail < r) {
          dOut[base + fail]! += 1;
          if (r < P) dOut[base + r]! -= 1;
        }
      }
    }
    const E = this.disableK.length;
    const disableK = this.disableK;
    const { demand, teuPerCrane, trusted: trustedOf, untrusted0, risk0 } = cp;
    const { growth, disableStart, disableEnd, roundU } = d;
    const disable = cp.scenario.disable;
    let teuLostAll = 0;
    let risk = 0;
    for (let t = 0; t < T; t++) {
      const base = t * P1;
      const dBase = t * P;
      const teu = teuPerCrane[t]!;
      const trusted = trustedOf[t]!;
      const u0 = untrusted0[t]!;
      let riskNow = risk0[t]!;
      let newIn = 0;
      let retired = 0;
      let failed = 0;
      let lost = 0;
      let periodsBelow = 0;
      disableK.fill(0);
      for (let p = 0; p < P; p++) {
        newIn += dNew[base + p]!;
        retired += dRet[base + p]!;
        failed += dOut[base + p]!;
        riskNow -= dRisk[base + p]!;
        const untrusted = u0 - retired;
        let out = failed;
        for (let e = 0; e < E; e++) {
          const start = disableStart[e]!;
          if (p < start || p >= disableEnd[e]!) continue;
          if (p === start) {
            const x = disable[e]!.share * untrusted;
            const whole = Math.floor(x);
            disableK[e] = whole + (roundU[e * T + t]! < x - whole ? 1 : 0);
          }
          out += Math.min(disableK[e]!, untrusted);
        }
        if (out > untrusted) out = untrusted;
        risk += riskNow;
        riskByPeriod[p]! += riskNow;
        const short = demand[dBase + p]! * growth[p]! - (trusted + untrusted + newIn - out) * teu;
        if (short > 1e-9) {
          lost += short;
          shortByPeriod[p]! += short;
          periodsBelow++;
          below[p] = 1;
        }
      }
      teuLostAll += lost;
      terminal[tOffset + t * stride] = lost;
      terminal[tOffset + (T + t) * stride] = periodsBelow * cp.weeksPerPeriod;
    }
    let nationalBelow = 0;
    for (let p = 0; p < P; p++) nationalBelow += below[p]!;
    national[offset] = teuLostAll;
    national[offset + stride] = nationalBelow * cp.weeksPerPeriod;
    national[offset + 2 * stride] = Math.min(completion, P);
    national[offset + 3 * stride] = spend;
    national[offset + 4 * stride] = risk;
    if (series) {
      for (let p = 0; p < P; p++) {
        series[sOffset + p * stride] = shortByPeriod[p]!;
        series[sOffset + (P + p) * stride] = riskByPeriod[p]!;
      }
    }
  }
}
