import type { Organisation, OrganisationId, OrganisationIdentifiers } from '../model/index.js';
import { candidateContext, compareForms, type CandidateContext, type TokenAlignment } from './compare.js';
import { nameForms, type NameForm } from './normalise.js';

/** Score at or above which a name is reported as a match. Chosen on the benchmarks (docs/design/screening.md). */
export const MATCH_THRESHOLD = 0.7;
/** Candidates at or above this score are listed for the reviewer, below the threshold included. */
export const CANDIDATE_FLOOR = 0.5;

/** 'organisation-id': the inventory row names the covered organisation by its id. */
export type IdentifierScheme = keyof OrganisationIdentifiers | 'organisation-id';

/** 'partial': every aligned word is equal, but one side has words the other lacks (Huawei Device ~ Huawei). */
export type MatchKind = 'identifier' | 'exact' | 'alias' | 'pinyin' | 'acronym' | 'fuzzy' | 'partial';
export type CandidateNameKind = 'legal-name' | 'alias' | 'other-script';

/** Why a name matched: which forms aligned and how. */
export interface MatchExplanation {
  readonly kind: MatchKind;
  /** The query as compared (pinyin when it came from Han characters). */
  readonly queryForm: string;
  /** The covered entity's name that aligned best, as listed. */
  readonly candidateName: string;
  readonly candidateNameKind: CandidateNameKind;
  readonly candidateForm: string;
  readonly alignments: readonly TokenAlignment[];
  readonly unmatchedQuery: readonly string[];
  readonly unmatchedCandidate: readonly string[];
  readonly legalForms: { readonly query: readonly string[]; readonly candidate: readonly string[] };
  /** Set for identifier matches: which key matched. */
  readonly identifier?: { readonly scheme: IdentifierScheme; readonly value: string };
}

export interface EntityMatch {
  readonly organisationId: OrganisationId;
  readonly entityName: string;
  readonly score: number;
  readonly explanation: MatchExplanation;
}

export interface NameMatchResult {
  readonly query: string;
  readonly match: EntityMatch | null;
  readonly candidates: readonly EntityMatch[];
}

interface IndexedForm {
  readonly org: Organisation;
  readonly name: string;
  readonly nameKind: CandidateNameKind;
  readonly form: NameForm;
  readonly context: CandidateContext;
}

export interface MatchIndex {
  readonly forms: readonly IndexedForm[];
  readonly keys: ReadonlyMap<string, readonly number[]>;
  readonly identifiers: ReadonlyMap<string, { org: Organisation; scheme: keyof OrganisationIdentifiers }>;
  readonly organisations: ReadonlyMap<OrganisationId, Organisation>;
  /** Per-query visit marks (a generation counter instead of a fresh Set per query). */
  readonly scratch: { generation: number; readonly visited: Int32Array };
}

/** Editorial notes such as "(former name)" in list data (and pasted from it) are not part of the name. */
const ANNOTATION =
  /\s*[(（][^)）]*\b(former|formerly|misspelling|spelling|previous|old name|historic)[^)）]*[)）]\s*/giu;
const cleanListedName = (s: string) =>
  s.includes('(') || s.includes('（') ? s.replace(ANNOTATION, ' ').trim() : s;

/** A word and its one-letter deletions (SymSpell): two words within one edit share a key. */
function wordKeys(w: string, out: Set<string>, deep: boolean): void {
  out.add(w);
  if (w.length < 4) return;
  for (let i = 0; i < w.length; i++) {
    const d = w.slice(0, i) + w.slice(i + 1);
    out.add(d);
    // Listed words also key on two deletions, so a query word one edit past the budget still meets them.
    if (deep && w.length >= 6) for (let j = i; j < d.length; j++) out.add(d.slice(0, j) + d.slice(j + 1));
  }
}

/**
 * Blocking keys: each word with its one-letter deletions, runs of adjacent words spelled together, the whole
 * name spelled together (with and without legal forms) and acronym keys. Listed names key on their identifying
 * words only: a match needs one of them aligned.
 */
