import { pinyin } from 'pinyin-pro';
import { ORG_NAME_PREFIXES, ORG_TYPE_ALIASES } from './data/org-types.generated.js';
import { EXTRA_LEGAL_FORMS, HAN_LEGAL_FORMS, HAN_WEAK_WORDS, STOP_WORDS, WEAK_WORDS } from './lexicon.js';

export const WEAK_WEIGHT = 0.3;

export interface NameToken {
  readonly text: string;
  /** 1 for identifying words, WEAK_WEIGHT for places and generic words. */
  readonly weight: number;
  /** Digits or a roman numeral: compared exactly only. */
  readonly numeric: boolean;
}

/** One comparable form of a name: content tokens, with legal forms set apart. */
export interface NameForm {
  readonly original: string;
  /** 'latin' for names written in Latin (or other alphabetic) script; 'pinyin' when derived from Han characters. */
  readonly kind: 'latin' | 'pinyin';
  /** The Han characters the pinyin came from, legal forms removed (pinyin forms only). */
  readonly han?: string;
  readonly tokens: readonly NameToken[];
  /** Compare forms of the legal designators found (Ltd, JSC, Group, …), sorted. */
  readonly legalForms: readonly string[];
  /** True when the original is one short all-capital word such as ZTE, ZPMC or CCCC. */
  readonly acronym: boolean;
  /** Made only of generic words (China Mobile, China Electronics Technology): every word must then align. */
  readonly generic: boolean;
  /** First letters of the words, and the same followed by the legal forms' ("cnn", "cnnc"). */
  readonly initials: readonly [string, string];
}

const HAN = /\p{Script=Han}/u;
/** Roman numerals name fund series and generations (Fund II): compared exactly, never a legal form. */
export const ROMAN = /^(?=[ivxlc])m*(c[md]|d?c{0,3})(x[cl]|l?x{0,3})(i[xv]|v?i{0,3})$/;

const UNITS = new Map<string, number>(
  Object.entries({
    zero: 0,
    one: 1,
    two: 2,
    three: 3,
    four: 4,
    five: 5,
    six: 6,
    seven: 7,
    eight: 8,
    nine: 9,
    ten: 10,
    eleven: 11,
    twelve: 12,
    thirteen: 13,
    fourteen: 14,
    fifteen: 15,
    sixteen: 16,
    seventeen: 17,
    eighteen: 18,
    nineteen: 19,
    first: 1,
    second: 2,
    third: 3,
    fourth: 4,
    fifth: 5,
    sixth: 6,
    seventh: 7,
    eighth: 8,
    ninth: 9,
    tenth: 10,
  }),
);
const TENS = new Map<string, number>(
  Object.entries({
    twenty: 20,
    thirty: 30,
    forty: 40,
    fourty: 40,
    fifty: 50,
    sixty: 60,
    seventy: 70,
    eighty: 80,
    ninety: 90,
  }),
);

/** Number words and ordinals to digits: "forty four" -> "44", "1st" -> "1", "first" -> "1". */
function numbers(ws: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < ws.length; i++) {
    const w = ws[i]!;
    const c0 = w.charCodeAt(0);
    if (c0 >= 48 && c0 <= 57) {
      const ord = /^(\d+)(st|nd|rd|th)$/.exec(w);
      out.push(ord ? ord[1]! : w);
      continue;
    }
    const tens = TENS.get(w);
    if (tens !== undefined) {
      const next = ws[i + 1];
      const unit =
        next === undefined
          ? undefined
          : (UNITS.get(next) ?? (/^[1-9]$/.test(next) ? Number(next) : undefined));
      if (unit !== undefined && unit < 10) {
        out.push(String(tens + unit));
        i++;
      } else out.push(String(tens));
      continue;
    }
    const unit = UNITS.get(w);
    out.push(unit === undefined ? w : String(unit));
  }
  return out;
}
const HAN_RUN = /[\p{Script=Han}]+/gu;

/** NFKC, case fold, strip accents, drop apostrophes and dots inside abbreviations; punctuation becomes space. */
const ASCII = /^[\x00-\x7f]*$/;

