import { issue, type Issue } from '../shared/issue.js';
import { optional } from './nmap.js';
import type { BomComponent, BomOrganisation, ParseOutput } from './types.js';
import { attr, child, children, parseUntrustedXml, text } from './xml.js';

/** Component types allowed by CycloneDX 1.6 (earlier versions use a subset). */
export const cycloneDxComponentTypes = new Set([
  'application',
  'framework',
  'library',
  'container',
  'platform',
  'operating-system',
  'device',
  'device-driver',
  'firmware',
  'file',
  'machine-learning-model',
  'data',
  'cryptographic-asset',
]);

/** Neutral view of one component, whichever syntax it came from. */
interface RawComponent {
  type?: string | undefined;
  name?: string | undefined;
  group?: string | undefined;
  version?: string | undefined;
  purl?: string | undefined;
  bomRef?: string | undefined;
  supplier?: string | undefined;
  manufacturer?: string | undefined;
  publisher?: string | undefined;
  author?: string | undefined;
  children: RawComponent[];
}

const str = (v: unknown): string | undefined =>
  typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
const orgName = (v: unknown): string | undefined =>
  v !== null && typeof v === 'object' ? str((v as Record<string, unknown>)['name']) : undefined;

function fromJson(c: unknown): RawComponent {
  const o = (c ?? {}) as Record<string, unknown>;
  const authors = Array.isArray(o['authors'])
    ? (o['authors'] as unknown[]).map(orgName).find((n) => n !== undefined)
    : undefined;
  return {
    type: str(o['type']),
    name: str(o['name']),
    group: str(o['group']),
    version: str(o['version']),
    purl: str(o['purl']),
    bomRef: str(o['bom-ref']),
    supplier: orgName(o['supplier']),
    manufacturer: orgName(o['manufacturer']),
    publisher: str(o['publisher']),
    author: str(o['author']) ?? authors,
    children: Array.isArray(o['components']) ? (o['components'] as unknown[]).map(fromJson) : [],
  };
}

function fromXml(c: unknown): RawComponent {
  return {
    type: attr(c, 'type'),
    name: text(child(c, 'name')),
    group: text(child(c, 'group')),
    version: text(child(c, 'version')),
    purl: text(child(c, 'purl')),
    bomRef: attr(c, 'bom-ref'),
    supplier: text(child(child(c, 'supplier'), 'name')),
    manufacturer: text(child(child(c, 'manufacturer'), 'name')),
    publisher: text(child(c, 'publisher')),
    author: text(child(c, 'author')) ?? text(child(children(child(c, 'authors'), 'author')[0], 'name')),
    children: children(child(c, 'components'), 'component').map(fromXml),
  };
}

function build(
  file: string,
  metaSubject: RawComponent | undefined,
  metaSupplier: string | undefined,
  metaManufacturer: string | undefined,
  top: RawComponent[],
  specVersion: string | undefined,
): ParseOutput<BomComponent> {
  const issues: Issue[] = [];
  const records: BomComponent[] = [];
  const organisations: BomOrganisation[] = [];
  const addOrg = (role: BomOrganisation['role'], name: string | undefined, of: string) => {
    if (name !== undefined) organisations.push({ role, name, of });
  };
  addOrg('supplier', metaSupplier, 'metadata');
  addOrg('manufacturer', metaManufacturer, 'metadata');
  const visit = (c: RawComponent, path: (string | number)[], level: BomComponent['level']) => {
    if (c.type === undefined || !cycloneDxComponentTypes.has(c.type)) {
      issues.push(
        issue(
          'cyclonedx.bad_component_type',
          [file, ...path, 'type'],
          `component "${c.name ?? '?'}" has type "${c.type ?? '(missing)'}"; expected one of ${[...cycloneDxComponentTypes].join(', ')}`,
        ),
      );
    }
    if (c.name === undefined)
      issues.push(issue('cyclonedx.missing_name', [file, ...path, 'name'], 'component without a name'));
    const ref = c.bomRef ?? c.purl ?? c.name ?? path.join('.');
    addOrg('supplier', c.supplier, ref);
    addOrg('manufacturer', c.manufacturer, ref);
    addOrg('publisher', c.publisher, ref);
    addOrg('author', c.author, ref);
    records.push({
      kind: 'bom-component',
      ...optional('bomRef', c.bomRef),
      type: c.type ?? 'unknown',
      name: c.name ?? '',
      ...optional('group', c.group),
      ...optional('version', c.version),
      ...optional('purl', c.purl),
      ...optional('supplier', c.supplier),
      ...optional('manufacturer', c.manufacturer),
      ...optional('publisher', c.publisher),
      level,
    });
    c.children.forEach((k, i) => visit(k, [...path, 'components', i], 'component'));
  };
  if (metaSubject !== undefined) visit(metaSubject, ['metadata', 'component'], 'metadata');
  top.forEach((c, i) => visit(c, ['components', i], 'component'));
  // A BOM that breaks the schema is refused whole: a half-read supplier list would under-report covered vendors.
  if (issues.length > 0) {
    return {
      records: [],
      issues: [
        issue(
          'cyclonedx.invalid',
          [file],
          `refused: not a valid CycloneDX ${specVersion ?? ''} BOM (${issues.length} schema problem(s) below)`,
        ),
        ...issues,
      ],
      refused: true,
    };
  }
  return { records, issues, refused: false, meta: { specVersion: specVersion ?? null, organisations } };
}

