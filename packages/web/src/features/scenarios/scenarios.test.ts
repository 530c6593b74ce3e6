// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { createElement } from 'react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { MAX_MILP_RUNS, SimulationForm, policyText } from './scenarios.js';

/** The form's requests, answered as the server would: the scenario list, and 202 for a started simulation. */
let posted: unknown[] = [];
beforeEach(() => {
  posted = [];
  vi.stubGlobal('fetch', (url: string, init?: RequestInit) => {
    const json = (status: number, body: unknown) =>
      Promise.resolve(new Response(JSON.stringify(body), { status }));
    if (url === '/api/scenarios')
      return json(200, { items: [{ name: 'baseline-uncertainty', description: 'Lead times vary' }] });
    if (url === '/api/simulations' && init?.method === 'POST') {
      posted.push(JSON.parse(init.body as string));
      return json(202, { id: `sim-${posted.length}` });
    }
    return json(404, { code: 'not_found', message: url, issues: [] });
  });
});
afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

const runsInput = () => screen.getByLabelText(/Runs/) as HTMLInputElement;
const choose = (label: string, value: string) =>
  fireEvent.change(screen.getByLabelText(label), { target: { value } });

async function start(onStarted: (id: string) => void): Promise<unknown> {
  const before = posted.length;
  fireEvent.click(screen.getByRole('button', { name: 'Start' }));
  await waitFor(() => expect(onStarted).toHaveBeenCalledTimes(before + 1));
  return posted[before];
}

describe('Scenarios page: the re-planner choice', () => {
  it('shows the re-planner only with the re-plan policy, and sends it', async () => {
    const onStarted = vi.fn();
    render(createElement(SimulationForm, { onStarted }));
    expect(screen.queryByLabelText('Re-planner')).toBeNull();
    expect(await start(onStarted)).toMatchObject({ policy: 'frozen', runs: 1000 });
    expect(posted[0]).not.toHaveProperty('replanSolver');

    choose('Policy', 'replan');
    expect((screen.getByLabelText('Re-planner') as HTMLSelectElement).value).toBe('heuristic');
    expect(screen.queryByLabelText(/Seconds per re-plan/)).toBeNull();
    choose('Re-planner', 'greedy');
    const greedy = await start(onStarted);
    expect(greedy).toMatchObject({ policy: 'replan', replanSolver: 'greedy', runs: 1000 });
    expect(greedy).not.toHaveProperty('replanTimeSeconds');
    expect(onStarted).toHaveBeenLastCalledWith('sim-2');

    choose('Policy', 'frozen');
    expect(screen.queryByLabelText('Re-planner')).toBeNull();
    expect(await start(onStarted)).not.toHaveProperty('replanSolver');
  });

  it(`limits the runs to ${MAX_MILP_RUNS} for the MILP re-planner and sends its time limit`, async () => {
    const onStarted = vi.fn();
    render(createElement(SimulationForm, { onStarted }));
    expect(runsInput().max).toBe('20000');
    choose('Policy', 'replan');
    choose('Re-planner', 'milp');
    // 1000 runs are over the limit: the form proposes a few tens and caps the input.
    expect(runsInput().value).toBe('20');
    expect(runsInput().max).toBe(String(MAX_MILP_RUNS));
    expect(screen.getByTestId('milp-hint').textContent).toMatch(/at most 200 runs/);
    fireEvent.change(runsInput(), { target: { value: '150' } });
    fireEvent.change(screen.getByLabelText(/Seconds per re-plan/), { target: { value: '3' } });
    expect(await start(onStarted)).toMatchObject({
      policy: 'replan',
      replanSolver: 'milp',
      replanTimeSeconds: 3,
      runs: 150,
    });
    // Runs within the limit are kept when the policy comes back to re-plan with the planner.
    choose('Policy', 'frozen');
    expect(runsInput().max).toBe('20000');
    choose('Policy', 'replan');
    expect(runsInput().value).toBe('150');
    choose('Re-planner', 'heuristic');
    fireEvent.change(runsInput(), { target: { value: '5000' } });
    choose('Re-planner', 'milp');
    expect(runsInput().value).toBe('20');
  });

  it('says which re-planner ran', () => {
    expect(policyText({ policy: 'frozen', replans: 0, replanner: null })).toMatch(/^Frozen plans/);
    expect(
      policyText({ policy: 'replan', replans: 40, replanner: { name: 'milp', timeLimitSeconds: 2 } }),
    ).toBe('Re-planned at each run’s first shock by the planner (MILP), 2 s per re-plan: 40 re-plans.');
    expect(
      policyText({ policy: 'replan', replans: 3, replanner: { name: 'heuristic', timeLimitSeconds: null } }),
    ).toMatch(/by the heuristic .*: 3 re-plans\.$/);
  });
});
