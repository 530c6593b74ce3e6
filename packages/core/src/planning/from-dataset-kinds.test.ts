import { describe, expect, it } from 'vitest';
import { canSeePlanningTerminal } from '../contract/access.js';
import { ids } from '../model/index.js';
import { cameraSiteDataset } from '../testing/index.js';
import { validatePlan } from './evaluate.js';
import { planningProblemFromDataset } from './from-dataset.js';
import { greedyPlan } from './baselines.js';
import { riskFirstPlan } from './heuristics/risk-first.js';
import { facilityOfPlanningTerminal, planningTerminalOfKind } from './problem.js';

const options = { startMonth: '2027-01', years: 5 } as const;

describe('planning assets of other kinds (the CCTV case)', () => {
  it("plans a facility's covered cameras as a unit of their own, with the supplier that offers cameras", () => {
    const r = planningProblemFromDataset(cameraSiteDataset({ cameraOffer: true }), options);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const problem = r.value;
    const unitId = planningTerminalOfKind('eoc-1', 'cctv-camera');
    expect(problem.terminals.map((t) => t.id).sort()).toEqual(['eoc-1~cctv-camera', 'term-a']);
    const unit = problem.terminals.find((t) => t.id === unitId)!;
    expect(facilityOfPlanningTerminal(unit.id)).toBe('eoc-1');
    // Oldest first within a risk level; the two Axis cameras are trusted and stay.
    expect(unit.groups).toEqual([
      { sizeClass: 'cctv-camera', craneIds: ['cam-2', 'cam-1', 'cam-3'], riskPerCranePeriod: 2 / 5 },
    ]);
    expect(unit.trustedCranes).toBe(2);
    // The floor is every camera in service: one leaves only when its replacement is in service.
    expect(new Set(unit.demand)).toEqual(new Set([5]));
    expect(unit.teuPerCranePeriod).toBe(1);
    expect(unit.fundingProgramIds).toEqual(['cameras']);
    expect(unit.region).toBe('west (cctv-camera)');
    expect(problem.crewRegions.map((c) => c.region)).toEqual(['west', 'west (cctv-camera)']);
    // The crane terminal is as it was: its cranes alone, on the crane program.
    const port = problem.terminals.find((t) => t.id === 'term-a')!;
    expect(port.groups.flatMap((g) => g.craneIds).sort()).toEqual(['z1', 'z2']);
    expect(port.fundingProgramIds).toEqual(['ports']);
  });

  it('replaces every covered camera, each leaving only once its replacement is in service, within the camera budget', () => {
    const r = planningProblemFromDataset(cameraSiteDataset({ cameraOffer: true }), options);
    if (!r.ok) throw new Error('dataset');
    const problem = r.value;
    for (const plan of [riskFirstPlan(problem), greedyPlan(problem)]) {
      expect(validatePlan(problem, plan)).toEqual([]);
      const cameras = plan.replacements.filter((x) => x.terminalId === 'eoc-1~cctv-camera');
      expect(cameras.map((x) => x.craneId).sort()).toEqual(['cam-1', 'cam-2', 'cam-3']);
      for (const x of cameras) {
        expect(x.supplierId).toBe('sup-cameras');
        expect(x.retirePeriod).toBeGreaterThanOrEqual(x.inServicePeriod);
      }
      // Two cameras a quarter from the one supplier: the third waits for the next quarter's deliveries.
      const arrivals = cameras.map((x) => x.arrivalPeriod).sort((a, b) => a - b);
      expect(Math.floor(arrivals[2]! / 3)).toBeGreaterThan(Math.floor(arrivals[0]! / 3));
      const cranes = plan.replacements.filter((x) => x.terminalId === 'term-a');
      expect(cranes.map((x) => x.craneId).sort()).toEqual(['z1', 'z2']);
      expect(cranes.every((x) => x.supplierId === 'sup-cranes')).toBe(true);
    }
  });

  it('leaves covered cameras out of the plan while no trusted supplier offers cameras', () => {
    const r = planningProblemFromDataset(cameraSiteDataset({ cameraOffer: false }), options);
    if (!r.ok) throw new Error('dataset');
    expect(r.value.terminals.map((t) => t.id)).toEqual(['term-a']);
    // And says so: the Axis cameras are trusted and not counted.
    expect((r.issues ?? []).filter((i) => i.code === 'planning/no-replacement-rule')).toEqual([
      expect.objectContaining({
        path: ['suppliers'],
        message:
          '3 untrusted cctv-camera unit(s) at 1 facility are not planned: no trusted supplier offers cctv-camera (add an offer for it to plan them)',
      }),
    ]);
    const offered = planningProblemFromDataset(cameraSiteDataset({ cameraOffer: true }), options);
    expect(offered.ok && (offered.issues ?? []).some((i) => i.code === 'planning/no-replacement-rule')).toBe(
      false,
    );
  });

  it('pays for each unit only from the programs that cover its facility and its kind', () => {
    const base = cameraSiteDataset({ cameraOffer: true });
    const everyFacility = ['container-terminal', 'emergency-operations-center'] as const;
    const programsOf = (programs: typeof base.fundingPrograms) => {
      const r = planningProblemFromDataset({ ...base, fundingPrograms: programs }, options);
      if (!r.ok) throw new Error(r.issues.map((i) => i.message).join('\n'));
      return Object.fromEntries(r.value.terminals.map((t) => [t.id, t.fundingProgramIds]));
    };
    const [ports, cameras] = base.fundingPrograms as [
      (typeof base.fundingPrograms)[number],
      (typeof base.fundingPrograms)[number],
    ];
    // Both programs open to both sites, for any kind: both pay for both.
    expect(
      programsOf([
        { ...ports, eligibleFacilityKinds: everyFacility },
        { ...cameras, eligibleFacilityKinds: everyFacility },
      ]),
    ).toEqual({ 'term-a': ['ports', 'cameras'], 'eoc-1~cctv-camera': ['ports', 'cameras'] });
    // The crane program pays for cranes and the camera grant for cameras, wherever they are.
    expect(
      programsOf([
        { ...ports, eligibleFacilityKinds: everyFacility, eligibleAssetKinds: ['sts-crane'] },
        { ...cameras, eligibleFacilityKinds: everyFacility, eligibleAssetKinds: ['cctv-camera', 'nvr-vms'] },
      ]),
    ).toEqual({ 'term-a': ['ports'], 'eoc-1~cctv-camera': ['cameras'] });
  });

  it("shows a facility's units of another kind to whoever may see the facility, and to no one else", () => {
    const own = { kind: 'facilities', ids: [ids.facility('eoc-1')] } as const;
    const other = { kind: 'facilities', ids: [ids.facility('term-a')] } as const;
    expect(canSeePlanningTerminal(own, 'eoc-1~cctv-camera')).toBe(true);
    expect(canSeePlanningTerminal(other, 'eoc-1~cctv-camera')).toBe(false);
    expect(canSeePlanningTerminal(other, 'term-a')).toBe(true);
    expect(canSeePlanningTerminal({ kind: 'all' }, 'eoc-1~cctv-camera')).toBe(true);
  });
});
