import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import highsMod from 'highs';
import type { Highs, InitOptions, Model, ModelData, VariableType } from 'highs';
import {
  resultWithoutSolution,
  type MilpModel,
  type MilpResult,
  type MilpSolveOptions,
} from '@portguard/core/milp';

type Loader = (options?: InitOptions) => Promise<Highs>;
// The ESM build has a real default export, but under NodeNext tsc sees the CJS namespace (deps-verified.md §3).
const highsLoader: Loader = ((highsMod as unknown as { default?: Loader }).default ?? highsMod) as Loader;

/** A compiled WebAssembly module (this package's lib has no WebAssembly typings; Node has the global). */
interface WasmModule {
  readonly [Symbol.toStringTag]?: string;
}
const WasmModuleClass = (
  globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => WasmModule } }
).WebAssembly.Module;

/** Whether a value (e.g. from workerData) is a compiled WebAssembly module. */
export const isWasmModule = (value: unknown): value is WasmModule => value instanceof WasmModuleClass;

let runtime: Promise<Highs> | null = null;
let compiled: WasmModule | undefined;

/**
 * HiGHS's WebAssembly (3.5 MB) compiled once for the process: worker threads given it instantiate it without compiling
 * it again (two workers ready for their first solve in 0.38 s instead of 0.44 s).
 */
export function compileHighs(): WasmModule {
  compiled ??= new WasmModuleClass(readFileSync(createRequire(import.meta.url).resolve('highs/runtime')));
  return compiled;
}

/** This thread's runtime is to be instantiated from that module (a worker thread, before its first solve). */
export function useCompiledHighs(module: WasmModule): void {
  compiled = module;
}

/** The WASM runtime of this thread, loaded once; reloaded after an abort (out of memory leaves it unusable). */
export function loadHighs(): Promise<Highs> {
  runtime ??= highsLoader(
    compiled !== undefined ? { wasmModule: compiled as NonNullable<InitOptions['wasmModule']> } : undefined,
  );
  return runtime;
}

export function discardHighs(): void {
  runtime = null;
}

/**
 * A model as the flat arrays HiGHS takes (compressed rows, no names): what a worker thread is sent, its buffers
 * transferred rather than copied (a structured clone of the objects and names cost more than the small solves of a
 * contract window: national set, 5 ms to send and 6 ms to receive a slice of 4,400 columns).
 */
