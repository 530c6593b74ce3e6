import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { issue, type Issue } from '../shared/issue.js';

export type XmlNode = Record<string, unknown>;

/** A bare `<!DOCTYPE name>` (what nmap writes) declares nothing and is allowed; anything with an id or subset is not. */
const bareDoctype = /^<!DOCTYPE\s+[A-Za-z_][\w.-]*\s*>$/;

/**
 * Parses untrusted XML. Documents that declare entities, an internal subset or an external DTD are refused before
 * the parser sees them, so nothing is ever resolved or expanded; malformed documents are refused with line and column.
 */
export function parseUntrustedXml(
  text: string,
  file: string,
  arrays: ReadonlySet<string>,
): { ok: true; doc: XmlNode } | { ok: false; issues: Issue[] } {
  const doctypes = text.match(/<!DOCTYPE[^>]*>?/gi) ?? [];
  for (const d of doctypes) {
    if (!bareDoctype.test(d)) {
      return {
        ok: false,
        issues: [
          issue(
            'xml.doctype_refused',
            [file],
            `refused: the document declares a DTD or entities (${d.slice(0, 60)}…); external entities are never resolved, remove the DOCTYPE and retry`,
          ),
        ],
      };
    }
  }
  if (/<!ENTITY/i.test(text)) {
    return {
      ok: false,
      issues: [issue('xml.entity_refused', [file], 'refused: the document declares XML entities')],
    };
  }
  const body = text.replace(/<!DOCTYPE[^>]*>/gi, '');
  const valid = XMLValidator.validate(body);
  if (valid !== true) {
    return {
      ok: false,
      issues: [
        issue(
          'xml.malformed',
          [file, `line ${valid.err.line}`],
          `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`,
        ),
      ],
    };
  }
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: '@_',
    parseAttributeValue: false,
    parseTagValue: false,
    trimValues: true,
    isArray: (name) => arrays.has(name),
  });
  try {
    return { ok: true, doc: parser.parse(body) as XmlNode };
  } catch (e) {
    return {
      ok: false,
      issues: [
        issue('xml.malformed', [file], `unreadable XML: ${e instanceof Error ? e.message : String(e)}`),
      ],
    };
  }
}

export const attr = (n: unknown, name: string): string | undefined => {
  if (n === null || typeof n !== 'object') return undefined;
  const v = (n as XmlNode)[`@_${name}`];
  return typeof v === 'string' && v !== '' ? v : undefined;
};

export const child = (n: unknown, name: string): unknown =>
  n !== null && typeof n === 'object' ? (n as XmlNode)[name] : undefined;

export const children = (n: unknown, name: string): unknown[] => {
  const v = child(n, name);
  return Array.isArray(v) ? v : v === undefined ? [] : [v];
};

/** Text content of an element that may also carry attributes. */
export const text = (n: unknown): string | undefined => {
  if (typeof n === 'string') return n === '' ? undefined : n;
  if (typeof n === 'number') return String(n);
  const t = child(n, '#text');
  return typeof t === 'string' && t !== '' ? t : undefined;
};
