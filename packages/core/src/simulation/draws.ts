import { NEVER, type CompiledHazard, type CompiledProblem } from './compile.js';
import { triangular, type UniformStream } from './rng.js';

/**
 * The events of one run, drawn from the scenario only (never from a plan), so every plan replayed
 * in the run meets the same events. Buffers are allocated once and overwritten per run.
 */
export class RunDraws {
  /** Demand multiplier per period. */
  readonly growth: Float64Array;
  /** Share of each fiscal year's money withheld (0 = none). */
  readonly cutShare: Float64Array;
  readonly cutProrate: Uint8Array;
  /** Period at which each fiscal year's cut becomes known (NEVER when the year is not cut). */
  readonly cutKnown: Int32Array;
  anyCut = false;
  /** Correlated delivery slip per supplier, in periods. */
  readonly supplierSlip: Float64Array;
  readonly lossShare: Float64Array;
  readonly lossFrom: Int32Array;
  /** Start period of each adversary event (NEVER when it does not happen in this run). */
  readonly eventStart: Int32Array;
  /** Disable events: start period, end period (exclusive), share; roundU[e * T + t] rounds share × cranes per terminal. */
  readonly disableStart: Int32Array;
  readonly disableEnd: Int32Array;
  readonly roundU: Float64Array;
  /** Spare-parts cutoff: period it starts (NEVER if not in this run) and, per crane, periods until it fails after that. */
  cutoffStart = NEVER;
  readonly failAfter: Int32Array;
  /** Per crane: uniform for its lead time, shipping delay and commissioning draws. */
  readonly uLead: Float64Array;
  readonly shipDelay: Int32Array;
  readonly uComm: Float64Array;
  readonly commSlip: Int32Array;
  /** Earliest period at which a shock (budget, supplier or adversary) becomes known; NEVER if none. */
  shock = NEVER;

  constructor(private readonly cp: CompiledProblem) {
    const P = cp.periods;
    const S = cp.supplierIndex.size;
    const N = cp.craneIds.length;
    const E = cp.scenario.disable.length;
    this.growth = new Float64Array(P).fill(1);
    this.cutShare = new Float64Array(cp.fiscalYears.length);
    this.cutProrate = new Uint8Array(cp.fiscalYears.length);
    this.cutKnown = new Int32Array(cp.fiscalYears.length).fill(NEVER);
    this.supplierSlip = new Float64Array(S);
    this.lossShare = new Float64Array(S);
    this.lossFrom = new Int32Array(S).fill(NEVER);
    this.eventStart = new Int32Array(cp.scenario.adversaryHazards.length).fill(NEVER);
    this.disableStart = new Int32Array(E).fill(NEVER);
    this.disableEnd = new Int32Array(E).fill(NEVER);
    this.roundU = new Float64Array(E * cp.terminalIds.length);
    this.failAfter = new Int32Array(N).fill(NEVER);
    this.uLead = new Float64Array(N);
    this.shipDelay = new Int32Array(N);
    this.uComm = new Float64Array(N);
    this.commSlip = new Int32Array(N);
  }

