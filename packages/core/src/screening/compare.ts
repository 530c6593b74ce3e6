import { jaroWinkler, osaDistance } from './distance.js';
import { COUNTRY_WORDS, SECTOR_WORDS } from './lexicon.js';
import { ROMAN, type NameForm, type NameToken } from './normalise.js';

export type AlignmentKind = 'exact' | 'fuzzy' | 'jaro-winkler' | 'merged' | 'acronym' | 'joined';

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

/** Edits allowed between two words: none up to 5 letters, one up to 10, then one more per 5 letters of the shorter word. */
export const editBudget = (a: string, b: string): number =>
  Math.floor((Math.min(a.length, b.length) - 1) / 5);

const hasDigit = /\d/;
/** Singular of an English plural (industries -> industry, networks -> network), for words that differ only so. */
const stem = (w: string): string =>
  w.endsWith('ies') ? `${w.slice(0, -3)}y` : w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
const EXACT = { similarity: 1, edits: 0, kind: 'exact' as const };
const NONE = { similarity: 0, edits: Infinity, kind: 'fuzzy' as const };
const MIN_JW_LENGTH = 6;
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
/** Below this length a one-letter slip that swaps consonants makes another word (Huafei ≠ Huawei, ConMet ≠ ComNet). */
const CONSONANT_SLIP_LENGTH = 7;

/** What one edit between equal-length words changed: two letters swapped, or one replaced; vowels or consonants only. */
function slipKind(a: string, b: string): 'vowel-swap' | 'vowel' | 'consonant' | 'other' {
  if (a.length !== b.length) return 'other';
  const diff: number[] = [];
  for (let i = 0; i < a.length && diff.length <= 2; i++) if (a[i] !== b[i]) diff.push(i);
  const vowel = diff.some((i) => VOWELS.has(a[i]!) || VOWELS.has(b[i]!));
  if (!vowel) return 'consonant';
  return diff.length === 2 ? 'vowel-swap' : 'vowel';
}

/** English spellings of one sound (-tech/-tek/-tec, ck/k): Nuctek is Nuctech. */
const soundsLike = (w: string): string =>
  w
    .replace(/tech$/, 'tek')
    .replace(/ck/g, 'k')
    .replace(/c(?=[^eiy]|$)/g, 'k');
const MIN_JW = 0.9;

/** Similarity of two words in [0, 1]; 0 unless equal or within the edit budget (or a plausible Jaro-Winkler hit). */
export function compareTokens(
  a: string,
  b: string,
  numeric = hasDigit.test(a) || hasDigit.test(b) || ROMAN.test(a) || ROMAN.test(b),
): { similarity: number; edits: number; kind: AlignmentKind } {
  if (a === b) return EXACT;
  if (numeric) return NONE;
  const shorter = Math.min(a.length, b.length);
  if (shorter < 4) return NONE;
  const budget = editBudget(a, b);
  if (Math.abs(a.length - b.length) > budget + 1) return NONE;
  if (shorter >= 5 && stem(a) === stem(b))
    return { similarity: 0.95, edits: osaDistance(a, b), kind: 'fuzzy' };
  const d = osaDistance(a, b, budget + 1);
  const longer = Math.max(a.length, b.length);
  if (d === 1 && shorter < CONSONANT_SLIP_LENGTH) {
    const slip = slipKind(a, b);
    if (slip === 'consonant') return { similarity: 0.5, edits: d, kind: 'fuzzy' };
    // Swapped letters in a five-letter name are a typo (Dhaua, Dahau); Cisco ≠ Cosco, Sanyo ≠ Sany.
    if (slip === 'vowel-swap' && shorter === 5)
      return { similarity: 1 - d / longer, edits: d, kind: 'fuzzy' };
  }
  if (d <= budget) return { similarity: 1 - d / longer, edits: d, kind: 'fuzzy' };
  if (d > budget && shorter >= 5 && soundsLike(a) === soundsLike(b))
    return { similarity: 1 - 1 / longer, edits: d, kind: 'fuzzy' };
  if (d > budget + 1) return NONE;
  // One edit in a word of 4-5 letters counts half: enough next to other aligned words (Fjord Motor), never alone (Sanyo ≠ Sany).
  if (budget === 0) return { similarity: 0.5, edits: d, kind: 'fuzzy' };
  // Jaro-Winkler alone over-rewards shared prefixes; accept it only one edit past the budget, same first letter.
  if (shorter >= MIN_JW_LENGTH && a[0] === b[0] && Math.abs(a.length - b.length) <= 1) {
    const jw = jaroWinkler(a, b);
    if (jw >= MIN_JW) return { similarity: (1 - d / longer) * 0.9, edits: d, kind: 'jaro-winkler' };
  }
  return NONE;
}

interface Slot {
  text: string;
  weight: number;
  parts: number;
  numeric: boolean;
  acronymOf?: string;
}

