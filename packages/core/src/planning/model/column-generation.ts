import pLimit from 'p-limit';
import type { LpBasis, MilpColumn, MilpModel, MilpRow, MilpSolver, ResidentLps } from '../milp.js';
import { unionFind } from '../../shared/union-find.js';
import { lagrangianBound } from './dual-bound.js';

/**
 * A block of the model once the coupling rows are taken out: columns joined by the remaining (local) rows. For the
 * planning model, one terminal (with its groups, funding split and floors); columns that appear in coupling rows
 * only (budget carry-over) are blocks of one column and no rows.
 */
export interface ModelBlock {
  readonly columns: readonly number[];
  readonly rows: readonly number[];
}

export interface BlockStructure {
  readonly blocks: readonly ModelBlock[];
  readonly couplingRows: readonly number[];
}

/** Splits the model into blocks joined only by the rows `isCoupling` picks (union-find over the other rows). */
export function blockStructure(model: MilpModel, isCoupling: (row: MilpRow) => boolean): BlockStructure {
  const { find, union } = unionFind(model.columns.length);
  const couplingRows: number[] = [];
  const localRows: number[] = [];
  model.rows.forEach((row, i) => {
    if (isCoupling(row)) {
      couplingRows.push(i);
      return;
    }
    localRows.push(i);
    const first = row.indices[0];
    if (first === undefined) return;
    for (const j of row.indices) union(first, j);
  });
  const byRoot = new Map<number, { columns: number[]; rows: number[] }>();
  const blockOf = (root: number): { columns: number[]; rows: number[] } => {
    let b = byRoot.get(root);
    if (b === undefined) {
      b = { columns: [], rows: [] };
      byRoot.set(root, b);
    }
    return b;
  };
  model.columns.forEach((_, j) => blockOf(find(j)).columns.push(j));
  for (const i of localRows) {
    const first = model.rows[i]?.indices[0];
    if (first !== undefined) blockOf(find(first)).rows.push(i);
  }
  return { blocks: [...byRoot.values()], couplingRows };
}

/**
 * When an early report (`ColumnGenerationOptions.early`) counts the master as nearly converged: the last restricted
 * master's objective within `masterGap` of the best bound (relative to the objective), or `latest` × its early work
 * spent, whichever comes first.
 */
export interface MasterConvergence {
  readonly masterGap: number;
  readonly latest: number;
}

export interface ColumnGenerationOptions {
  /** Master/pricing rounds after the first pricing (a count, so the bound repeats exactly). */
  readonly rounds: number;
  /** Stops before the next round when it returns true (a time budget). */
  readonly stop?: () => boolean;
  /**
   * Stops before the next round once the solves have done this much work: their simplex iterations plus
   * SOLVE_WORK per solve. A budget that, unlike the clock, gives the same rounds (and master point) on every run.
   * The first round is always solved, so that there is a master point (10,000 cranes: the seeds and the first
   * pricing alone spend a 60 s budget).
   */
  readonly maxWork?: number;
  /**
   * The mean rows of the blocks `maxWork` was sized for: a simplex iteration costs about in proportion to its LP's
   * rows, so larger blocks shrink the budget in proportion (never grow it: on small blocks the per-solve set-up
   * dominates). The national set by week (841 rows a block) does about 48,000 work a second where 2,000 cranes
   * (593) do 69,000.
   */
  readonly referenceBlockRows?: number;
  /**
   * Reports the result so far (the bound, the master's point) at the end of the first round after which the solves
   * have done this much work (scaled as `maxWork`), and goes on to `maxWork`: a plan can then be built from that point
   * while the bound keeps rising. Called once: at the end, when the run stops before that work.
   */
  readonly early?: {
    readonly afterWork: number;
    /** Once `afterWork` is spent, the report also waits until the master has nearly converged. */
    readonly converged?: MasterConvergence;
    readonly report: (result: ColumnGenerationResult) => void;
  };
  /** Starting prices of the coupling rows, by row name (e.g. a relaxation's duals); missing rows start at 0. */
  readonly initialDuals?: ReadonlyMap<string, number>;
  /** Whole solutions (column values, e.g. of heuristic plans) whose blocks seed the master. */
  readonly seeds?: readonly (readonly number[])[];
  /**
   * Box step: the master's prices are kept within this share of the best prices so far (per row, plus the row
   * family's mean), widened ×1.5 after a round that improves the bound and narrowed ×0.5 after one that does not.
   * Default 0.1. Without it the master's first prices are far off (national set: no gain in 5 rounds, against
   * 2,050.8 → 2,099.9 with it; 2,000 cranes: 9,841.6 → 10,423.9 in 6 rounds).
   */
  readonly boxWidth?: number;
  /** Each solve's time limit (seconds). */
  readonly secondsPerSolve: number;
}

