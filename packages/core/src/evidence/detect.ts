import { issue, type Issue } from '../shared/issue.js';
import type { EvidenceFormat } from './types.js';

export type Detection =
  { readonly ok: true; readonly format: EvidenceFormat } | { readonly ok: false; readonly issue: Issue };

/** True for the first bytes of a pcap (either byte order, micro- or nanosecond) or pcapng file. */
export function isPcapMagic(b: Uint8Array): boolean {
  if (b.length < 4) return false;
  const m = ((b[0] as number) << 24) | ((b[1] as number) << 16) | ((b[2] as number) << 8) | (b[3] as number);
  return [0xa1b2c3d4, 0xd4c3b2a1, 0xa1b23c4d, 0x4d3cb2a1, 0x0a0d0d0a].includes(m >>> 0);
}

export const isGzipMagic = (b: Uint8Array): boolean => b.length >= 2 && b[0] === 0x1f && b[1] === 0x8b;

/**
 * Tells the format of a text document from its first few kilobytes (after any gzip is undone). Binary captures are
 * recognised by `isPcapMagic` before this is called.
 */
export function detectEvidenceFormat(head: string, file = 'input'): Detection {
  const t = head.replace(/^\uFEFF/, '').trimStart();
  if (t === '') return { ok: false, issue: issue('evidence.empty', [file], 'refused: the file is empty') };
  if (t.startsWith('<')) {
    if (/<nmaprun[\s>]/.test(t)) return { ok: true, format: 'nmap-xml' };
    if (/<bom[\s>][^>]*cyclonedx\.org\/schema\/bom/.test(t)) return { ok: true, format: 'cyclonedx-xml' };
    if (/<!DOCTYPE[^>]*\[|<!ENTITY|<!DOCTYPE[^>]*(SYSTEM|PUBLIC)/i.test(t)) {
      return {
        ok: false,
        issue: issue(
          'xml.doctype_refused',
          [file],
          'refused: the XML declares a DTD or entities; external entities are never resolved',
        ),
      };
    }
    const root =
      /<([A-Za-z_][\w.:-]*)[\s>/]/.exec(t.replace(/<\?[\s\S]*?\?>|<!--[\s\S]*?-->/g, ''))?.[1] ?? '?';
    return {
      ok: false,
      issue: issue(
        'evidence.unknown_xml',
        [file],
        `refused: XML with root <${root}> is neither an Nmap report (<nmaprun>) nor a CycloneDX BOM (<bom>)`,
      ),
    };
  }
  if (t.startsWith('{') || t.startsWith('[')) {
    if (/"bomFormat"\s*:\s*"CycloneDX"/.test(t)) return { ok: true, format: 'cyclonedx-json' };
    if (/"type"\s*:\s*"bundle"/.test(t) && /"objects"\s*:/.test(t))
      return { ok: true, format: 'stix-bundle' };
    const first = t.split('\n', 1)[0] ?? '';
    if (/"(_path|id\.orig_h|host|ts)"\s*:/.test(first)) return { ok: true, format: 'zeek-json' };
    return {
      ok: false,
      issue: issue(
        'evidence.unknown_json',
        [file],
        'refused: JSON that is neither CycloneDX ("bomFormat"), a STIX bundle ("type": "bundle") nor Zeek JSON lines',
      ),
    };
  }
  const lines = t.split('\n', 12);
  if (lines.some((l) => l.startsWith('#fields\t') || l.startsWith('#separator')))
    return { ok: true, format: 'zeek-tsv' };
  if (lines.filter((l) => !l.startsWith('#')).some((l) => l.split('\t').length >= 6))
    return { ok: true, format: 'zeek-tsv' };
  return {
    ok: false,
    issue: issue(
      'evidence.unknown_format',
      [file],
      'refused: unrecognised evidence format; expected Nmap XML, Zeek TSV/JSON (optionally gzip), pcap/pcapng, CycloneDX JSON/XML or a STIX 2.1 bundle',
    ),
  };
}