export interface PackedModel {
  readonly sense: MilpModel['sense'];
  readonly offset: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  /** 1 for an integer column. */
  readonly integrality: Int32Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

export function packModel(model: MilpModel): PackedModel {
  const n = model.columns.length;
  const colCost = new Float64Array(n);
  const colLower = new Float64Array(n);
  const colUpper = new Float64Array(n);
  const integrality = new Int32Array(n);
  for (let j = 0; j < n; j++) {
    const c = model.columns[j] as MilpModel['columns'][number];
    colCost[j] = c.cost;
    colLower[j] = c.lower;
    colUpper[j] = c.upper;
    integrality[j] = c.integer ? 1 : 0;
  }
  const m = model.rows.length;
  const rowLower = new Float64Array(m);
  const rowUpper = new Float64Array(m);
  let nnz = 0;
  for (const r of model.rows) nnz += r.indices.length;
  const starts = new Int32Array(m + 1);
  const indices = new Int32Array(nnz);
  const values = new Float64Array(nnz);
  let k = 0;
  for (let i = 0; i < m; i++) {
    const r = model.rows[i] as MilpModel['rows'][number];
    rowLower[i] = r.lower;
    rowUpper[i] = r.upper;
    starts[i] = k;
    for (let q = 0; q < r.indices.length; q++) {
      indices[k] = r.indices[q] as number;
      values[k] = r.values[q] as number;
      k++;
    }
  }
  starts[m] = k;
  return {
    sense: model.sense,
    offset: model.offset ?? 0,
    colCost,
    colLower,
    colUpper,
    integrality,
    rowLower,
    rowUpper,
    starts,
    indices,
    values,
  };
}

/** The buffers of a packed model, to transfer to a worker thread. */
export const packedBuffers = (model: PackedModel): ArrayBuffer[] =>
  [
    model.colCost,
    model.colLower,
    model.colUpper,
    model.integrality,
    model.rowLower,
    model.rowUpper,
    model.starts,
    model.indices,
    model.values,
  ].map((a) => a.buffer as ArrayBuffer);

const columnCount = (model: PackedModel): number => model.colCost.length;
const rowCount = (model: PackedModel): number => model.rowLower.length;

/** The packed model as passModel takes it (this build's infinity is IEEE infinity, so the bounds go as they are). */
export function toModelData(highs: Highs, model: PackedModel, relax: boolean): ModelData {
  const n = columnCount(model);
  const m = rowCount(model);
  return {
    numCols: n,
    numRows: m,
    sense:
      model.sense === 'min'
        ? highs.constants.objectiveSense.minimize
        : highs.constants.objectiveSense.maximize,
    offset: model.offset,
    colCost: model.colCost,
    colLower: model.colLower,
    colUpper: model.colUpper,
    rowLower: model.rowLower,
    rowUpper: model.rowUpper,
    matrix: {
      format: 'csr',
      numRows: m,
      numCols: n,
      starts: model.starts,
      indices: model.indices,
      values: model.values,
    },
    ...(relax ? {} : { integrality: model.integrality as unknown as readonly VariableType[] }),
  };
}

const num = (v: number | bigint): number => (typeof v === 'bigint' ? Number(v) : v);

/**
 * A neighbourhood MIP's cut pool (`MilpSolveOptions.neighbourhoodOfStart`): HiGHS's soft limit on the cuts it keeps.
 * Such a MIP is closed at or near its root, where the default pool (10,000) let separation dominate: 2,000 generated
 * cranes, the first ±4 rounded slice (4,658 rows and 2,917 columns after presolve, root LP at 0.7 s) kept 3,692
 * cuts and found its plan at 4.8 s; with 50, 85 cuts and a slightly better plan at 2.3 s. The whole ±4 sweep from
 * the column-generation start: 11.3 s of rounding MIPs → 7.5 s (12,040.4 → 12,039.4). 20 cuts: no faster overall;
 * deadline repairs (whole-window MIPs to a first plan) were not helped, and keep the default.
 */
export const NEIGHBOURHOOD_CUT_POOL = 50;

/** The HiGHS options of one solve (a MIP unless its integrality is relaxed or it has no integer column). */
export function highsOptionsFor(
  options: MilpSolveOptions,
  isMip: boolean,
): Record<string, boolean | number | string> {
  const relax = options.relaxIntegrality === true;
  return {
    output_flag: false,
    time_limit: Math.max(0.01, options.timeLimitSeconds),
    mip_rel_gap: Math.max(0, options.mipRelGap),
    ...(options.mipAbsGap !== undefined ? { mip_abs_gap: Math.max(0, options.mipAbsGap) } : {}),
    random_seed: 0,
    ...(relax && options.lpAlgorithm === 'ipm' ? { solver: 'ipm', run_crossover: 'off' } : {}),
    ...(relax && options.lpAlgorithm === 'ipm' && options.ipmOptimalityTolerance !== undefined
      ? { ipm_optimality_tolerance: options.ipmOptimalityTolerance }
      : {}),
    ...(relax && options.lpAlgorithm === 'primal-simplex' ? { simplex_strategy: 4 } : {}),
    ...(options.maxNodes !== undefined ? { mip_max_nodes: options.maxNodes } : {}),
    ...(isMip && options.neighbourhoodOfStart === true
      ? { mip_heuristic_run_root_reduced_cost: false, mip_pool_soft_limit: NEIGHBOURHOOD_CUT_POOL }
      : {}),
    ...(isMip && options.stopAtFirstSolution === true ? { mip_max_improving_sols: 1 } : {}),
  };
}

/** Solves one model synchronously on this thread; disposes the native model before returning. */
export function solveWithHighs(highs: Highs, model: PackedModel, options: MilpSolveOptions): MilpResult {
  const started = performance.now();
  const relax = options.relaxIntegrality === true;
  const isMip = !relax && model.integrality.includes(1);
  const hm = highs.createModel();
  try {
    hm.options.set(highsOptionsFor(options, isMip));
    hm.passModel(toModelData(highs, model, relax));
    const simplexLp = relax && options.lpAlgorithm !== 'ipm';
    if (
      simplexLp &&
      options.initialBasis !== undefined &&
      options.initialBasis.colStatus.length === columnCount(model) &&
      options.initialBasis.rowStatus.length === rowCount(model)
    ) {
      try {
        hm.setBasis({
          colStatus: Int32Array.from(options.initialBasis.colStatus),
          rowStatus: Int32Array.from(options.initialBasis.rowStatus),
        });
      } catch {
        // A basis HiGHS refuses is only a lost warm start.
      }
    }
    let startRefused = false;
    if (isMip && options.initialSolution !== undefined) {
      // Integer columns only: HiGHS completes the continuous ones (budget splits) itself.
      const idx: number[] = [];
      const val: number[] = [];
      model.integrality.forEach((integer, j) => {
        if (integer === 1) {
          idx.push(j);
          val.push(options.initialSolution?.[j] ?? 0);
        }
      });
      try {
        hm.setSolution({ indices: idx, values: val });
      } catch {
        // HiGHS refuses a start outside the column bounds (status -1): solve without it.
        startRefused = true;
      }
    }
    hm.run();
    const looseIpm = relax && options.lpAlgorithm === 'ipm' && options.ipmOptimalityTolerance !== undefined;
    return readResult(highs, hm, { started, isMip, simplexLp, startRefused, withBasis: true, looseIpm });
  } finally {
    hm.dispose();
  }
}

/** The result of the run just made on `hm`. */
function readResult(
  highs: Highs,
  hm: Model,
  how: {
    readonly started: number;
    readonly isMip: boolean;
    readonly simplexLp: boolean;
    readonly startRefused: boolean;
    readonly withBasis: boolean;
    /** An interior-point LP solved to a looser tolerance than HiGHS checks its result against. */
    readonly looseIpm?: boolean;
  },
): MilpResult {
  const ms = highs.constants.modelStatus;
  const feasible = highs.constants.solutionStatus.feasible;
  const hasPrimal = num(hm.info.get('primal_solution_status')) === feasible;
  // HiGHS calls an interior-point point optimal to a looser tolerance than its own check (10⁻⁷) "unknown", and its
  // duals infeasible when they are off by more than that: the caller asked for that tolerance, so the point is optimal
  // to it, and a bound from its duals (lagrangianBound) is proven whatever they are.
  const reported = hm.getModelStatus();
  const loose = reported === ms.unknown && how.looseIpm === true && hasPrimal;
  const st = loose ? ms.optimal : reported;
  const seconds = (performance.now() - how.started) / 1000;
  const values = hasPrimal ? Array.from(hm.getSolution().colValue) : null;
  const objective = hasPrimal ? hm.getObjectiveValue() : null;
  let bound: number | null = null;
  if (how.isMip) {
    const b = num(hm.info.get('mip_dual_bound'));
    bound = Number.isFinite(b) ? b : null;
  } else if (st === ms.optimal && !loose) bound = objective;
  // A loose point's objective is not a bound: the caller's lagrangianBound on its duals is.
  if (st === ms.optimal && !loose && objective !== null && bound === null) bound = objective;
  const gap =
    objective !== null && bound !== null
      ? Math.max(0, Math.abs(objective - bound) / Math.max(Math.abs(objective), 1e-9))
      : null;
  // LP iterations: a measure of the work done that, unlike seconds, repeats exactly.
  const info = (key: string): number => {
    try {
      return num(hm.info.get(key as 'simplex_iteration_count'));
    } catch {
      return NaN;
    }
  };
  // After a MIP, HiGHS-WASM's simplex count is over all nodes (mip_total_lp_iterations is not readable here).
  const iterations = how.isMip
    ? info('simplex_iteration_count')
    : Math.max(0, info('simplex_iteration_count')) + Math.max(0, info('ipm_iteration_count'));
  const nodes = how.isMip ? info('mip_node_count') : NaN;
  const base = {
    values,
    objective,
    bound,
    gap,
    seconds,
    ...(Number.isFinite(iterations) && iterations >= 0 ? { iterations } : {}),
    ...(Number.isFinite(nodes) && nodes >= 0 ? { nodes } : {}),
    ...(how.startRefused ? { message: 'the starting solution was refused (outside the column bounds)' } : {}),
  };
  switch (st) {
    case ms.optimal: {
      const dualStatus = num(hm.info.get('dual_solution_status'));
      const hasDuals =
        !how.isMip &&
        (dualStatus === feasible || (loose && dualStatus !== highs.constants.solutionStatus.none));
      const rowDuals = hasDuals ? Array.from(hm.getSolution().rowDual) : undefined;
      const valid =
        how.simplexLp && num(hm.info.get('basis_validity')) === highs.constants.basisValidity.valid;
      const basis = valid && how.withBasis ? hm.getBasis() : undefined;
      return {
        status: 'optimal',
        ...base,
        ...(loose
          ? { message: 'optimal to the interior-point tolerance asked (HiGHS checks a tighter one)' }
          : {}),
        ...(rowDuals ? { rowDuals } : {}),
        ...(basis
          ? { basis: { colStatus: Array.from(basis.colStatus), rowStatus: Array.from(basis.rowStatus) } }
          : {}),
      };
    }
    case ms.infeasible:
      return resultWithoutSolution('infeasible', seconds);
    case ms.unboundedOrInfeasible:
      return resultWithoutSolution('infeasible', seconds, 'infeasible or unbounded');
    case ms.unbounded:
      return resultWithoutSolution('unbounded', seconds);
    case ms.timeLimit:
    case ms.iterationLimit:
    case ms.solutionLimit:
    case ms.interrupted:
      return {
        status: 'time-limit',
        ...base,
        // HiGHS reports mip_max_nodes as a solution limit.
        limitReached: st === ms.timeLimit ? 'time' : st === ms.solutionLimit ? 'nodes' : 'other',
        message: `stopped: ${st === ms.timeLimit ? 'time limit' : 'limit'} reached`,
      };
    default:
      return resultWithoutSolution('error', seconds, `HiGHS model status ${st}`);
  }
}

/**
 * LPs kept in this thread's HiGHS runtime between solves (see ResidentLps in core): a solve changes the costs and
 * runs from the model's own last basis, by primal simplex (a basis optimal for other costs stays primal feasible:
 * at 2,000 cranes a round of 612 block LPs took 0.95 s instead of 1.5 s with the dual simplex).
 */
export class ResidentHighsModels {
  private readonly models = new Map<number, { readonly hm: Model; solved: boolean }>();

  constructor(private readonly highs: Highs) {}

  open(index: number, model: PackedModel): void {
    this.models.get(index)?.hm.dispose();
    const hm = this.highs.createModel();
    hm.options.set({ output_flag: false, random_seed: 0 });
    hm.passModel(toModelData(this.highs, model, true));
    this.models.set(index, { hm, solved: false });
  }

  solve(index: number, costs: readonly number[], options: MilpSolveOptions): MilpResult {
    const entry = this.models.get(index);
    if (entry === undefined) throw new Error(`resident LP ${index} is not open`);
    const started = performance.now();
    const { hm } = entry;
    if (costs.length > 0)
      hm.changeColsCost({ kind: 'range', from: 0, to: costs.length - 1 }, Float64Array.from(costs));
    hm.options.set({
      time_limit: Math.max(0.01, options.timeLimitSeconds),
      ...(entry.solved ? { simplex_strategy: 4 } : {}),
    });
    hm.zeroAllClocks();
    hm.run();
    entry.solved = true;
    return readResult(this.highs, hm, {
      started,
      isMip: false,
      simplexLp: true,
      startRefused: false,
      withBasis: false,
    });
  }

  close(): void {
    for (const { hm } of this.models.values()) hm.dispose();
    this.models.clear();
  }
}
