import { afterAll } from 'vitest';
import { describeMilpSolverContract } from './milp-solver.contract.js';
import { InProcessHighsSolver, WorkerHighsSolver } from './highs-solver.js';

describeMilpSolverContract('HiGHS in process', () => new InProcessHighsSolver());

const worker = new WorkerHighsSolver();
afterAll(async () => {
  await worker.close();
});
describeMilpSolverContract('HiGHS in a worker thread', () => worker);
