import { CoveredListRelease } from '../model/covered-list.js';
import type { Designation } from '../model/designation.js';
import type { Organisation, OwnershipLink } from '../model/organisation.js';
import { fail, issue, ok, type Issue, type Result } from '../shared/issue.js';

const valueAt = (raw: unknown, path: readonly PropertyKey[]): unknown => {
  let v = raw;
  for (const p of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<PropertyKey, unknown>)[p];
  }
  return v;
};

const shown = (v: unknown): string => {
  if (v === undefined) return 'nothing';
  const s = JSON.stringify(v);
  return s.length > 80 ? `${s.slice(0, 77)}…` : s;
};

/** "organisations.3 (ce-foo)" — the record's id helps find it in a long file. */
const recordLabel = (raw: unknown, path: readonly PropertyKey[]): string => {
  if (path.length < 2 || typeof path[1] !== 'number') return '';
  const id = valueAt(raw, [path[0]!, path[1], 'id']);
  return typeof id === 'string' ? ` (${id})` : '';
};

/**
 * Checks a covered-list release all at once: the schema (every bad field with its path, the value found and what
 * was expected), duplicate organisation and designation ids, and ownership links or designations that name an
 * organisation the release does not contain. `existingVersions` are versions already stored.
 *
 * @example validateCoveredListRelease(JSON.parse(text), ['2026.11-1'])
 */
export function validateCoveredListRelease(
  raw: unknown,
  existingVersions: readonly string[] = [],
): Result<CoveredListRelease> {
  const parsed = CoveredListRelease.safeParse(raw);
  const issues: Issue[] = [];
  if (!parsed.success) {
    for (const i of parsed.error.issues) {
      const path = i.path.map((p) => (typeof p === 'symbol' ? String(p) : p));
      issues.push(
        issue(i.code, path, `${i.message}${recordLabel(raw, i.path)}; found ${shown(valueAt(raw, i.path))}`),
      );
    }
  }
  // Cross-record checks run on the raw records too, so one run reports schema and reference problems together.
  const rec = (raw ?? {}) as Record<string, unknown>;
  const arr = (k: string): readonly unknown[] => (Array.isArray(rec[k]) ? (rec[k] as unknown[]) : []);
  const str = (v: unknown, k: string): string | undefined => {
    const x = v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined;
    return typeof x === 'string' ? x : undefined;
  };

  const orgIndex = new Map<string, number>();
  arr('organisations').forEach((o, i) => {
    const id = str(o, 'id');
    if (id === undefined) return;
    const first = orgIndex.get(id);
    if (first !== undefined)
      issues.push(
        issue(
          'duplicate_id',
          ['organisations', i, 'id'],
          `duplicate organisation id "${id}" (first at organisations.${first})`,
        ),
      );
    else orgIndex.set(id, i);
  });
  const desIndex = new Map<string, number>();
  arr('designations').forEach((d, i) => {
    const id = str(d, 'id');
    if (id !== undefined) {
      const first = desIndex.get(id);
      if (first !== undefined)
        issues.push(
          issue(
            'duplicate_id',
            ['designations', i, 'id'],
            `duplicate designation id "${id}" (first at designations.${first})`,
          ),
        );
      else desIndex.set(id, i);
    }
    const org = str(d, 'organisationId');
    if (org !== undefined && !orgIndex.has(org))
      issues.push(
        issue(
          'dangling_reference',
          ['designations', i, 'organisationId'],
          `expected the id of an organisation in this release; found "${org}"`,
        ),
      );
  });
  const linkIndex = new Map<string, number>();
  arr('ownershipLinks').forEach((l, i) => {
    const parent = str(l, 'parentId');
    const child = str(l, 'childId');
    for (const [field, id] of [
      ['parentId', parent],
      ['childId', child],
    ] as const)
      if (id !== undefined && !orgIndex.has(id))
        issues.push(
          issue(
            'dangling_reference',
            ['ownershipLinks', i, field],
            `expected the id of an organisation in this release; found "${id}"`,
          ),
        );
    if (parent !== undefined && parent === child)
      issues.push(issue('self_link', ['ownershipLinks', i], `"${parent}" cannot own or control itself`));
    if (parent !== undefined && child !== undefined) {
      const key = `${parent}>${child}`;
      const first = linkIndex.get(key);
      if (first !== undefined)
        issues.push(
          issue(
            'duplicate_link',
            ['ownershipLinks', i],
            `duplicate link ${parent} → ${child} (first at ownershipLinks.${first})`,
          ),
        );
      else linkIndex.set(key, i);
    }
  });
  const version = str(raw, 'version');
  if (version !== undefined && existingVersions.includes(version))
    issues.push(
      issue(
        'version_exists',
        ['version'],
        `version "${version}" is already stored; expected a new version name (\`portguard list versions\` shows them)`,
      ),
    );
  if (issues.length > 0 || !parsed.success) return fail(issues);
  return ok(parsed.data);
}

export interface CoveredListChanges {
  readonly organisations: { readonly added: readonly string[]; readonly removed: readonly string[] };
  /** Organisations present in both whose names (legal name, aliases, other-script names) or identifiers differ. */
  readonly renamed: readonly {
    readonly id: string;
    readonly namesAdded: readonly string[];
    readonly namesRemoved: readonly string[];
  }[];
  readonly designations: { readonly added: readonly string[]; readonly removed: readonly string[] };
  readonly ownershipLinks: { readonly added: readonly string[]; readonly removed: readonly string[] };
}

const namesOf = (o: Organisation): string[] => [
  o.legalName,
  ...o.aliases,
  ...o.otherScriptNames.map((n) => n.name),
  ...Object.entries(o.identifiers).map(([k, v]) => `${k}:${String(v)}`),
];
const linkKey = (l: OwnershipLink) =>
  `${l.parentId} → ${l.childId} (${l.control}${l.percent === undefined ? '' : ` ${l.percent}%`})`;
const designationKey = (d: Designation) => d.id;

const setDiff = (a: readonly string[], b: readonly string[]) => {
  const sa = new Set(a);
  const sb = new Set(b);
  return { added: b.filter((x) => !sa.has(x)), removed: a.filter((x) => !sb.has(x)) };
};

/** What a new release changes compared with the previous one, by id (organisations, names, designations, links). */
export function coveredListChanges(
  before: CoveredListRelease,
  after: CoveredListRelease,
): CoveredListChanges {
  const old = new Map(before.organisations.map((o) => [o.id, o]));
  const renamed: CoveredListChanges['renamed'][number][] = [];
  for (const o of after.organisations) {
    const b = old.get(o.id);
    if (!b) continue;
    const d = setDiff(namesOf(b), namesOf(o));
    if (d.added.length > 0 || d.removed.length > 0)
      renamed.push({ id: o.id, namesAdded: d.added, namesRemoved: d.removed });
  }
  return {
    organisations: setDiff(
      before.organisations.map((o) => o.id),
      after.organisations.map((o) => o.id),
    ),
    renamed,
    designations: setDiff(before.designations.map(designationKey), after.designations.map(designationKey)),
    ownershipLinks: setDiff(before.ownershipLinks.map(linkKey), after.ownershipLinks.map(linkKey)),
  };
}