export interface ColumnGenerationResult {
  /** Proven lower bound (the best Lagrangian bound of any round); null when no round gave one. */
  readonly bound: number | null;
  /** A block's own rows have no point (prices change only costs): neither has the model. */
  readonly infeasible: boolean;
  /** The columns of the blocks without a point. */
  readonly infeasibleColumns: readonly number[];
  readonly rounds: number;
  readonly seconds: number;
  /** The work of every solve (seeds, pricing and masters): see ColumnGenerationOptions.maxWork. */
  readonly work: number;
  readonly blocks: number;
  /**
   * The last restricted master's solution as column values of the whole model: each block's proposals combined by
   * the master's weights, so every block row and column bound holds; the coupling rows are off by what the price
   * box's artificial columns take up. Null before the first master. (As a contract order at 2,000 cranes it beats the
   * master over the same proposals without the box, which must meet the coupling rows with the few proposals it has:
   * 13,350.9 against 13,896.5.)
   */
  readonly values: readonly number[] | null;
  /** The last restricted master's objective (the price box's artificial columns included); null before the first. */
  readonly masterObjective: number | null;
}

/**
 * A solve's set-up and hand-over, in simplex iterations: at 2,000 cranes a round of 612 block LPs takes about
 * 1.8 s plus 30 µs per iteration, and 1.8 s buys about 60,000 iterations.
 */
const SOLVE_WORK = 100;

/**
 * Block solves handed to the solver and not yet answered, per solver worker: enough that a worker never waits for
 * this thread (2,000 cranes: the same 12 rounds in the same time as with all 612 at once).
 */
const SOLVES_IN_FLIGHT_PER_WORKER = 32;

/**
 * Block LPs a solver worker keeps (each about 1 MB of its 2 GiB WebAssembly heap): 2,000 cranes' 612 blocks on two
 * workers are; 10,000 cranes' 4,000 are not, and go to the solver whole every round.
 */
const RESIDENT_BLOCKS_PER_WORKER = 800;

/**
 * Rounds a proposal stays in the master after it last had weight or was basic there. At 2,000 cranes, the same work
 * budget (3.0M) with every proposal kept: 24 rounds, 11,558.7, 51.2 s (masters of 16k columns, 1.3 s); with 10:
 * 11,543.6, 48.9 s; with 5: 11,535.5, 44.1 s (6k columns, 0.4 s); with 2: 11,394.8, 41.7 s.
 */
const MASTER_COLUMN_AGE = 5;

/**
 * A block's solution, in typed arrays: at 2,000 cranes every round proposes 612 of them, and as arrays of pairs (with
 * each round's block models copied whole) their garbage kept the main thread busy beside the solver's two workers
 * (docs/design/planner.md, item 35).
 */
interface Proposal {
  readonly block: number;
  readonly cost: number;
  /** The coupling rows it uses (positions in couplingRows), and how much of each. */
  readonly useRows: Int32Array;
  readonly useValues: Float64Array;
  /** The block's nonzero column values: model column, value. */
  readonly columns: Int32Array;
  readonly values: Float64Array;
}

