import { issue, type Issue, type Result } from '../shared/issue.js';

/** The life of one replacement, in order. A step may be skipped forwards; going back needs a correction. */
export const LIFECYCLE_STEPS = [
  'planned',
  'funded',
  'contracted',
  'in-fabrication',
  'shipped',
  'delivered',
  'commissioned',
  'old-crane-retired',
  'disposed',
] as const;
export type LifecycleStep = (typeof LIFECYCLE_STEPS)[number];

/**
 * A payment is a money event, not a step: it leaves the replacement where it is. A forecast (the supplier's
 * expected delivery date) is not a step either, and is recorded through checkForecast, not checkStep.
 */
export type TrackEvent = LifecycleStep | 'paid' | 'forecast';
/** The events `track record` / checkStep accept. */
export const TRACK_EVENTS: readonly TrackEvent[] = [...LIFECYCLE_STEPS, 'paid'];
export const MONEY_EVENTS: readonly TrackEvent[] = ['funded', 'contracted', 'paid'];

export const stepIndex = (step: LifecycleStep): number => LIFECYCLE_STEPS.indexOf(step);
export const isTrackEvent = (s: string): s is TrackEvent => (TRACK_EVENTS as readonly string[]).includes(s);

/** What the user records; `recordedBy` and `recordedAt` are added by the service. */
export interface StepInput {
  readonly craneId: string;
  readonly event: TrackEvent;
  /** YYYY-MM-DD: when it happened. */
  readonly date: string;
  /** Obligated (funded, contracted) or paid, integer cents. */
  readonly amountCents?: number;
  /** The trusted supplier, when contracting (defaults to the baseline's choice). */
  readonly supplierId?: string;
  readonly evidence?: string;
  readonly note?: string;
  /** A correction may move the replacement back; it needs a reason. */
  readonly correction?: { readonly reason: string };
}

export interface StepRecord extends StepInput {
  readonly seq: number;
  readonly recordedBy: string;
  readonly recordedAt: string;
}

/** Where a replacement stands: the facts in effect (a correction drops the later steps it supersedes). */
export interface CraneTrack {
  readonly craneId: string;
  readonly step: LifecycleStep;
  readonly facts: Readonly<Partial<Record<LifecycleStep, StepRecord>>>;
  readonly supplierId?: string;
  /** Amount of the contract in effect, cents. */
  readonly obligatedCents: number;
  readonly paidCents: number;
  readonly payments: readonly StepRecord[];
  /** The supplier's latest delivery forecast while contracted and not yet delivered (event 'forecast'). */
  readonly forecast?: StepRecord;
}

/** What the user records when a supplier forecasts a crane's delivery. */
export interface ForecastInput {
  readonly craneId: string;
  /** YYYY-MM-DD: the delivery date the supplier now expects. */
  readonly arrivalDate: string;
  readonly reason: string;
  readonly evidence?: string;
}

/** A forecast is stored in the crane's history as event 'forecast': date = expected arrival, note = reason. */
export const forecastRecordInput = (f: ForecastInput): StepInput => ({
  craneId: f.craneId,
  event: 'forecast',
  date: f.arrivalDate,
  note: f.reason,
  ...(f.evidence === undefined ? {} : { evidence: f.evidence }),
});

/** The forecast in effect for a track: only between contract and delivery. */
export const forecastOf = (track: CraneTrack | undefined): StepRecord | undefined =>
  track?.forecast !== undefined &&
  track.facts.delivered === undefined &&
  stepIndex(track.step) >= stepIndex('contracted') &&
  stepIndex(track.step) < stepIndex('delivered')
    ? track.forecast
    : undefined;

/**
 * Whether a supplier's forecast may be recorded for `track` as of `today`: a real date, not before today nor
 * before the contract, a reason, and a crane contracted but not delivered (a delivery is recorded as a step).
 */
