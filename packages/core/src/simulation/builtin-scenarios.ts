import { Scenario, type ScenarioInput } from './scenario.js';

const uncertainty = {
  leadTimes: { fallbackMinFactor: 1, fallbackMaxFactor: 1.3 },
  shippingDelay: { probability: 0.2, months: { min: 0, mode: 1, max: 3 } },
  commissioning: { useSupplierRange: true, slip: { probability: 0.15, months: { min: 0, mode: 1, max: 3 } } },
  demandGrowth: { min: -0.02, mode: 0, max: 0.02 },
} satisfies Partial<ScenarioInput>;

const inputs: readonly ScenarioInput[] = [
  {
    name: 'as-planned',
    description: 'No disruption: every date happens as planned (a check on the replay).',
  },
  {
    name: 'baseline-uncertainty',
    description:
      'Everyday uncertainty: lead times from the suppliers’ ranges (18–24 months for large cranes), occasional shipping delays and commissioning slips, demand between 2% a year below and 2% a year above the forecast.',
    ...uncertainty,
  },
  {
    name: 'western-pacific-crisis-2027',
    description:
      'A crisis in the Western Pacific during 2027: the untrusted cranes still in service go dark for 3–12 months, PRC makers stop delivering and stop sending spare parts (untrusted cranes then fail at 5% a month).',
    ...uncertainty,
    supplierLosses: [{ suppliers: 'untrusted', share: 1, from: { month: '2027-01' } }],
    adversary: [
      {
        kind: 'disable-untrusted',
        name: 'cranes disabled',
        hazard: { kind: 'window', from: '2027-01', to: '2027-12', probability: 1 },
        share: 1,
        durationMonths: { min: 3, mode: 6, max: 12 },
      },
      {
        kind: 'spare-parts-cutoff',
        name: 'spare parts stop',
        hazard: { kind: 'with', event: 'cranes disabled' },
        failureProbabilityPerMonth: 0.05,
      },
    ],
  },
  {
    name: 'adversary-hazard-5pct',
    description:
      'A constant 5% yearly chance that half of the untrusted cranes still in service are disabled for 2–9 months.',
    ...uncertainty,
    adversary: [
      {
        kind: 'disable-untrusted',
        hazard: { kind: 'constant', annualProbability: 0.05 },
        share: 0.5,
        durationMonths: { min: 2, mode: 4, max: 9 },
      },
    ],
  },
  {
    name: 'budget-cut-year-2',
    description:
      'The program’s second fiscal year is funded at 60%, learned 0–6 months into the year (most likely January): contracts signed before stand, later ones that no longer fit wait for the next year.',
    ...uncertainty,
    fundingShocks: [{ planYear: 2, share: 0.4, mode: 'cut' }],
  },
  {
    name: 'supplier-slip-6-months',
    description: 'Every maker delivers six months late, on top of everyday uncertainty.',
    ...uncertainty,
    supplierSlips: [{ suppliers: 'all', months: { min: 6, mode: 6, max: 6 } }],
  },
];

/** The built-in named scenarios, validated once. */
export const builtinScenarios: readonly Scenario[] = inputs.map((s) => Scenario.parse(s));

export function findBuiltinScenario(name: string): Scenario | undefined {
  return builtinScenarios.find((s) => s.name === name);
}