/** When one side is a short word spelling the initials of all the other side's words (PLA, People's Liberation Army). */
function acronymSlot(side: NameForm, other: NameForm): Slot[] | undefined {
  if (side.tokens.length < 3 || other.tokens.length !== 1 || side.initials[0] === '') return undefined;
  if (side.tokens.some((t) => t.text.length < 2)) return undefined;
  const [initials, withLegal] = side.initials;
  const hit = other.tokens[0]!;
  if (hit.text.length < 4 || hit.text.length > 6 || (hit.text !== initials && hit.text !== withLegal))
    return undefined;
  return [
    {
      text: hit.text,
      weight: 1,
      parts: side.tokens.length,
      numeric: false,
      acronymOf: side.tokens.map((t) => t.text).join(' '),
    },
  ];
}

/** Joins runs of 2-4 adjacent words on one side that spell a word on the other side ("zhen hua" -> "zhenhua"). */
function mergeRuns(side: readonly NameToken[], other: readonly { text: string }[]): Slot[] {
  const out: Slot[] = [];
  for (let i = 0; i < side.length;) {
    let merged = false;
    for (let k = Math.min(4, side.length - i); k >= 2; k--) {
      let text = '';
      let weight = 0;
      for (let x = i; x < i + k; x++) {
        text += side[x]!.text;
        weight = Math.max(weight, side[x]!.weight);
      }
      if (other.some((t) => t.text === text)) {
        out.push({ text, weight, parts: k, numeric: false });
        i += k;
        merged = true;
        break;
      }
    }
    if (!merged) {
      const t = side[i]!;
      out.push({ text: t.text, weight: t.weight, parts: 1, numeric: t.numeric });
      i++;
    }
  }
  return out;
}

const LEGAL_MISMATCH = 0.9;
const LEGAL_PARTIAL = 0.97;
const ACRONYM_SIMILARITY = 0.9;
/** Unaligned weight counts this much against aligned weight: below 1 forgives an extra word (Huawei Device). */
const UNMATCHED_QUERY = 0.75;
/** A listed name's own words missing from the query count in full (Pacific Corporation ≠ Pacific Networks Corp). */
const UNMATCHED_CANDIDATE = 1;
/**
 * Score ceiling when each side keeps words of its own and the query's are identifying (vivo Mobile Communication ≠
 * China Mobile Communications), when each keeps a different country, or when a name of generic words is not all there.
 */
const BOTH_SIDES_DIFFER = 0.65;

const left = (side: readonly Slot[], used: ReadonlySet<number>): boolean =>
  side.some((t, i) => !used.has(i) && !t.numeric);

const spelled = (f: NameForm) => f.tokens.map((t) => t.text).join('');

/** Names written with or without spaces, or with the legal form glued on (SiemensAG, Siemens AG). */
function joinedAlignment(q: NameForm, c: NameForm): TokenAlignment | undefined {
  if (q.tokens.length + c.tokens.length < 3 && q.legalForms.length + c.legalForms.length === 0)
    return undefined;
  const a = spelled(q);
  const b = spelled(c);
  if (a === b) return { query: a, candidate: b, kind: 'joined', edits: 0, similarity: 0.98 };
  const aL = a + q.legalForms.join('');
  const bL = b + c.legalForms.join('');
  if (aL === b || a === bL)
    return {
      query: aL === b ? aL : a,
      candidate: aL === b ? b : bL,
      kind: 'joined',
      edits: 0,
      similarity: 0.95,
    };
  return undefined;
}
const WEAK_ONLY = 0.5;

const SECTORS_OF: ReadonlyMap<string, readonly string[]> = (() => {
  const m = new Map<string, string[]>();
  for (const [sector, words] of Object.entries(SECTOR_WORDS))
    for (const w of words) m.set(w, [...(m.get(w) ?? []), sector]);
  return m;
})();

/** What the listed organisation's names say about its business: its own words and the words of its sectors. */
export interface CandidateContext {
  readonly vocabulary: ReadonlySet<string>;
  readonly sectors: ReadonlySet<string>;
}

/** The context of one organisation from all its name forms (pinyin forms say nothing about sectors). */
export function candidateContext(forms: readonly NameForm[]): CandidateContext {
  const vocabulary = new Set<string>();
  const sectors = new Set<string>();
  for (const f of forms) {
    if (f.kind === 'pinyin') continue;
    for (const t of f.tokens) {
      vocabulary.add(t.text);
      for (const s of SECTORS_OF.get(t.text) ?? []) sectors.add(s);
    }
  }
  for (const s of sectors) for (const w of SECTOR_WORDS[s] ?? []) vocabulary.add(w);
  return { vocabulary, sectors };
}

/** A query word the listed organisation's own names (or its line of business) use counts this much of its weight. */
const CORROBORATING = 0.25;
/** A query word from another line of business counts at least this much (Cosco Electronics ≠ COSCO). */
const FOREIGN_SECTOR = 1.5;

/** Weight of the query's unaligned words adjusted for what they say about the business (0 without a context). */
function sectorAdjustment(qs: readonly Slot[], usedQ: ReadonlySet<number>, ctx: CandidateContext): number {
  let delta = 0;
  qs.forEach((t, i) => {
    if (usedQ.has(i) || t.numeric) return;
    if (ctx.vocabulary.has(t.text) || ctx.vocabulary.has(stem(t.text)))
      delta -= (1 - CORROBORATING) * t.weight;
    else {
      const sectors = SECTORS_OF.get(t.text) ?? SECTORS_OF.get(stem(t.text));
      if (sectors && ctx.sectors.size > 0 && !sectors.some((s) => ctx.sectors.has(s)))
        delta += FOREIGN_SECTOR * Math.max(1, t.weight) - t.weight;
    }
  });
  return delta;
}