function blockingKeys(form: NameForm, out: Set<string>, indexSide: boolean): void {
  const strongOnly = indexSide && form.tokens.some((t) => t.weight >= 1);
  const ts = form.tokens;
  for (let i = 0; i < ts.length; i++) {
    const t = ts[i]!;
    if (!(strongOnly && t.weight < 1)) wordKeys(t.text, out, indexSide);
    let run = t.text;
    for (let k = i + 1; k < Math.min(ts.length, i + 4); k++) {
      run += ts[k]!.text;
      out.add(run);
    }
    if (t.text.length >= 2 && t.text.length <= 6) out.add(`^${t.text}`);
  }
  const spelled = ts.map((t) => t.text).join('');
  out.add(spelled);
  out.add(spelled + form.legalForms.join(''));
  if (ts.length >= 2 && form.initials[0] !== '') {
    out.add(`^${form.initials[0]}`);
    out.add(`^${form.initials[1]}`);
  }
}

const identifierKey = (scheme: string, value: string) =>
  `${scheme}:${value.toUpperCase().replace(/[\s-]/g, '')}`;

/** Builds the token index over the covered organisations' legal names, aliases and names in other scripts. */
export function buildMatchIndex(organisations: readonly Organisation[]): MatchIndex {
  const forms: IndexedForm[] = [];
  const keys = new Map<string, number[]>();
  const identifiers = new Map<string, { org: Organisation; scheme: keyof OrganisationIdentifiers }>();
  for (const org of organisations) {
    const names: [string, CandidateNameKind][] = [
      [org.legalName, 'legal-name'],
      ...org.aliases.map((a): [string, CandidateNameKind] => [a, 'alias']),
      ...org.otherScriptNames.map((n): [string, CandidateNameKind] => [n.name, 'other-script']),
    ];
    const seen = new Set<string>();
    const own: { name: string; nameKind: CandidateNameKind; form: NameForm }[] = [];
    for (const [raw, nameKind] of names) {
      const name = cleanListedName(raw);
      for (const form of nameForms(name)) {
        const sig = `${form.kind}|${form.tokens.map((t) => t.text).join(' ')}|${form.legalForms.join(',')}`;
        if (seen.has(sig)) continue;
        seen.add(sig);
        own.push({ name, nameKind, form });
      }
    }
    const context = candidateContext(own.map((o) => o.form));
    for (const o of own) {
      const idx = forms.length;
      forms.push({ org, ...o, context });
      const ks = new Set<string>();
      blockingKeys(o.form, ks, true);
      for (const k of ks) {
        const list = keys.get(k);
        if (list) list.push(idx);
        else keys.set(k, [idx]);
      }
    }
    for (const scheme of ['uscc', 'lei', 'duns'] as const) {
      const v = org.identifiers[scheme];
      if (v !== undefined) identifiers.set(identifierKey(scheme, v), { org, scheme });
    }
  }
  return {
    forms,
    keys,
    identifiers,
    organisations: new Map(organisations.map((o) => [o.id, o])),
    scratch: { generation: 0, visited: new Int32Array(forms.length) },
  };
}

function kindOf(
  q: NameForm,
  c: IndexedForm,
  score: number,
  alignments: readonly TokenAlignment[],
): MatchKind {
  if (alignments.some((a) => a.kind === 'fuzzy' || a.kind === 'jaro-winkler')) return 'fuzzy';
  if (alignments.some((a) => a.kind === 'acronym')) return 'acronym';
  if (score < 0.999) return 'partial';
  if (q.kind === 'pinyin' || c.form.kind === 'pinyin') {
    if (q.kind === 'pinyin' && c.form.kind === 'pinyin' && q.han === c.form.han) return 'alias';
    return 'pinyin';
  }
  if (c.form.acronym) return 'acronym';
  return c.nameKind === 'legal-name' ? 'exact' : 'alias';
}

const formText = (f: NameForm) => f.tokens.map((t) => t.text).join(' ');

const USCC = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;
const LEI = /^[A-Z0-9]{18}\d{2}$/;
const DUNS = /^\d{9}$/;

/** A query that is itself an identifier (USCC, LEI or DUNS) is looked up as one. */
function identifierIn(query: string): { scheme: keyof OrganisationIdentifiers; value: string } | undefined {
  if (query.length < 9 || query.length > 40 || !/\d/.test(query)) return undefined;
  const v = query.trim().toUpperCase().replace(/[\s-]/g, '');
  if (DUNS.test(v)) return { scheme: 'duns', value: v };
  if (LEI.test(v)) return { scheme: 'lei', value: v };
  if (USCC.test(v)) return { scheme: 'uscc', value: v };
  return undefined;
}

