import Table from 'cli-table3';

/** Table for people (stdout). Cells are made inert: no terminal escapes from imported text. */
export function printTable(
  head: readonly string[],
  rows: ReadonlyArray<ReadonlyArray<string | number>>,
  options: { readonly alignRight?: readonly number[] } = {},
): void {
  const table = new Table({
    head: [...head],
    style: { head: [], border: [] },
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    ...(options.alignRight
      ? { colAligns: head.map((_, i) => (options.alignRight?.includes(i) ? 'right' : 'left')) }
      : {}),
  });
  for (const r of rows) table.push(r.map((c) => (typeof c === 'number' ? formatNumber(c) : inert(c))));
  process.stdout.write(`${table.toString()}\n`);
}

export const printJson = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

export const formatNumber = (n: number): string => n.toLocaleString('en-US', { maximumFractionDigits: 2 });

export const inert = (s: string): string =>
  s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
