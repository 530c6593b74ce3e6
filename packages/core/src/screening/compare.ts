import { jaroWinkler, osaDistance } from './distance.js';
import type { NameForm, NameToken } from './normalise.js';

export type AlignmentKind = 'exact' | 'fuzzy' | 'jaro-winkler' | 'merged';

/** One pair of aligned words, in the compare form. */
export interface TokenAlignment {
  readonly query: string;
  readonly candidate: string;
  readonly kind: AlignmentKind;
  /** Damerau (OSA) edits between the two words; 0 for exact and merged words. */
  readonly edits: number;
  readonly similarity: number;
}

export interface FormComparison {
  readonly score: number;
  readonly alignments: readonly TokenAlignment[];
  /** Query words left unaligned. */
  readonly unmatchedQuery: readonly string[];
  readonly unmatchedCandidate: readonly string[];
  readonly legalFormsAgree: boolean | null;
}

/** Edits allowed between two words: none up to 4 letters, then one per 5 letters of the shorter word. */
export const editBudget = (a: string, b: string): number => Math.floor(Math.min(a.length, b.length) / 5);

const hasDigit = /\d/;

/** Similarity of two words in [0, 1]; 0 unless equal or within the edit budget (or a plausible Jaro-Winkler hit). */
export function compareTokens(
  a: string,
  b: string,
): { similarity: number; edits: number; kind: AlignmentKind } {
  if (a === b) return { similarity: 1, edits: 0, kind: 'exact' };
  const none = { similarity: 0, edits: Infinity, kind: 'fuzzy' as const };
  if (hasDigit.test(a) || hasDigit.test(b)) return none;
  const budget = editBudget(a, b);
  if (budget === 0) return none;
  const d = osaDistance(a, b, budget + 1);
  const longer = Math.max(a.length, b.length);
  if (d <= budget) return { similarity: 1 - d / longer, edits: d, kind: 'fuzzy' };
  // Jaro-Winkler alone over-rewards shared prefixes; accept it only one edit past the budget, on long words, same first letter.
  if (d === budget + 1 && Math.min(a.length, b.length) >= 8 && a[0] === b[0]) {
    const jw = jaroWinkler(a, b);
    if (jw >= 0.93) return { similarity: 1 - d / longer - 0.05, edits: d, kind: 'jaro-winkler' };
  }
  return none;
}

interface Slot {
  text: string;
  weight: number;
  parts: number;
}

/** Joins runs of 2-4 adjacent words on one side that spell a word on the other side ("zhen hua" -> "zhenhua"). */
function mergeRuns(side: readonly NameToken[], other: ReadonlySet<string>): Slot[] {
  const out: Slot[] = [];
  for (let i = 0; i < side.length;) {
    let merged = false;
    for (let k = Math.min(4, side.length - i); k >= 2; k--) {
      const run = side.slice(i, i + k);
      const text = run.map((t) => t.text).join('');
      if (other.has(text)) {
        out.push({ text, weight: Math.max(...run.map((t) => t.weight)), parts: k });
        i += k;
        merged = true;
        break;
      }
    }
    if (!merged) {
      const t = side[i]!;
      out.push({ text: t.text, weight: t.weight, parts: 1 });
      i++;
    }
  }
  return out;
}

const LEGAL_MISMATCH = 0.9;
const WEAK_ONLY = 0.5;

/**
 * Weighted Dice over aligned words: 2·Σ similarity·mean weight / (Σ query weights + Σ candidate weights),
 * times 0.9 when both sides carry different legal forms and 0.5 when only weak words aligned.
 */
export function compareForms(q: NameForm, c: NameForm): FormComparison {
  const qs = mergeRuns(q.tokens, new Set(c.tokens.map((t) => t.text)));
  const cs = mergeRuns(c.tokens, new Set(qs.map((t) => t.text)));
  const pairs: { i: number; j: number; sim: number; edits: number; kind: AlignmentKind }[] = [];
  for (let i = 0; i < qs.length; i++) {
    for (let j = 0; j < cs.length; j++) {
      const r = compareTokens(qs[i]!.text, cs[j]!.text);
      if (r.similarity > 0) pairs.push({ i, j, sim: r.similarity, edits: r.edits, kind: r.kind });
    }
  }
  pairs.sort((a, b) => b.sim - a.sim || a.i - b.i || a.j - b.j);
  const usedQ = new Set<number>();
  const usedC = new Set<number>();
  const alignments: TokenAlignment[] = [];
  let matched = 0;
  let strong = false;
  for (const p of pairs) {
    if (usedQ.has(p.i) || usedC.has(p.j)) continue;
    usedQ.add(p.i);
    usedC.add(p.j);
    const a = qs[p.i]!;
    const b = cs[p.j]!;
    matched += p.sim * (a.weight + b.weight);
    if (a.weight >= 1 && b.weight >= 1) strong = true;
    const kind: AlignmentKind = p.kind === 'exact' && (a.parts > 1 || b.parts > 1) ? 'merged' : p.kind;
    alignments.push({ query: a.text, candidate: b.text, kind, edits: p.edits, similarity: p.sim });
  }
  const total = qs.reduce((s, t) => s + t.weight, 0) + cs.reduce((s, t) => s + t.weight, 0);
  let score = total === 0 ? 0 : matched / total;
  if (!strong) score *= WEAK_ONLY;
  let legalFormsAgree: boolean | null = null;
  if (q.legalForms.length > 0 && c.legalForms.length > 0) {
    legalFormsAgree = q.legalForms.some((f) => c.legalForms.includes(f));
    if (!legalFormsAgree) score *= LEGAL_MISMATCH;
  }
  return {
    score,
    alignments,
    unmatchedQuery: qs.filter((_, i) => !usedQ.has(i)).map((t) => t.text),
    unmatchedCandidate: cs.filter((_, j) => !usedC.has(j)).map((t) => t.text),
    legalFormsAgree,
  };
}

/** Best score over every pair of forms of two names. */
export function compareNames(
  qForms: readonly NameForm[],
  cForms: readonly NameForm[],
): FormComparison & { q?: NameForm; c?: NameForm } {
  let best: (FormComparison & { q?: NameForm; c?: NameForm }) | undefined;
  for (const q of qForms) {
    for (const c of cForms) {
      const r = compareForms(q, c);
      if (!best || r.score > best.score) best = { ...r, q, c };
    }
  }
  return (
    best ?? { score: 0, alignments: [], unmatchedQuery: [], unmatchedCandidate: [], legalFormsAgree: null }
  );
}