/**
 * A lower bound on min { c·x : rows, column box } (and so on its MIP) by Dantzig–Wolfe column generation over the
 * blocks left when the coupling rows (for the planning model: supplier capacity, crews, budgets) are priced out.
 * Every round prices each block's LP at the master's duals (kept in a box around the best prices so far) and the
 * Lagrangian function there, L(y) = Σ_blocks min (c − A_cᵀy)·x_b + y·b_c, is a proven bound for any prices y; each
 * block's minimum is itself taken from `lagrangianBound` on its LP duals, so inexact solves only weaken it. Only
 * blocks and the small master are ever solved, so it works where the whole LP is too large to solve (2,000 cranes:
 * 200k columns). It converges to the LP bound of the whole model (national set: 2,050.8 from the national relaxation's
 * prices, 2,099.9 after 4 rounds, 2,167.5 after 25; the whole LP: 2,188.15).
 */
export async function columnGenerationBound(
  model: MilpModel,
  isCoupling: (row: MilpRow) => boolean,
  solver: MilpSolver,
  options: ColumnGenerationOptions,
): Promise<ColumnGenerationResult> {
  if (model.sense !== 'min') throw new Error('columnGenerationBound: minimisation only');
  const { blocks: allBlocks, couplingRows } = blockStructure(model, isCoupling);
  const couplingOf: (readonly (readonly [number, number])[])[] = model.columns.map(() => []);
  couplingRows.forEach((i, k) => {
    const row = model.rows[i] as MilpRow;
    row.indices.forEach((j, q) => (couplingOf[j] as [number, number][]).push([k, row.values[q] as number]));
  });
  // Columns with no local rows are master columns themselves; the rest are priced blocks.
  const blocks = allBlocks.filter((b) => b.rows.length > 0);
  const freeColumns = allBlocks.filter((b) => b.rows.length === 0).flatMap((b) => b.columns);
  let seconds = 0;
  let work = 0;
  let infeasible = false;
  const infeasibleColumns: number[] = [];
  const meanBlockRows = blocks.reduce((a, b) => a + b.rows.length, 0) / Math.max(1, blocks.length);
  const scaled = (w: number | undefined): number | undefined =>
    w === undefined || options.referenceBlockRows === undefined
      ? w
      : w * Math.min(1, options.referenceBlockRows / Math.max(1, meanBlockRows));
  const maxWork = scaled(options.maxWork);
  const earlyWork = scaled(options.early?.afterWork);
  // Past this, the early report no longer waits for the master to converge.
  const latestEarlyWork = (earlyWork ?? Infinity) * (options.early?.converged?.latest ?? 1);

  const proposals: Proposal[] = [];
  // The coupling rows' use by the block being proposed, and which of them it touched, in order of first use (each
  // stamped with the proposal's number).
  const useScratch = new Float64Array(couplingRows.length);
  const touchedIn = new Int32Array(couplingRows.length);
  const touchedScratch: number[] = [];
  let proposalCount = 0;
  /** A block's solution as a proposal; `values` in the order of the block's columns (as its model has them). */
  const propose = (blockIndex: number, values: ArrayLike<number>): void => {
    const block = blocks[blockIndex] as ModelBlock;
    let cost = 0;
    const columns: number[] = [];
    const columnValues: number[] = [];
    touchedScratch.length = 0;
    const stamp = ++proposalCount;
    for (let q = 0; q < block.columns.length; q++) {
      const v = values[q] ?? 0;
      if (v === 0) continue;
      const j = block.columns[q] as number;
      columns.push(j);
      columnValues.push(v);
      cost += (model.columns[j] as MilpColumn).cost * v;
      for (const [k, a] of couplingOf[j] as readonly (readonly [number, number])[]) {
        if (touchedIn[k] !== stamp) {
          touchedIn[k] = stamp;
          touchedScratch.push(k);
        }
        useScratch[k] = (useScratch[k] as number) + a * v;
      }
    }
    const useRows = Int32Array.from(touchedScratch);
    const useValues = Float64Array.from(touchedScratch, (k) => useScratch[k] as number);
    for (const k of touchedScratch) useScratch[k] = 0;
    proposals.push({
      block: blockIndex,
      cost,
      useRows,
      useValues,
      columns: Int32Array.from(columns),
      values: Float64Array.from(columnValues),
    });
  };

  const workers = Math.max(1, solver.parallelism ?? 1);
  const inFlight = pLimit(SOLVES_IN_FLIGHT_PER_WORKER * workers);
  // Each block's last basis: between rounds only its costs change, so the simplex starts from there.
  const bases: (LpBasis | undefined)[] = blocks.map(() => undefined);
  // And its rows, numbered over its own columns: built once (2,000 cranes: 12 rounds 3.5 s sooner).
  const rowsOf = blocks.map((block) => blockRows(model, block));
  // Where the solver can keep the block LPs, only their costs go to it each round.
  const residentModels =
    solver.openResidentLps !== undefined && blocks.length <= RESIDENT_BLOCKS_PER_WORKER * workers
      ? blocks.map((block, b) =>
          blockModel(model, block, (j) => model.columns[j] as MilpColumn, rowsOf[b] as readonly MilpRow[]),
        )
      : null;
  const resident: ResidentLps | null =
    residentModels !== null && solver.openResidentLps !== undefined
      ? await solver.openResidentLps(residentModels)
      : null;
  // Every block LP is solved with these.
  const lpOptions = { timeLimitSeconds: options.secondsPerSolve, mipRelGap: 0, relaxIntegrality: true };
  try {
    /** Solves every block at prices y (by coupling row position); the Lagrangian bound and the blocks' solutions. */
    const price = async (y: readonly number[]): Promise<number | null> => {
      const reduced = model.columns.map((c) => c.cost);
      let bound = model.offset ?? 0;
      let magnitude = Math.abs(bound);
      couplingRows.forEach((i, k) => {
        const yk = y[k] ?? 0;
        if (yk === 0) return;
        const row = model.rows[i] as MilpRow;
        const term = yk * (yk > 0 ? row.lower : row.upper);
        bound += term;
        magnitude += Math.abs(term);
        row.indices.forEach((j, q) => {
          reduced[j] = (reduced[j] as number) - yk * (row.values[q] as number);
        });
      });
      for (const j of freeColumns) {
        const d = reduced[j] as number;
        const column = model.columns[j] as MilpColumn;
        if (d === 0) continue;
        const at = d > 0 ? column.lower : column.upper;
        if (!Number.isFinite(at)) return null;
        bound += d * at;
        magnitude += Math.abs(d * at);
      }
      // Many blocks are handed to the solver at once: a solver in a worker thread then works through them while this
      // thread does other work, instead of waiting for this thread between blocks. Not all at once: each block model
      // is a copy, and at 10,000 cranes all 4,000 of them (and their copies queued for the workers) took 5.1 GB.
      const solved = await Promise.all(
        blocks.map((block, b) =>
          inFlight(async () => {
            // A resident block needs only its costs: no copy of its columns each round.
            const residentModel = residentModels?.[b];
            if (resident !== null && residentModel !== undefined) {
              const costs = block.columns.map((j) => reduced[j] as number);
              const r = await resident.solve(b, costs, lpOptions);
              return {
                r,
                subBound: r.rowDuals !== undefined ? lagrangianBound(residentModel, r.rowDuals, costs) : null,
              };
            }
            const sub = blockModel(
              model,
              block,
              (j) => ({ ...(model.columns[j] as MilpColumn), cost: reduced[j] as number }),
              rowsOf[b] as readonly MilpRow[],
            );
            const basis = bases[b];
            const r = await solver.solve(sub, {
              ...lpOptions,
              ...(basis !== undefined ? { initialBasis: basis, lpAlgorithm: 'primal-simplex' as const } : {}),
            });
            return { r, subBound: r.rowDuals !== undefined ? lagrangianBound(sub, r.rowDuals) : null };
          }),
        ),
      );
      let ok = true;
      solved.forEach(({ r, subBound }, b) => {
        if (r.status === 'infeasible') {
          infeasible = true;
          infeasibleColumns.push(...(blocks[b] as ModelBlock).columns);
        }
        seconds += r.seconds;
        work += SOLVE_WORK + (r.iterations ?? 0);
        if (r.basis !== undefined) bases[b] = r.basis;
        if (subBound === null) ok = false;
        else {
          bound += subBound;
          magnitude += Math.abs(subBound);
        }
        if (r.values !== null) propose(b, r.values);
      });
      if (!ok) return null;
      return bound - magnitude * (couplingRows.length + model.columns.length + 1) * Number.EPSILON;
    };

    // Start: the given prices (a relaxation's duals, signs as lagrangianBound takes them), and the seeds' blocks.
    const signed = (k: number, yk: number): number => {
      const row = model.rows[couplingRows[k] as number] as MilpRow;
      if (!Number.isFinite(yk) || (yk > 0 && row.lower === -Infinity) || (yk < 0 && row.upper === Infinity))
        return 0;
      return yk;
    };
    let y = couplingRows.map((i, k) =>
      signed(k, options.initialDuals?.get((model.rows[i] as MilpRow).name) ?? 0),
    );
    // A seed's integer columns are kept and its continuous ones (the funding split) completed block by block.
    for (const seed of options.seeds ?? []) {
      const completed = await Promise.all(
        blocks.map((block, b) =>
          inFlight(() =>
            solver.solve(
              blockModel(
                model,
                block,
                (j) => {
                  const column = model.columns[j] as MilpColumn;
                  const v = seed[j] ?? 0;
                  return column.integer ? { ...column, lower: v, upper: v } : column;
                },
                rowsOf[b] as readonly MilpRow[],
              ),
              lpOptions,
            ),
          ),
        ),
      );
      completed.forEach((r, b) => {
        seconds += r.seconds;
        work += SOLVE_WORK + (r.iterations ?? 0);
        if (r.status === 'optimal' && r.values !== null) propose(b, r.values);
      });
    }
    let best = await price(y);
    let bestY = y;
    let rounds = 0;
    // Artificial columns keep the master feasible before the proposals can meet the coupling rows; their costs bound
    // the duals: the box's ends, or (without a box) a price large against every cost.
    const maxCost = model.columns.reduce((a, c) => Math.max(a, Math.abs(c.cost)), 1);
    const penalty = 1e4 * maxCost;
    let boxScale = options.boxWidth ?? 0.1;
    // Rows of one family (supply_, crew_, budget_) have prices of one scale: a row priced 0 gets the family's mean.
    const family = couplingRows.map((i) => (model.rows[i] as MilpRow).name.split('_')[0] ?? '');
    const boxAround = (center: readonly number[]): PriceBox => {
      const sums = new Map<string, { total: number; count: number }>();
      center.forEach((c, k) => {
        const f = family[k] ?? '';
        const e = sums.get(f) ?? { total: 0, count: 0 };
        sums.set(f, { total: e.total + Math.abs(c), count: e.count + 1 });
      });
      const width = center.map((c, k) => {
        const e = sums.get(family[k] ?? '') ?? { total: 0, count: 1 };
        return boxScale * (Math.abs(c) + e.total / e.count) + 1e-9;
      });
      return { center, width };
    };
    const proposed = (): boolean => new Set(proposals.map((p) => p.block)).size === blocks.length;
    const withinBudget = (): boolean => maxWork === undefined || work < maxWork;
    let lastMaster: {
      readonly values: readonly number[];
      /** The proposals it was over (positions in `proposals`), in its column order. */
      readonly over: readonly number[];
      readonly basis?: LpBasis;
      readonly objective: number | null;
    } | null = null;
    // The last round in which each proposal had weight or was basic in the master (or was proposed).
    const lastUsed: number[] = [];
    let reported = false;
    // Whether the last master's objective is within the early report's gap of the best bound (true without one).
    const converged = (): boolean => {
      const within = options.early?.converged?.masterGap;
      if (within === undefined) return true;
      const objective = lastMaster?.objective;
      if (objective == null || best === null) return false;
      return objective - best <= within * Math.abs(objective);
    };
    // The result after `roundsDone` rounds, given to `early` once.
    const report = (roundsDone: number): ColumnGenerationResult => {
      const result = {
        bound: infeasible ? null : best,
        infeasible,
        infeasibleColumns: [...infeasibleColumns],
        rounds: roundsDone,
        seconds,
        work,
        blocks: blocks.length,
        values:
          lastMaster === null
            ? null
            : combined(
                model,
                lastMaster.over.map((q) => proposals[q] as Proposal),
                freeColumns,
                lastMaster.values,
              ),
        masterObjective: lastMaster?.objective ?? null,
      };
      if (!reported) options.early?.report(result);
      reported = true;
      return result;
    };
    for (
      ;
      rounds < options.rounds &&
      !infeasible &&
      options.stop?.() !== true &&
      (rounds === 0 || withinBudget()) &&
      proposed();
      rounds++
    ) {
      while (lastUsed.length < proposals.length) lastUsed.push(rounds);
      const over = proposals.flatMap((_, q) =>
        rounds - (lastUsed[q] as number) <= MASTER_COLUMN_AGE ? [q] : [],
      );
      const master = buildMaster(
        model,
        couplingRows,
        blocks.length,
        over.map((q) => proposals[q] as Proposal),
        freeColumns,
        couplingOf,
        penalty,
        boxScale > 0 ? boxAround(bestY) : null,
      );
      // The last master's basis over these columns, the ones new to it nonbasic at zero: still primal feasible
      // (the columns left out were nonbasic).
      const masterStart =
        lastMaster?.basis !== undefined ? restarted(lastMaster.basis, lastMaster.over, over) : undefined;
      const m = await solver.solve(master, {
        timeLimitSeconds: options.secondsPerSolve,
        mipRelGap: 0,
        relaxIntegrality: true,
        ...(masterStart !== undefined
          ? { initialBasis: masterStart, lpAlgorithm: 'primal-simplex' as const }
          : {}),
      });
      seconds += m.seconds;
      work += SOLVE_WORK + (m.iterations ?? 0);
      if (m.values !== null) {
        const weights = m.values;
        lastMaster = {
          values: weights,
          over,
          objective: m.objective,
          ...(m.basis !== undefined ? { basis: m.basis } : {}),
        };
        over.forEach((q, c) => {
          if ((weights[c] ?? 0) > 0 || m.basis?.colStatus[c] === 1) lastUsed[q] = rounds;
        });
      }
      if (m.rowDuals === undefined) break;
      const duals = m.rowDuals;
      y = couplingRows.map((_, k) => signed(k, duals[k] ?? 0));
      const bound = await price(y);
      if (bound !== null && (best === null || bound > best)) {
        best = bound;
        bestY = y;
        boxScale *= 1.5;
      } else boxScale *= 0.5;
      if (
        !reported &&
        earlyWork !== undefined &&
        work >= earlyWork &&
        (converged() || work >= latestEarlyWork)
      )
        report(rounds + 1);
    }
    return report(rounds);
  } finally {
    await resident?.close();
  }
}

