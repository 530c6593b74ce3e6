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
  'resourceDelayMonths',
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
  /** Periods of delay added by rail slots, crews and blackouts, summed over the replacements. */
  readonly resourceDelay: number;
}

/**
 * Replays plans against drawn events (the frozen-plan rule, see docs/design/simulation.md):
 * - money, per funding program: fiscal years in order, each with its line plus what the program carries over;
 *   a cut year funds contracts in contract order until its reduced budget is used once the cut is known; the
 *   rest wait for the program's next fiscal year, ahead of that year's own contracts; prorate defers every
 *   contract of the year signed after the cut is known;
 * - drawn arrival = new contract + max(planned lead, drawn lead) + shipping delay + supplier slip, then
 *   stretched by 1 / (1 - share) after a supplier's capacity loss (never, when the share is 1);
 * - a delivery waits for a free rail slot, a crew of its region for the whole commissioning, and a
 *   commissioning clear of the terminal's blackouts (the extra wait is the resource delay);
 * - in service = arrival + max(planned commissioning, drawn commissioning) + commissioning slip;
 * - the old crane is retired as the plan tied it: if the plan retired it at or after the new crane's
 *   in-service date, the same time after the new in-service date; if during commissioning, the same time after
 *   arrival; if before arrival (to free the rail), the same time before the drawn arrival.
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
    resourceDelay: number;
  };
  private drawnArrival: Int32Array;
  private comm: Int32Array;
  private next: Int32Array;
  private waiting: Int32Array;
  private queue: Int32Array;
  private readonly head: Int32Array;
  private readonly railDelta: Int32Array;
  private readonly railNow: Int32Array;
  private readonly railAt: Int32Array;
  private readonly crewUse: Int32Array;

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
    const n = cp.craneIds.length;
    this.dates = this.allocate(n);
    this.drawnArrival = new Int32Array(n);
    this.comm = new Int32Array(n);
    this.next = new Int32Array(n);
    this.waiting = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.head = new Int32Array(this.P);
    this.railDelta = new Int32Array(size);
    this.railNow = new Int32Array(this.T);
    this.railAt = new Int32Array(this.T);
    this.crewUse = new Int32Array(cp.crewLimit.length * this.P);
  }

  private allocate(n: number) {
    return {
      contract: new Int32Array(n),
      arrival: new Int32Array(n),
      inService: new Int32Array(n),
      retire: new Int32Array(n),
      resourceDelay: 0,
    };
  }

  /** The plan's dates in this run (a view on internal buffers, valid until the next call). */
  realize(plan: CompiledPlan, d: RunDraws): RealizedDates {
    const cp = this.cp;
    const sc = cp.scenario;
    const n = plan.count;
    if (this.dates.contract.length < n) this.dates = this.allocate(n);
    if (this.queue.length < n) {
      this.queue = new Int32Array(n);
      this.drawnArrival = new Int32Array(n);
      this.comm = new Int32Array(n);
      this.next = new Int32Array(n);
      this.waiting = new Int32Array(n);
    }
    const { contract, arrival, inService, retire } = this.dates;
    const { drawnArrival, comm: commOf } = this;
    for (let i = 0; i < n; i++) contract[i] = plan.contract[i]!;
    if (d.anyCut) this.applyFunding(plan, d, contract);
    for (let i = 0; i < n; i++) {
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
        drawnArrival[i] = arrival[i] = inService[i] = retire[i] = NEVER;
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
        drawnArrival[i] = arrival[i] = inService[i] = retire[i] = NEVER;
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
      drawnArrival[i] = a;
      commOf[i] = comm;
    }
    this.dates.resourceDelay = this.placeDeliveries(plan);
    return this.dates;
  }

  /**
   * Sweeps the periods in order and lets each drawn delivery arrive at the first period with a free rail slot
   * at its terminal, a free crew in its region for the whole commissioning, and no blackout in it; then sets
   * in-service and retirement dates. Returns the periods of waiting summed over the replacements.
   */
  private placeDeliveries(plan: CompiledPlan): number {
    const cp = this.cp;
    const { P, P1, T, head, next, waiting, railDelta, railNow, railAt, crewUse, drawnArrival } = this;
    const commOf = this.comm;
    const { arrival, inService, retire } = this.dates;
    const n = plan.count;
    railDelta.fill(0);
    crewUse.fill(0);
    head.fill(-1);
    railAt.fill(0);
    for (let t = 0; t < T; t++) railNow[t] = cp.trusted[t]! + cp.untrusted0[t]!;
    const clamp = (p: number) => (p < 0 ? 0 : p);
    // Committed before the sweep: realised replacements, and old cranes removed ahead of their delivery.
    for (let i = n - 1; i >= 0; i--) {
      const t = cp.craneTerminal[plan.crane[i]!]!;
      if (plan.mode[i] === DateMode.realized) {
        if (arrival[i]! < P) railDelta[t * P1 + clamp(arrival[i]!)]! += 1;
        if (retire[i]! < P) railDelta[t * P1 + clamp(retire[i]!)]! -= 1;
        this.occupyCrew(t, arrival[i]!, inService[i]!);
        continue;
      }
      const a = drawnArrival[i]!;
      if (a >= NEVER) continue;
      const ahead = plan.retire[i]! - plan.arrival[i]!;
      if (ahead < 0) {
        retire[i] = a + ahead;
        if (retire[i]! < P) railDelta[t * P1 + clamp(retire[i]!)]! -= 1;
      }
      if (a < P) {
        next[i] = head[a]!;
        head[a] = i;
      } else this.settle(plan, i, a);
    }
    let delay = 0;
    let w = 0;
    for (let p = 0; p < P; p++) {
      for (let i = head[p]!; i >= 0; i = next[i]!) waiting[w++] = i;
      let kept = 0;
      for (let k = 0; k < w; k++) {
        const i = waiting[k]!;
        const t = cp.craneTerminal[plan.crane[i]!]!;
        if (!this.canDeliver(plan, i, t, p)) {
          waiting[kept++] = i;
          continue;
        }
        delay += p - drawnArrival[i]!;
        railNow[t]! += 1;
        this.occupyCrew(t, p, p + commOf[i]!);
        const r = this.settle(plan, i, p);
        if (r < P && plan.retire[i]! >= plan.arrival[i]!) {
          if (r < railAt[t]!) railNow[t]! -= 1;
          else railDelta[t * P1 + r]! -= 1;
        }
      }
      w = kept;
    }
    // Deliveries still waiting at the horizon arrive after it.
    for (let k = 0; k < w; k++) {
      const i = waiting[k]!;
      delay += P - drawnArrival[i]!;
      this.settle(plan, i, P);
    }
    return delay;
  }

  /** Arrival, in service and retirement of replacement i delivered at period a; returns the retirement. */
  private settle(plan: CompiledPlan, i: number, a: number): number {
    const { arrival, inService, retire } = this.dates;
    arrival[i] = a;
    inService[i] = a + this.comm[i]!;
    retire[i] = this.retireFor(plan, i, a);
    return retire[i]!;
  }

  /** The old crane's retirement when the new one is delivered at period a (fixed already when removed ahead). */
  private retireFor(plan: CompiledPlan, i: number, a: number): number {
    const r = plan.retire[i]!;
    const pa = plan.arrival[i]!;
    const ps = plan.inService[i]!;
    if (r >= ps) return a + this.comm[i]! + (r - ps);
    if (r >= pa) return a + (r - pa);
    return this.dates.retire[i]!;
  }

  private canDeliver(plan: CompiledPlan, i: number, t: number, p: number): boolean {
    const cp = this.cp;
    const { P, P1, railDelta, railNow, railAt, crewUse } = this;
    let at = railAt[t]!;
    let now = railNow[t]!;
    for (; at <= p; at++) now += railDelta[t * P1 + at]!;
    railAt[t] = at;
    railNow[t] = now;
    // An old crane removed in the delivery period itself leaves its slot to the new one.
    const swap = this.retireFor(plan, i, p) === p ? 1 : 0;
    if (now + 1 - swap > plan.railLimit[t]!) return false;
    const end = Math.min(p + this.comm[i]!, P);
    if (plan.checkBlackout[i] === 1)
      for (let q = p; q < end; q++) if (cp.blackout[t * P + q] === 1) return false;
    const g = cp.terminalRegion[t]!;
    if (g >= 0) {
      const cap = plan.crewCap[g]!;
      for (let q = p; q < end; q++) if (crewUse[g * P + q]! >= cap) return false;
    }
    return true;
  }

  private occupyCrew(t: number, from: number, to: number): void {
    const g = this.cp.terminalRegion[t]!;
    if (g < 0) return;
    const P = this.P;
    for (let q = Math.max(0, from); q < Math.min(to, P); q++) this.crewUse[g * P + q]! += 1;
  }

  private applyFunding(plan: CompiledPlan, d: RunDraws, contract: Int32Array): void {
    const cp = this.cp;
    const F = cp.fiscalYears.length;
    const G = cp.programIds.length;
    const queue = this.queue;
    const order = plan.byContract;
    for (let g = 0; g < G; g++) {
      let qHead = 0;
      let qTail = 0;
      let k = 0;
      let carry = 0;
      const carries = cp.programCarries[g] === 1;
      for (let f = 0; f < F; f++) {
        const first = cp.fyFirstPeriod[f]!;
        const line = cp.budget[g * F + f]!;
        const own = plan.planSpend[g * F + f]!;
        const cut = d.cutShare[f]!;
        const known = cut > 0 ? d.cutKnown[f]! : NEVER;
        const base = Number.isNaN(line) ? own : line;
        const money = base + carry;
        // Before the cut is known the year spends as planned (a frozen plan never defers itself).
        const uncut = Number.isNaN(line) ? Number.POSITIVE_INFINITY : Math.max(money, own);
        const reduced = (1 - cut) * base + carry;
        const prorate = d.cutProrate[f] === 1;
        let spent = 0;
        let blocked = false;
        // Contracts waiting from earlier years come first, in the order they started waiting.
        let q = qHead;
        for (; q < qTail; q++) {
          const i = queue[q]!;
          const fed = plan.federal[i]!;
          if (spent + fed > (first >= known ? reduced : uncut) + 1e-6) {
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
          if (plan.program[i] !== g || plan.mode[i] !== DateMode.planned) continue;
          const fed = plan.federal[i]!;
          const after = c >= known;
          if (!blocked && !(after && prorate) && spent + fed <= (after ? reduced : uncut) + 1e-6) {
            spent += fed;
          } else {
            blocked = true;
            queue[qTail++] = i;
          }
        }
        carry = carries ? Math.max(0, (cut > 0 ? reduced : money) - spent) : 0;
      }
      for (let q = qHead; q < qTail; q++) contract[queue[q]!] = NEVER;
    }
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
    national[offset + 5 * stride] = dates.resourceDelay / cp.periodsPerMonth;
    if (series) {
      for (let p = 0; p < P; p++) {
        series[sOffset + p * stride] = shortByPeriod[p]!;
        series[sOffset + (P + p) * stride] = riskByPeriod[p]!;
      }
    }
  }
}