export function foldText(s: string): string {
  let t = s.toLowerCase();
  if (ASCII.test(t)) {
    t = t
      .replace(/'s\b/g, '')
      .replace(/['`]/g, '')
      .replace(/\.(?=[a-z0-9])/g, '')
      .replace(/&/g, ' and ');
    return t.replace(/[^a-z0-9]+/g, ' ').trim();
  }
  t = t
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .normalize('NFC');
  t = t.replace(/['’`´ʼ]s\b/gu, '').replace(/['’`´ʼ]/gu, '');
  t = t.replace(/\.(?=[\p{L}\p{N}])/gu, '');
  t = t.replace(/&/g, ' and ');
  t = t.replace(/[^\p{L}\p{N}\p{Script=Han}]+/gu, ' ');
  return t.trim();
}

function words(s: string): string[] {
  const t = foldText(s);
  return t === '' ? [] : numbers(t.split(' '));
}

/** Phrase (as folded words joined by a space) -> compare form, folded. */
const LEGAL_PHRASES = new Map<string, string>();
let maxPhraseWords = 1;
for (const [alias, compare] of [...ORG_TYPE_ALIASES, ...EXTRA_LEGAL_FORMS]) {
  if (HAN.test(alias)) continue;
  const w = words(alias);
  if (w.length === 0 || (w.length === 1 && ROMAN.test(w[0]!))) continue;
  const key = w.join(' ');
  if (!LEGAL_PHRASES.has(key)) LEGAL_PHRASES.set(key, foldText(compare).replaceAll(' ', ''));
  maxPhraseWords = Math.max(maxPhraseWords, w.length);
}
const LEGAL_FIRST_WORDS = new Set([...LEGAL_PHRASES.keys()].map((p) => p.split(' ')[0]!));
const LEGAL_LAST_WORDS = new Set([...LEGAL_PHRASES.keys()].map((p) => p.split(' ').at(-1)!));
const ORG_PREFIXES = new Set(ORG_NAME_PREFIXES.map((p) => foldText(p)));

const hanLegal = [
  ...HAN_LEGAL_FORMS,
  ...ORG_TYPE_ALIASES.filter(([a]) => HAN.test(a) && a.length >= 4).map(([a, c]) => [a, c] as const),
]
  .map(([a, c]) => [a.normalize('NFKC'), foldText(c).replaceAll(' ', '')] as const)
  .sort((x, y) => y[0].length - x[0].length);
const hanWeak = [...HAN_WEAK_WORDS].sort((a, b) => b.length - a.length);

/** Removes legal forms from both ends of the word list, longest phrase first. */
function stripLegalForms(ws: string[]): { rest: string[]; legal: string[] } {
  const legal: string[] = [];
  let lo = 0;
  let hi = ws.length;
  let changed = true;
  while (changed && hi - lo > 1) {
    changed = false;
    for (let k = LEGAL_LAST_WORDS.has(ws[hi - 1]!) ? Math.min(maxPhraseWords, hi - lo - 1) : 0; k >= 1; k--) {
      const tail = LEGAL_PHRASES.get(ws.slice(hi - k, hi).join(' '));
      if (tail !== undefined) {
        legal.push(tail);
        hi -= k;
        changed = true;
        break;
      }
    }
    if (changed || hi - lo <= 1) continue;
    for (let k = LEGAL_FIRST_WORDS.has(ws[lo]!) ? Math.min(maxPhraseWords, hi - lo - 1) : 0; k >= 1; k--) {
      const head = LEGAL_PHRASES.get(ws.slice(lo, lo + k).join(' '));
      if (head !== undefined) {
        legal.push(head);
        lo += k;
        changed = true;
        break;
      }
    }
  }
  return { rest: ws.slice(lo, hi), legal };
}

/** Spelled-out letters are one word: "z p m c" -> "zpmc". */
function joinLetters(ws: readonly string[]): string[] {
  const out: string[] = [];
  let run = '';
  for (const w of ws) {
    if (w.length === 1 && /\p{L}/u.test(w)) run += w;
    else {
      if (run !== '') out.push(run);
      run = '';
      out.push(w);
    }
  }
  if (run !== '') out.push(run);
  return out;
}

/** A name made only of weak words (China Electronics Technology) is identified by them: full weight. */
const promoteWeak = (tokens: NameToken[]): NameToken[] =>
  tokens.some((t) => t.weight >= 1) ? tokens : tokens.map((t) => ({ ...t, weight: 1 }));

const DIGIT = /\d/;
const toToken = (text: string): NameToken => ({
  text,
  weight: WEAK_WORDS.has(text) ? WEAK_WEIGHT : 1,
  numeric: DIGIT.test(text) || ROMAN.test(text),
});

const initialsOf = (tokens: readonly NameToken[], legal: readonly string[]): readonly [string, string] => {
  const i = tokens.map((t) => t.text[0]).join('');
  return [i, i + legal.map((f) => f[0]).join('')];
};

function latinForm(original: string, folded: string[]): NameForm {
  let ws = folded;
  while (ws.length > 1 && ORG_PREFIXES.has(ws[0]!)) ws = ws.slice(1);
  const { rest, legal } = stripLegalForms(ws);
  const content = joinLetters(rest.filter((w) => !STOP_WORDS.has(w)));
  const raw = (content.length > 0 ? content : rest).map(toToken);
  const tokens = promoteWeak(raw);
  const trimmed = original.trim();
  const legalForms = [...new Set(legal)].sort();
  return {
    original,
    kind: 'latin',
    tokens,
    legalForms,
    initials: initialsOf(tokens, legalForms),
    acronym: /^[A-Z0-9]{2,5}$/.test(trimmed) && /[A-Z]/.test(trimmed),
    generic: raw.length > 1 && raw.every((t) => t.weight < 1),
  };
}

const syllables = (han: string): string =>
  pinyin(han, { toneType: 'none', type: 'array', nonZh: 'removed', v: true }).join('');

function hanForm(original: string): NameForm | undefined {
  let s = original.normalize('NFKC').replace(/\s+/g, '');
  const legal: string[] = [];
  let changed = true;
  while (changed) {
    changed = false;
    for (const [form, compare] of hanLegal) {
      const paren = `(${form})`;
      if (s.endsWith(form) && s.length > form.length) {
        s = s.slice(0, -form.length);
      } else if (s.includes(paren)) {
        s = s.replace(paren, '');
      } else continue;
      legal.push(compare);
      changed = true;
      break;
    }
  }
  const han = (s.match(HAN_RUN) ?? []).join('');
  if (han === '') return undefined;
  const tokens: NameToken[] = [];
  let run = '';
  const flush = () => {
    if (run !== '') tokens.push({ text: syllables(run), weight: 1, numeric: false });
    run = '';
  };
  for (let i = 0; i < han.length;) {
    const weak = hanWeak.find((w) => han.startsWith(w, i));
    if (weak !== undefined && han.length > weak.length) {
      flush();
      tokens.push({ text: syllables(weak), weight: WEAK_WEIGHT, numeric: false });
      i += weak.length;
    } else {
      run += han[i];
      i++;
    }
  }
  flush();
  return {
    original,
    kind: 'pinyin',
    han,
    tokens: promoteWeak(tokens),
    generic: tokens.length > 1 && tokens.every((t) => t.weight < 1),
    legalForms: [...new Set(legal)].sort(),
    acronym: false,
    initials: ['', ''],
  };
}

/**
 * The comparable forms of a name: its Latin form, and for names with Han characters a pinyin form
 * (simplified and traditional characters give the same pinyin).
 *
 * @example nameForms('上海振華重工（集團）股份有限公司')[0].tokens // shanghai (weak), zhenhua, zhonggong (weak)
 */
export function nameForms(name: string): NameForm[] {
  if (HAN.test(name)) {
    const form = hanForm(name);
    const latinRest = name.replace(HAN_RUN, ' ');
    const out: NameForm[] = form ? [form] : [];
    const ws = words(latinRest);
    if (ws.length > 0 && ws.some((w) => !LEGAL_PHRASES.has(w))) out.push(latinForm(name, ws));
    return out;
  }
  const ws = words(name);
  return ws.length === 0 ? [] : [latinForm(name, ws)];
}