export function parseCycloneDxJson(textIn: string, file = 'bom.json'): ParseOutput<BomComponent> {
  let doc: unknown;
  try {
    doc = JSON.parse(textIn);
  } catch (e) {
    return {
      records: [],
      issues: [
        issue(
          'cyclonedx.bad_json',
          [file],
          `refused: not JSON (${e instanceof Error ? e.message : String(e)})`,
        ),
      ],
      refused: true,
    };
  }
  const o = (doc ?? {}) as Record<string, unknown>;
  if (o['bomFormat'] !== 'CycloneDX') {
    return {
      records: [],
      issues: [
        issue('cyclonedx.not_cyclonedx', [file, 'bomFormat'], 'refused: bomFormat is not "CycloneDX"'),
      ],
      refused: true,
    };
  }
  if (o['components'] !== undefined && !Array.isArray(o['components'])) {
    return {
      records: [],
      issues: [issue('cyclonedx.invalid', [file, 'components'], 'refused: components must be an array')],
      refused: true,
    };
  }
  const meta = (o['metadata'] ?? {}) as Record<string, unknown>;
  return build(
    file,
    meta['component'] === undefined ? undefined : fromJson(meta['component']),
    orgName(meta['supplier']),
    orgName(meta['manufacturer']) ?? orgName(meta['manufacture']),
    Array.isArray(o['components']) ? (o['components'] as unknown[]).map(fromJson) : [],
    str(o['specVersion']),
  );
}

export function parseCycloneDxXml(textIn: string, file = 'bom.xml'): ParseOutput<BomComponent> {
  const parsed = parseUntrustedXml(textIn, file, new Set(['component', 'author']));
  if (!parsed.ok) return { records: [], issues: parsed.issues, refused: true };
  const bom = parsed.doc['bom'];
  const ns = attr(bom, 'xmlns');
  if (bom === undefined || ns === undefined || !ns.startsWith('http://cyclonedx.org/schema/bom/')) {
    return {
      records: [],
      issues: [
        issue(
          'cyclonedx.not_cyclonedx',
          [file],
          'refused: root is not <bom xmlns="http://cyclonedx.org/schema/bom/…">',
        ),
      ],
      refused: true,
    };
  }
  const meta = child(bom, 'metadata');
  const subject = children(meta, 'component')[0];
  return build(
    file,
    subject === undefined ? undefined : fromXml(subject),
    text(child(child(meta, 'supplier'), 'name')),
    text(child(child(meta, 'manufacturer'), 'name')) ?? text(child(child(meta, 'manufacture'), 'name')),
    children(child(bom, 'components'), 'component').map(fromXml),
    ns.slice('http://cyclonedx.org/schema/bom/'.length),
  );
}

/** Distinct supplier, manufacturer and publisher names in a BOM, for screening. Authors are people and are left out. */
export function bomOrganisationNames(out: ParseOutput<BomComponent>): string[] {
  const orgs = (out.meta?.['organisations'] ?? []) as readonly BomOrganisation[];
  return [...new Set(orgs.filter((o) => o.role !== 'author').map((o) => o.name))].sort();
}