/**
 * A master basis carried to the next master: `before` and `after` list the proposals each is over (in column order);
 * a proposal new to it is nonbasic at zero; the columns after the proposals (free columns, artificials) keep theirs.
 */
function restarted(basis: LpBasis, before: readonly number[], after: readonly number[]): LpBasis {
  const status = new Map(before.map((q, c) => [q, basis.colStatus[c] as number]));
  return {
    colStatus: [...after.map((q) => status.get(q) ?? 0), ...basis.colStatus.slice(before.length)],
    rowStatus: basis.rowStatus,
  };
}

/** Column values of the whole model from a master solution (the master's columns in `buildMaster`'s order). */
function combined(
  model: MilpModel,
  proposals: readonly Proposal[],
  freeColumns: readonly number[],
  master: readonly number[],
): number[] {
  const values = model.columns.map(() => 0);
  proposals.forEach((p, q) => {
    const weight = master[q] ?? 0;
    if (weight === 0) return;
    for (let i = 0; i < p.columns.length; i++) {
      const j = p.columns[i] as number;
      values[j] = (values[j] as number) + weight * (p.values[i] as number);
    }
  });
  freeColumns.forEach((j, q) => {
    values[j] = master[proposals.length + q] ?? 0;
  });
  return values;
}

/** One block as a model of its own, its columns as `column` gives them. */
function blockModel(
  model: MilpModel,
  block: ModelBlock,
  column: (j: number) => MilpColumn,
  rows: readonly MilpRow[],
): MilpModel {
  return { sense: 'min', columns: block.columns.map(column), rows };
}

