import type { CellType } from './layout.js';

/** A cell as read from any file: text (CSV, XLSX strings), a number or boolean (XLSX), or nothing. */
export type RawCell = string | number | boolean | undefined;

const formulaStart = /^[=+\-@\t\r]/;

/**
 * Makes text safe for spreadsheets: a cell that starts with = + - @ tab or CR (or with the guard quote
 * itself, so the rule can be undone exactly) gets a leading apostrophe.
 */
export function neutralise(text: string): string {
  return formulaStart.test(text) || text.startsWith("'") ? `'${text}` : text;
}

/** Undoes `neutralise`: strips one apostrophe only when it guards a formula start or another apostrophe. */
export function unneutralise(text: string): string {
  return text.length > 1 && text.startsWith("'") && (formulaStart.test(text.slice(1)) || text[1] === "'")
    ? text.slice(1)
    : text;
}

export type CellResult = { ok: true; value: unknown } | { ok: false; expected: string };

const numberText = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;
const groupedNumber = /^[+-]?\d{1,3}(,\d{3})+(\.\d+)?$/;

function toNumber(cell: Exclude<RawCell, undefined>): number | undefined {
  if (typeof cell === 'number') return Number.isFinite(cell) ? cell : undefined;
  if (typeof cell === 'boolean') return undefined;
  const t = unneutralise(cell).trim();
  if (numberText.test(t)) return Number(t);
  if (groupedNumber.test(t)) return Number(t.replaceAll(',', ''));
  return undefined;
}

function splitList(text: string): { ok: true; items: unknown[] } | { ok: false } {
  const t = text.trim();
  if (t.startsWith('[')) {
    try {
      const v: unknown = JSON.parse(t);
      return Array.isArray(v) ? { ok: true, items: v } : { ok: false };
    } catch {
      return { ok: false };
    }
  }
  return {
    ok: true,
    items: t
      .split(';')
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  };
}

/** Reads one cell as the column's type; `undefined` means the cell is empty. */
export function readCell(cell: RawCell, type: CellType): CellResult {
  if (cell === undefined || (typeof cell === 'string' && cell.trim() === ''))
    return { ok: true, value: undefined };
  switch (type) {
    case 'string':
      return { ok: true, value: typeof cell === 'string' ? unneutralise(cell) : String(cell) };
    case 'number': {
      const n = toNumber(cell);
      return n === undefined ? { ok: false, expected: 'a number' } : { ok: true, value: n };
    }
    case 'integer': {
      const n = toNumber(cell);
      return n === undefined || !Number.isInteger(n)
        ? { ok: false, expected: 'a whole number' }
        : { ok: true, value: n };
    }
    case 'boolean': {
      if (typeof cell === 'boolean') return { ok: true, value: cell };
      const t = String(cell).trim().toLowerCase();
      if (['true', 'yes', 'y', '1'].includes(t)) return { ok: true, value: true };
      if (['false', 'no', 'n', '0'].includes(t)) return { ok: true, value: false };
      return { ok: false, expected: 'true or false' };
    }
    case 'json': {
      if (typeof cell !== 'string') return { ok: false, expected: 'JSON text' };
      try {
        return { ok: true, value: JSON.parse(unneutralise(cell)) };
      } catch {
        return { ok: false, expected: 'JSON text (e.g. {"kind":"user"} or [ … ])' };
      }
    }
    case 'list': {
      const r = splitList(typeof cell === 'string' ? unneutralise(cell) : String(cell));
      return r.ok
        ? { ok: true, value: r.items }
        : { ok: false, expected: 'values separated by ; or a JSON array' };
    }
    case 'number-list': {
      const r = splitList(typeof cell === 'string' ? unneutralise(cell) : String(cell));
      if (!r.ok) return { ok: false, expected: 'numbers separated by ;' };
      const nums = r.items.map((x) => (typeof x === 'number' ? x : toNumber(String(x))));
      return nums.every((n) => n !== undefined)
        ? { ok: true, value: nums }
        : { ok: false, expected: 'numbers separated by ;' };
    }
  }
}

/**
 * Writes one value as a cell. Numbers and booleans stay typed (XLSX); text is neutralised.
 * Lists use `;` unless an element would not survive that (then JSON).
 */
export function writeCell(value: unknown, type: CellType): string | number | boolean | undefined {
  if (value === undefined || value === null) return undefined;
  switch (type) {
    case 'string':
      return neutralise(String(value));
    case 'number':
    case 'integer':
    case 'boolean':
      return value as number | boolean;
    case 'json':
      return neutralise(JSON.stringify(value));
    case 'list':
    case 'number-list': {
      const items = value as readonly unknown[];
      if (items.length === 0) return undefined;
      const plain = items.every(
        (x) =>
          typeof x === 'number' ||
          (typeof x === 'string' && x !== '' && x === x.trim() && !x.includes(';') && !x.startsWith('[')),
      );
      return neutralise(plain ? items.map(String).join(';') : JSON.stringify(items));
    }
  }
}

/** Short, printable form of a cell for error reports. */
export function showCell(cell: RawCell): string {
  if (cell === undefined || (typeof cell === 'string' && cell.trim() === '')) return '(empty)';
  const s = typeof cell === 'string' ? JSON.stringify(cell) : String(cell);
  return s.length > 60 ? `${s.slice(0, 57)}…` : s;
}