/**
 * Weighted Dice over aligned words: 2·Σ similarity·mean weight / (Σ query weights + Σ candidate weights),
 * times 0.9 when both sides carry different legal forms and 0.5 when only weak words aligned.
 */
export function compareForms(q: NameForm, c: NameForm, context?: CandidateContext): FormComparison {
  const qs = acronymSlot(q, c) ?? mergeRuns(q.tokens, c.tokens);
  const cs = acronymSlot(c, q) ?? mergeRuns(c.tokens, qs);
  // Pinyin syllables are few: one edit turns one Chinese name into another (zhongjiao, zhongmiao).
  const exactOnly = q.kind === 'pinyin' || c.kind === 'pinyin';
  const pairs: { i: number; j: number; sim: number; edits: number; kind: AlignmentKind }[] = [];
  for (let i = 0; i < qs.length; i++) {
    for (let j = 0; j < cs.length; j++) {
      const r = compareTokens(qs[i]!.text, cs[j]!.text, exactOnly || qs[i]!.numeric || cs[j]!.numeric);
      if (r.similarity > 0) pairs.push({ i, j, sim: r.similarity, edits: r.edits, kind: r.kind });
    }
  }
  pairs.sort((a, b) => b.sim - a.sim || a.i - b.i || a.j - b.j);
  const usedQ = new Set<number>();
  const usedC = new Set<number>();
  const alignments: TokenAlignment[] = [];
  let matched = 0;
  let alignedQ = 0;
  let alignedC = 0;
  let strong = false;
  let exactIdentity = false;
  for (const p of pairs) {
    if (usedQ.has(p.i) || usedC.has(p.j)) continue;
    usedQ.add(p.i);
    usedC.add(p.j);
    const a = qs[p.i]!;
    const b = cs[p.j]!;
    const acronym = a.acronymOf !== undefined || b.acronymOf !== undefined;
    const sim = acronym ? ACRONYM_SIMILARITY : p.sim;
    matched += sim * (a.weight + b.weight);
    alignedQ += sim * a.weight;
    alignedC += sim * b.weight;
    // An identifying word of the listed name must align (a listed name of generic words has all its words identifying).
    if (b.weight >= 1) strong = true;
    if (b.weight >= 1 && (p.kind === 'exact' || acronym)) exactIdentity = true;
    const kind: AlignmentKind = acronym
      ? 'acronym'
      : p.kind === 'exact' && (a.parts > 1 || b.parts > 1)
        ? 'merged'
        : p.kind;
    alignments.push({
      query: a.acronymOf ?? a.text,
      candidate: b.acronymOf ?? b.text,
      kind,
      edits: p.edits,
      similarity: sim,
    });
  }
  const unmatchedQ =
    qs.reduce((s, t) => s + t.weight, 0) -
    alignedQ +
    (context && !exactOnly && matched > 0 ? sectorAdjustment(qs, usedQ, context) : 0);
  const unmatchedC = cs.reduce((s, t) => s + t.weight, 0) - alignedC;
  let score =
    matched === 0 ? 0 : matched / (matched + UNMATCHED_QUERY * unmatchedQ + UNMATCHED_CANDIDATE * unmatchedC);
  if ((left(qs, usedQ) && left(cs, usedC)) || (c.generic && left(cs, usedC)))
    score = Math.min(score, BOTH_SIDES_DIFFER);
  // A misspelt name is believed only when nothing else differs (Tongfong Machinery ≠ Tongfang, UniComm ≠ China Unicom).
  if (
    context &&
    strong &&
    !exactIdentity &&
    (left(cs, usedC) ||
      qs.some(
        (t, i) =>
          !usedQ.has(i) && !t.numeric && !context.vocabulary.has(t.text) && !COUNTRY_WORDS.has(t.text),
      ))
  )
    score = Math.min(score, BOTH_SIDES_DIFFER);
  const joined = joinedAlignment(q, c);
  if (joined && joined.similarity > score) {
    score = joined.similarity;
    strong = true;
    alignments.splice(0, alignments.length, joined);
    usedQ.clear();
    usedC.clear();
    qs.forEach((_, i) => usedQ.add(i));
    cs.forEach((_, j) => usedC.add(j));
  }
  if (!strong) score *= WEAK_ONLY;
  let legalFormsAgree: boolean | null = null;
  if (q.legalForms.length > 0 && c.legalForms.length > 0) {
    const shared = q.legalForms.filter((f) => c.legalForms.includes(f)).length;
    legalFormsAgree = shared > 0;
    const same = shared === q.legalForms.length && shared === c.legalForms.length;
    if (!legalFormsAgree) score *= LEGAL_MISMATCH;
    else if (!same) score *= LEGAL_PARTIAL;
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