export interface MatchOptions {
  readonly threshold?: number;
  readonly floor?: number;
  /** Maximum candidates returned (default 5). */
  readonly limit?: number;
  /** Identifiers known for the query organisation; an equal identifier is a certain match. */
  readonly identifiers?: OrganisationIdentifiers;
}

/**
 * Best covered-entity matches for one name, each with its explanation. Never substring matching:
 * words align whole, within an edit budget.
 *
 * @example matchName(index, 'Hikvison USA').match?.explanation.alignments // [{ query: 'hikvison', candidate: 'hikvision', kind: 'fuzzy', edits: 1, … }]
 */
export function matchName(index: MatchIndex, query: string, options: MatchOptions = {}): NameMatchResult {
  const threshold = options.threshold ?? MATCH_THRESHOLD;
  const floor = Math.min(options.floor ?? CANDIDATE_FLOOR, threshold);
  const best = new Map<OrganisationId, EntityMatch>();

  const ids: { scheme: keyof OrganisationIdentifiers; value: string }[] = [];
  const inQuery = identifierIn(query);
  if (inQuery) ids.push(inQuery);
  for (const scheme of ['uscc', 'lei', 'duns'] as const) {
    const v = options.identifiers?.[scheme];
    if (v !== undefined) ids.push({ scheme, value: v });
  }
  for (const id of ids) {
    const hit = index.identifiers.get(identifierKey(id.scheme, id.value));
    if (!hit) continue;
    best.set(hit.org.id, {
      organisationId: hit.org.id,
      entityName: hit.org.legalName,
      score: 1,
      explanation: {
        kind: 'identifier',
        queryForm: id.value,
        candidateName: hit.org.legalName,
        candidateNameKind: 'legal-name',
        candidateForm: id.value,
        alignments: [],
        unmatchedQuery: [],
        unmatchedCandidate: [],
        legalForms: { query: [], candidate: [] },
        identifier: { scheme: id.scheme, value: id.value },
      },
    });
  }

  for (const q of nameForms(cleanListedName(query))) {
    const ks = new Set<string>();
    blockingKeys(q, ks, false);
    const scratch = index.scratch;
    const generation = ++scratch.generation;
    for (const k of ks) {
      const list = index.keys.get(k);
      if (list === undefined) continue;
      for (const idx of list) {
        if (scratch.visited[idx] === generation) continue;
        scratch.visited[idx] = generation;
        const c = index.forms[idx]!;
        const r = compareForms(q, c.form, c.context);
        if (r.score < floor) continue;
        const prev = best.get(c.org.id);
        if (prev && prev.score >= r.score) continue;
        best.set(c.org.id, {
          organisationId: c.org.id,
          entityName: c.org.legalName,
          score: Math.round(r.score * 10000) / 10000,
          explanation: {
            kind: kindOf(q, c, r.score, r.alignments),
            queryForm: formText(q),
            candidateName: c.name,
            candidateNameKind: c.nameKind,
            candidateForm: formText(c.form),
            alignments: r.alignments,
            unmatchedQuery: r.unmatchedQuery,
            unmatchedCandidate: r.unmatchedCandidate,
            legalForms: { query: q.legalForms, candidate: c.form.legalForms },
          },
        });
      }
    }
  }
  const candidates = [...best.values()]
    .sort((a, b) => b.score - a.score || a.organisationId.localeCompare(b.organisationId))
    .slice(0, options.limit ?? 5);
  const top = candidates[0];
  return { query, match: top && top.score >= threshold ? top : null, candidates };
}

/** All-pairs scoring without the index: the baseline the benchmark compares against, and a test oracle. */
export function matchNameNaive(
  index: MatchIndex,
  query: string,
  threshold = MATCH_THRESHOLD,
): { organisationId: OrganisationId; score: number } | null {
  let top: { organisationId: OrganisationId; score: number } | null = null;
  for (const q of nameForms(query)) {
    for (const c of index.forms) {
      const s = compareForms(q, c.form, c.context).score;
      if (s >= threshold && (!top || s > top.score)) top = { organisationId: c.org.id, score: s };
    }
  }
  return top;
}
