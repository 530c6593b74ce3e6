import {
  generateProblem,
  greedyPlan,
  periodDateLabel,
  validatePlan,
  type PlannedReplacement,
} from '@portguard/core';
import { describe, expect, it } from 'vitest';
import { cliPrincipal } from '../../src/auth/principal.js';
import { verifyAuditLog } from '../../src/audit/verify.js';
import type { Context } from '../../src/services/context.js';
import {
  approveBaseline,
  recordForecast,
  recordStep,
  replan,
  reviseBudget,
  trackStatus,
} from '../../src/tracking/service.js';
import { contextFor } from '../support/context.js';
import { forEachDialect } from '../support/databases.js';

const START = '2027-01';
/** Mid-month date of a period (monthly calendar). */
const dateOf = (p: number) => periodDateLabel(START, 'month', p).slice(0, 8) + '15';

forEachDialect((_dialect, open) => {
  describe('scripted history', () => {
    it('contracts, a six-month slip, an early delivery and a budget cut end in a valid re-plan that keeps the facts', async () => {
      const store = await open();
      let now = new Date('2026-12-01T12:00:00Z');
      const ctx: Context = { ...contextFor(store), clock: { now: () => now } };
      const at = (p: number) => {
        now = new Date(`${dateOf(p)}T12:00:00Z`);
      };
      const actor = cliPrincipal('cli:planner');

      const problem = generateProblem({
        terminals: 4,
        cranes: 14,
        suppliers: 2,
        years: 10,
        seed: 31,
        budgetScale: 2.5,
        startMonth: START,
      });
      const baselinePlan = greedyPlan(problem);
      expect(validatePlan(problem, baselinePlan)).toEqual([]);
      await approveBaseline(ctx, actor, { name: 'FY27 baseline', problem, plan: baselinePlan });
      await expect(
        approveBaseline(ctx, actor, { name: 'FY27 baseline', problem, plan: baselinePlan }),
      ).rejects.toThrow(/immutable/);

      // The first replacement contracted, and the first at another terminal.
      const byContract = [...baselinePlan.replacements].sort((a, b) => a.contractPeriod - b.contractPeriod);
      const slipped: PlannedReplacement = byContract[0]!;
      const early: PlannedReplacement = byContract.find((r) => r.terminalId !== slipped.terminalId)!;
      expect(early).toBeDefined();
      const supplierOf = (r: PlannedReplacement) => problem.suppliers.find((s) => s.id === r.supplierId)!;

      // Contracts, as planned.
      at(slipped.contractPeriod);
      await recordStep(ctx, actor, {
        craneId: slipped.craneId,
        event: 'contracted',
        date: dateOf(slipped.contractPeriod),
        amountCents: slipped.costCents,
        evidence: 'contract DOT-2027-001',
      });
      at(Math.max(slipped.contractPeriod, early.contractPeriod));
      await recordStep(ctx, actor, {
        craneId: early.craneId,
        event: 'contracted',
        date: dateOf(early.contractPeriod),
        supplierId: early.supplierId,
      });
      // Going back needs a correction with a reason.
      await expect(
        recordStep(ctx, actor, {
          craneId: early.craneId,
          event: 'funded',
          date: dateOf(early.contractPeriod),
        }),
      ).rejects.toThrow(/cannot record funded/);

      // Early delivery (two months) and commissioning on time after it at the second terminal.
      const earlyArrival = early.arrivalPeriod - 2;
      expect(earlyArrival).toBeGreaterThanOrEqual(early.contractPeriod);
      const earlyInService = earlyArrival + supplierOf(early).commissioningPeriods;
      at(earlyInService);
      await recordStep(ctx, actor, {
        craneId: early.craneId,
        event: 'delivered',
        date: dateOf(earlyArrival),
      });
      await recordStep(ctx, actor, {
        craneId: early.craneId,
        event: 'commissioned',
        date: dateOf(earlyInService),
      });

      // The supplier slips six months at the first terminal: delivered six months late.
      const lateArrival = slipped.arrivalPeriod + 6;
      at(Math.max(lateArrival, earlyInService) + 1);
      await recordStep(ctx, actor, {
        craneId: slipped.craneId,
        event: 'shipped',
        date: dateOf(lateArrival - 1),
      });
      await recordStep(ctx, actor, {
        craneId: slipped.craneId,
        event: 'delivered',
        date: dateOf(lateArrival),
      });
      const lateInService = lateArrival + supplierOf(slipped).commissioningPeriods;
      at(Math.max(lateInService, earlyInService) + 1);
      await recordStep(ctx, actor, {
        craneId: slipped.craneId,
        event: 'commissioned',
        date: dateOf(lateInService),
      });

      // A budget cut: next fiscal year's appropriation halved.
      const todayFy = problem.calendar[Math.max(lateInService, earlyInService) + 1]!.fiscalYear;
      const line = problem.budgets.find((b) => b.fiscalYear === todayFy + 1)!;
      await reviseBudget(ctx, actor, {
        programId: line.programId,
        fiscalYear: line.fiscalYear,
        amountCents: Math.round(line.amountCents / 2),
        reason: 'appropriation cut in conference',
      });

      // Every other replacement the baseline had started by today went as planned.
      const todayPeriod = Math.max(lateInService, earlyInService) + 1;
      let onPlan = 0;
      for (const r of byContract) {
        if (r === slipped || r === early || r.contractPeriod >= todayPeriod) continue;
        onPlan++;
        await recordStep(ctx, actor, {
          craneId: r.craneId,
          event: 'contracted',
          date: dateOf(r.contractPeriod),
          amountCents: r.costCents,
        });
        // In the order they happened: an old crane may leave before its successor is commissioned.
        const steps = (
          [
            ['delivered', r.arrivalPeriod],
            ['commissioned', r.inServicePeriod],
            ['old-crane-retired', r.retirePeriod],
          ] as const
        )
          .filter(([, p]) => p < todayPeriod)
          .sort((x, y) => x[1] - y[1]);
        for (const [event, p] of steps)
          await recordStep(ctx, actor, { craneId: r.craneId, event, date: dateOf(p) });
      }
      expect(onPlan).toBeGreaterThan(0);

      const status = await trackStatus(ctx);
      const started = onPlan + 2;
      expect(status.total.counts.planned).toBe(
        problem.terminals.flatMap((t) => t.groups.flatMap((g) => g.craneIds)).length - started,
      );
      expect(status.total.obligatedCents).toBe(
        slipped.costCents +
          byContract
            .filter((r) => r !== slipped && r !== early && r.contractPeriod < todayPeriod)
            .reduce((a, r) => a + r.costCents, 0),
      );

      // A contract signed today, and its supplier already forecasting delivery four months after its lead time.
      const next = byContract.find((r) => r.contractPeriod >= todayPeriod)!;
      await recordStep(ctx, actor, {
        craneId: next.craneId,
        event: 'contracted',
        date: dateOf(todayPeriod),
        supplierId: next.supplierId,
      });
      const forecastArrival = todayPeriod + supplierOf(next).leadTimePeriods + 4;
      await expect(
        recordForecast(ctx, actor, {
          craneId: next.craneId,
          arrivalDate: dateOf(todayPeriod - 1),
          reason: 'x',
        }),
      ).rejects.toThrow(/cannot record a delivery forecast/);
      await recordForecast(ctx, actor, {
        craneId: next.craneId,
        arrivalDate: dateOf(forecastArrival),
        reason: 'mill strike at the steel supplier',
        evidence: 'supplier letter 2029-07',
      });

      const result = await replan(ctx, { method: 'greedy' });
      // The floor and every other hard constraint hold.
      expect(result.issues).toEqual([]);
      expect(result.plan.status).toBe('feasible');
      expect(result.actual.notes).toEqual([]);
      const byId = new Map(result.plan.replacements.map((r) => [r.craneId, r]));
      // Every recorded fact is kept.
      const s = byId.get(slipped.craneId)!;
      expect([s.contractPeriod, s.arrivalPeriod, s.supplierId]).toEqual([
        slipped.contractPeriod,
        lateArrival,
        slipped.supplierId,
      ]);
      // The forecast is the arrival, and the comparison calls it forecast slippage, not actual.
      expect(byId.get(next.craneId)?.arrivalPeriod).toBe(forecastArrival);
      const nextSlip = result.comparison.cranes.find((c) => c.craneId === next.craneId)!;
      expect([nextSlip.source, nextSlip.forecastSlipPeriods, nextSlip.deliverySlipPeriods]).toEqual([
        'forecast',
        forecastArrival - next.arrivalPeriod,
        null,
      ]);
      expect(result.comparison.forecasts.map((f) => [f.craneId, f.reason])).toEqual([
        [next.craneId, 'mill strike at the steel supplier'],
      ]);
      const slippedSlip = result.comparison.cranes.find((c) => c.craneId === slipped.craneId)!;
      expect([slippedSlip.deliverySlipPeriods, slippedSlip.forecastSlipPeriods]).toEqual([6, null]);
      const e = byId.get(early.craneId)!;
      expect([e.contractPeriod, e.arrivalPeriod, e.inServicePeriod]).toEqual([
        early.contractPeriod,
        earlyArrival,
        earlyInService,
      ]);
      // Nothing new is contracted before today.
      const recorded = new Set(
        byContract.filter((r) => r.contractPeriod < todayPeriod || r === next).map((r) => r.craneId),
      );
      for (const r of result.plan.replacements)
        if (!recorded.has(r.craneId))
          expect(r.contractPeriod).toBeGreaterThanOrEqual(result.actual.todayPeriod);
      expect(result.plan.replacements.filter((r) => !recorded.has(r.craneId)).length).toBeGreaterThan(0);
      // Slippage against the baseline: late at the first terminal, early at the second.
      const slip = new Map(result.comparison.cranes.map((c) => [c.craneId, c.slipPeriods]));
      expect(slip.get(slipped.craneId)).toBe(6);
      const slippedTerminal = result.comparison.terminals.find((t) => t.terminalId === slipped.terminalId)!;
      expect(slippedTerminal.late).toBeGreaterThanOrEqual(1);
      // Every crane is still replaced within the horizon.
      expect(result.plan.replacements).toHaveLength(baselinePlan.replacements.length);
      expect(slip.get(early.craneId)).toBe(-2);
      expect(result.comparison.missed).toContainEqual(
        expect.objectContaining({
          craneId: slipped.craneId,
          milestone: 'delivered',
          recorded: dateOf(lateArrival),
        }),
      );
      expect(result.changes.find((c) => c.craneId === early.craneId)?.why).toMatch(/commissioned .*recorded/);
      // The cut year spends no more than its revised appropriation in the re-plan.
      expect(
        result.actual.problem.budgets.find(
          (b) => b.programId === line.programId && b.fiscalYear === line.fiscalYear,
        )?.amountCents,
      ).toBe(Math.round(line.amountCents / 2));

      // The MILP, started from the greedy re-plan with a short time limit, keeps the same facts and the floor.
      const milp = await replan(ctx, { method: 'milp', timeLimitSeconds: 5 });
      expect(milp.issues).toEqual([]);
      // The solver's own plan (the model reads the facts in its terms), no worse than greedy.
      expect(milp.plan.method).toBe('milp');
      expect(milp.plan.diagnostics.join('\n')).not.toMatch(/infeasible|breaks|greedy kept/);
      expect(milp.plan.riskExposure).toBeLessThanOrEqual(result.plan.riskExposure);
      const m = new Map(milp.plan.replacements.map((r) => [r.craneId, r]));
      expect(m.get(slipped.craneId)?.arrivalPeriod).toBe(lateArrival);
      expect(m.get(early.craneId)?.inServicePeriod).toBe(earlyInService);
      expect(m.get(next.craneId)?.arrivalPeriod).toBe(forecastArrival);
      expect(milp.comparison.cranes.find((c) => c.craneId === slipped.craneId)?.slipPeriods).toBe(6);

      // Every change is in the audit chain, and the chain verifies.
      const actions = await store.db.selectFrom('audit_log').select('action').orderBy('seq').execute();
      const names = actions.map((a) => a.action);
      expect(names[0]).toBe('baseline.approve');
      expect(names.filter((n) => n === 'budget.revise')).toHaveLength(1);
      expect(names.filter((n) => n === 'track.forecast')).toHaveLength(1);
      expect(names.filter((n) => n === 'track.record').length).toBe(
        (await store.db.selectFrom('track_steps').select('seq').execute()).length - 1,
      );
      expect((await verifyAuditLog(store)).ok).toBe(true);
    }, 30_000);
  });
});