export function checkForecast(track: CraneTrack, input: ForecastInput, today: string): Result<ForecastInput> {
  const issues: Issue[] = [];
  const bad = (field: string, message: string) => issues.push(issue(`track/${field}`, [field], message));
  if (!isIsoDate(input.arrivalDate))
    bad('arrival', `arrival "${input.arrivalDate}" is not a calendar date YYYY-MM-DD`);
  else if (input.arrivalDate < today)
    bad(
      'arrival',
      `arrival ${input.arrivalDate} is before today (${today}): a forecast is about what is to come`,
    );
  else if (track.facts.contracted && input.arrivalDate < track.facts.contracted.date)
    bad('arrival', `arrival ${input.arrivalDate} is before the contract of ${track.facts.contracted.date}`);
  if (input.reason.trim() === '') bad('reason', 'a forecast needs a reason (what the supplier said)');
  if (stepIndex(track.step) < stepIndex('contracted') || !track.facts.contracted)
    bad('step', `${input.craneId} is ${track.step}: a delivery forecast needs a recorded contract`);
  else if (track.facts.delivered || stepIndex(track.step) >= stepIndex('delivered'))
    bad('step', `${input.craneId} is already ${track.step}: record the delivery, not a forecast`);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: input };
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written YYYY-MM-DD. */
export function isIsoDate(s: string): boolean {
  const m = DATE_RE.exec(s);
  if (!m) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export const initialTrack = (craneId: string): CraneTrack => ({
  craneId,
  step: 'planned',
  facts: {},
  obligatedCents: 0,
  paidCents: 0,
  payments: [],
});

/** Applies one record that has already been accepted by checkStep. */
export function applyRecord(track: CraneTrack, r: StepRecord): CraneTrack {
  if (r.event === 'forecast') return { ...track, forecast: r };
  if (r.event === 'paid')
    return { ...track, paidCents: track.paidCents + (r.amountCents ?? 0), payments: [...track.payments, r] };
  const k = stepIndex(r.event);
  if (r.correction === undefined && fillsSkipped(track, r.event)) return fillIn(track, r.event, r);
  const facts: Partial<Record<LifecycleStep, StepRecord>> = {};
  for (const s of LIFECYCLE_STEPS) {
    const f = track.facts[s];
    if (f && stepIndex(s) < k) facts[s] = f;
  }
  facts[r.event] = r;
  const contract = facts.contracted;
  const supplierId = contract?.supplierId ?? (k > stepIndex('contracted') ? track.supplierId : undefined);
  const { supplierId: _drop, forecast, ...rest } = track;
  return {
    ...rest,
    step: r.event,
    facts,
    obligatedCents: contract?.amountCents ?? 0,
    ...(supplierId === undefined ? {} : { supplierId }),
    // A (new) contract, or a correction back before it, ends the forecast made under the old one.
    ...(forecast !== undefined && k > stepIndex('contracted') ? { forecast } : {}),
  };
}

/** A step that was skipped, recorded later (an old crane retired before its successor's commissioning). */
function fillIn(track: CraneTrack, step: LifecycleStep, r: StepRecord): CraneTrack {
  const facts = { ...track.facts, [step]: r };
  const supplierId = track.supplierId;
  const { supplierId: _drop, ...rest } = track;
  return {
    ...rest,
    facts,
    obligatedCents: facts.contracted?.amountCents ?? 0,
    ...(supplierId === undefined ? {} : { supplierId }),
  };
}

/** A physical step after the contract, skipped when a later step was recorded, may be filled in later. */
const fillsSkipped = (track: CraneTrack, step: LifecycleStep): boolean =>
  stepIndex(step) > stepIndex('contracted') &&
  stepIndex(step) < stepIndex(track.step) &&
  track.facts[step] === undefined;

/** Folds a crane's records, oldest first. */
export function trackOf(craneId: string, records: readonly StepRecord[]): CraneTrack {
  return records.filter((r) => r.craneId === craneId).reduce(applyRecord, initialTrack(craneId));
}

/** All cranes' tracks from the whole history. */
export function tracksOf(records: readonly StepRecord[]): Map<string, CraneTrack> {
  const out = new Map<string, CraneTrack>();
  for (const r of records) out.set(r.craneId, applyRecord(out.get(r.craneId) ?? initialTrack(r.craneId), r));
  return out;
}

/**
 * Whether `input` may be recorded on top of `track`, as of `today` (YYYY-MM-DD): a real date not in the future,
 * forwards only (or a correction with a reason; a step skipped earlier may be filled in), not dated before the step it follows, amounts only on money
 * events, a payment only once contracted.
 */
export function checkStep(track: CraneTrack, input: StepInput, today: string): Result<StepInput> {
  const issues: Issue[] = [];
  const bad = (field: string, message: string) => issues.push(issue(`track/${field}`, [field], message));
  if (!isTrackEvent(input.event))
    bad('event', `unknown step "${String(input.event)}"; expected one of ${TRACK_EVENTS.join(', ')}`);
  if (!isIsoDate(input.date)) bad('date', `date "${input.date}" is not a calendar date YYYY-MM-DD`);
  else if (input.date > today)
    bad('date', `date ${input.date} is after today (${today}): record what happened`);
  if (input.amountCents !== undefined) {
    if (!MONEY_EVENTS.includes(input.event))
      bad('amount', `an amount is recorded only on ${MONEY_EVENTS.join(', ')}, not on ${input.event}`);
    else if (!Number.isSafeInteger(input.amountCents) || input.amountCents < 0)
      bad('amount', `amount must be a non-negative number of cents, got ${input.amountCents}`);
  } else if (input.event === 'paid') bad('amount', 'a payment needs --amount');
  if (input.supplierId !== undefined && input.event !== 'contracted')
    bad('supplier', 'a supplier is recorded only with the contracted step');
  if (input.correction !== undefined && input.correction.reason.trim() === '')
    bad('reason', 'a correction needs a reason');
  if (issues.length > 0) return { ok: false, issues };

  if (input.event === 'forecast') {
    bad('event', 'a forecast is recorded with checkForecast (portguard track forecast)');
    return { ok: false, issues };
  }
  if (input.event === 'paid') {
    if (stepIndex(track.step) < stepIndex('contracted'))
      bad('event', `${input.craneId} is ${track.step}: a payment needs a contract first`);
    return issues.length > 0 ? { ok: false, issues } : { ok: true, value: input };
  }
  const from = stepIndex(track.step);
  const to = stepIndex(input.event);
  const started = Object.keys(track.facts).length > 0;
  const fillIn = fillsSkipped(track, input.event);
  if (to <= from && started && input.correction === undefined && !fillIn)
    bad(
      'step',
      `${input.craneId} is already ${track.step}; going to ${input.event} is a correction (--correct --reason …)`,
    );
  if (input.correction === undefined) {
    const before = LIFECYCLE_STEPS.slice(0, to)
      .map((s) => track.facts[s])
      .filter((f) => f !== undefined);
    const prev = fillIn ? before.at(-1) : track.facts[track.step];
    if (prev && input.date < prev.date)
      bad('date', `${input.event} on ${input.date} is before ${prev.event} on ${prev.date}`);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, value: input };
}

/** Counts by step of a set of cranes (cranes without records are 'planned'). */
export function countByStep(steps: Iterable<LifecycleStep>): Record<LifecycleStep, number> {
  const out = Object.fromEntries(LIFECYCLE_STEPS.map((s) => [s, 0])) as Record<LifecycleStep, number>;
  for (const s of steps) out[s] += 1;
  return out;
}