/** The block's rows over its own columns (numbered as in `block.columns`). */
function blockRows(model: MilpModel, block: ModelBlock): MilpRow[] {
  const local = new Map(block.columns.map((j, q) => [j, q]));
  return block.rows.map((i) => {
    const row = model.rows[i] as MilpRow;
    return { ...row, indices: row.indices.map((j) => local.get(j) as number) };
  });
}

/** Prices kept within center ± width by two artificial columns per row, costed at the box's ends. */
interface PriceBox {
  readonly center: readonly number[];
  readonly width: readonly number[];
}

/** The restricted master LP: convex combinations of each block's proposals, the free columns, and artificials. */
function buildMaster(
  model: MilpModel,
  couplingRows: readonly number[],
  blockCount: number,
  proposals: readonly Proposal[],
  freeColumns: readonly number[],
  couplingOf: readonly (readonly (readonly [number, number])[])[],
  penalty: number,
  box: PriceBox | null,
): MilpModel {
  const columns: MilpColumn[] = [];
  const rowIndices: number[][] = couplingRows.map(() => []);
  const rowValues: number[][] = couplingRows.map(() => []);
  const convexity: number[][] = Array.from({ length: blockCount }, () => []);
  for (const p of proposals) {
    const j = columns.length;
    columns.push({ name: `lambda_${j}`, lower: 0, upper: Infinity, cost: p.cost, integer: false });
    (convexity[p.block] as number[]).push(j);
    for (let q = 0; q < p.useRows.length; q++) {
      const k = p.useRows[q] as number;
      (rowIndices[k] as number[]).push(j);
      (rowValues[k] as number[]).push(p.useValues[q] as number);
    }
  }
  for (const c of freeColumns) {
    const j = columns.length;
    columns.push({ ...(model.columns[c] as MilpColumn), integer: false });
    for (const [k, a] of couplingOf[c] as readonly (readonly [number, number])[]) {
      (rowIndices[k] as number[]).push(j);
      (rowValues[k] as number[]).push(a);
    }
  }
  couplingRows.forEach((i, k) => {
    const row = model.rows[i] as MilpRow;
    // One artificial per finite side, each moving the row towards that side.
    if (row.upper !== Infinity || box !== null) {
      (rowIndices[k] as number[]).push(columns.length);
      (rowValues[k] as number[]).push(-1);
      const cost = box === null ? penalty : (box.width[k] ?? 0) - (box.center[k] ?? 0);
      columns.push({ name: `over_${k}`, lower: 0, upper: Infinity, cost, integer: false });
    }
    if (row.lower !== -Infinity || box !== null) {
      (rowIndices[k] as number[]).push(columns.length);
      (rowValues[k] as number[]).push(1);
      const cost = box === null ? penalty : (box.center[k] ?? 0) + (box.width[k] ?? 0);
      columns.push({ name: `under_${k}`, lower: 0, upper: Infinity, cost, integer: false });
    }
  });
  const rows: MilpRow[] = couplingRows.map((i, k) => {
    const row = model.rows[i] as MilpRow;
    return {
      name: row.name,
      lower: row.lower,
      upper: row.upper,
      indices: rowIndices[k] as number[],
      values: rowValues[k] as number[],
    };
  });
  convexity.forEach((indices, b) =>
    rows.push({ name: `convexity_${b}`, lower: 1, upper: 1, indices, values: indices.map(() => 1) }),
  );
  return { sense: 'min', offset: model.offset ?? 0, columns, rows };
}