  /** Draws every event of a run from `rng`; the order of draws depends only on the problem and scenario. */
  draw(rng: UniformStream): void {
    const cp = this.cp;
    const sc = cp.scenario;
    const P = cp.periods;
    let shock = NEVER;

    if (sc.growth) {
      const g = triangular(rng.next(), sc.growth.min, sc.growth.mode, sc.growth.max);
      const perPeriod = Math.log1p(g) / cp.periodsPerYear;
      for (let p = 0; p < P; p++) this.growth[p] = Math.exp(perPeriod * p);
    }

    this.cutShare.fill(0);
    this.cutProrate.fill(0);
    this.cutKnown.fill(NEVER);
    this.anyCut = false;
    for (const f of sc.funding) {
      const occurs = rng.next() < f.probability && f.share > 0;
      const after = Math.round(triangular(rng.next(), f.known.min, f.known.mode, f.known.max));
      if (!occurs) continue;
      this.cutShare[f.fy] = 1 - (1 - (this.cutShare[f.fy] ?? 0)) * (1 - f.share);
      if (f.prorate) this.cutProrate[f.fy] = 1;
      this.anyCut = true;
      // Known within its year (the schema caps the delay at 12 months); before the plan starts means at its start.
      const known = Math.max(
        0,
        Math.min(cp.fyStartPeriod[f.fy]! + after, (cp.fyStartPeriod[f.fy + 1] ?? P) - 1),
      );
      this.cutKnown[f.fy] = Math.min(this.cutKnown[f.fy]!, known);
      shock = Math.min(shock, known);
    }

    this.supplierSlip.fill(0);
    for (const sl of sc.slips) {
      for (let s = 0; s < sl.mask.length; s++) {
        const occurs = rng.next() < sl.range.probability;
        const value = Math.round(triangular(rng.next(), sl.range.min, sl.range.mode, sl.range.max));
        if (sl.mask[s] === 1 && occurs) this.supplierSlip[s] = (this.supplierSlip[s] ?? 0) + value;
      }
    }

    this.lossShare.fill(0);
    this.lossFrom.fill(NEVER);
    for (const l of sc.losses) {
      if (rng.next() >= l.probability || l.from >= P) continue;
      for (let s = 0; s < l.mask.length; s++) {
        if (l.mask[s] !== 1) continue;
        this.lossShare[s] = Math.max(this.lossShare[s] ?? 0, l.share);
        this.lossFrom[s] = Math.min(this.lossFrom[s] ?? NEVER, l.from);
      }
      shock = Math.min(shock, l.from);
    }

    const eventStart = this.eventStart;
    sc.adversaryHazards.forEach((h, a) => {
      const u1 = rng.next();
      const u2 = rng.next();
      eventStart[a] = h.kind === 'with' ? (eventStart[h.event] ?? NEVER) : hazardTime(h, u1, u2);
    });
    const T = cp.terminalIds.length;
    sc.disable.forEach((d, e) => {
      const start = eventStart[d.event]!;
      const duration = Math.round(triangular(rng.next(), d.duration.min, d.duration.mode, d.duration.max));
      for (let t = 0; t < T; t++) this.roundU[e * T + t] = rng.next();
      const active = start < P && duration > 0 && d.share > 0;
      this.disableStart[e] = active ? start : NEVER;
      this.disableEnd[e] = active ? start + duration : NEVER;
      if (active) shock = Math.min(shock, start);
    });

    let cutoffStart = NEVER;
    let failPerPeriod = 0;
    for (const c of sc.cutoff) {
      const start = eventStart[c.event]!;
      if (start < cutoffStart) {
        cutoffStart = start;
        failPerPeriod = c.failPerPeriod;
      }
    }
    this.cutoffStart = cutoffStart < P && failPerPeriod > 0 ? cutoffStart : NEVER;
    if (this.cutoffStart < P) shock = Math.min(shock, this.cutoffStart);
    const logSurvive = Math.log1p(-Math.min(failPerPeriod, 1 - 1e-12));

    const N = cp.craneIds.length;
    const ship = sc.ship;
    const comm = sc.commissioning;
    const commSlip = comm?.slip ?? null;
    for (let j = 0; j < N; j++) {
      if (sc.lead) this.uLead[j] = rng.next();
      if (ship) {
        const occurs = rng.next() < ship.probability;
        const value = Math.round(triangular(rng.next(), ship.min, ship.mode, ship.max));
        this.shipDelay[j] = occurs ? value : 0;
      }
      if (comm) {
        this.uComm[j] = rng.next();
        if (commSlip) {
          const occurs = rng.next() < commSlip.probability;
          const value = Math.round(triangular(rng.next(), commSlip.min, commSlip.mode, commSlip.max));
          this.commSlip[j] = occurs ? value : 0;
        }
      }
      if (sc.cutoff.length > 0) {
        const u = rng.next();
        this.failAfter[j] =
          this.cutoffStart < P ? Math.min(NEVER, Math.floor(Math.log1p(-u) / logSurvive)) : NEVER;
      }
    }
    this.shock = shock;
  }
}

/** Period at which a hazard fires, or NEVER. Always consumes the two uniforms it is given. */
function hazardTime(h: Exclude<CompiledHazard, { kind: 'with' }>, u1: number, u2: number): number {
  if (h.kind === 'window') {
    if (u1 >= h.probability || h.to < h.from) return NEVER;
    return h.from + Math.floor(u2 * (h.to - h.from + 1));
  }
  if (h.perPeriod <= 0) return NEVER;
  if (h.perPeriod >= 1) return 0;
  return Math.min(NEVER, Math.floor(Math.log1p(-u1) / Math.log1p(-h.perPeriod)));
}
