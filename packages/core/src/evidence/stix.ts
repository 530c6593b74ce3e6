import { issue, type Issue } from '../shared/issue.js';
import { canonicalIp, isIpv4, isIpv6, parseCidr } from './ip.js';
import { optional } from './nmap.js';
import type { IndicatorRecord, ParseOutput } from './types.js';

// Comparisons on address and domain objects, directly or through network-traffic src_ref/dst_ref.
const comparison =
  /(ipv4-addr|ipv6-addr|domain-name|network-traffic:(?:src|dst)_ref)(?::value|\.value)\s*(=|ISSUBSET)\s*'((?:[^'\\]|\\.)*)'/g;

/** Addresses, CIDR ranges and domains named by one STIX 2.x pattern. */
export function observablesInPattern(
  pattern: string,
): Pick<IndicatorRecord, 'ipv4' | 'ipv6' | 'cidrs' | 'domains'> {
  const ipv4 = new Set<string>();
  const ipv6 = new Set<string>();
  const cidrs = new Set<string>();
  const domains = new Set<string>();
  for (const m of pattern.matchAll(comparison)) {
    const object = m[1] as string;
    const value = (m[3] as string).replace(/\\(.)/g, '$1').trim();
    if (object === 'domain-name') {
      // Upstream data has 'domain autuo.xicp.net'; the domain is the last word.
      const d = value.split(/\s+/).pop()?.toLowerCase();
      if (d !== undefined && d !== '') domains.add(d);
      continue;
    }
    if (value.includes('/')) {
      const c = parseCidr(value);
      if (c !== null) cidrs.add(value);
    } else if (isIpv4(value)) ipv4.add(value);
    else if (isIpv6(value)) ipv6.add(canonicalIp(value));
  }
  return { ipv4: [...ipv4], ipv6: [...ipv6], cidrs: [...cidrs], domains: [...domains] };
}

/** A STIX 2.1 bundle → one IndicatorRecord per `indicator` object with a STIX pattern. */
export function parseStixBundle(text: string, file = 'bundle.json'): ParseOutput<IndicatorRecord> {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    return {
      records: [],
      issues: [
        issue('stix.bad_json', [file], `refused: not JSON (${e instanceof Error ? e.message : String(e)})`),
      ],
      refused: true,
    };
  }
  const o = (doc ?? {}) as Record<string, unknown>;
  if (o['type'] !== 'bundle' || !Array.isArray(o['objects'])) {
    return {
      records: [],
      issues: [
        issue(
          'stix.not_bundle',
          [file],
          'refused: not a STIX bundle (expected "type": "bundle" with an "objects" array)',
        ),
      ],
      refused: true,
    };
  }
  const issues: Issue[] = [];
  const records: IndicatorRecord[] = [];
  (o['objects'] as unknown[]).forEach((raw, i) => {
    const obj = (raw ?? {}) as Record<string, unknown>;
    if (obj['type'] !== 'indicator') return;
    const id = typeof obj['id'] === 'string' ? obj['id'] : `objects[${i}]`;
    const pattern = obj['pattern'];
    const patternType = obj['pattern_type'] ?? 'stix';
    if (typeof pattern !== 'string') {
      issues.push(issue('stix.no_pattern', [file, 'objects', i], `indicator ${id} has no pattern`));
      return;
    }
    if (patternType !== 'stix') {
      issues.push(
        issue(
          'stix.pattern_type',
          [file, 'objects', i],
          `indicator ${id}: pattern_type "${String(patternType)}" is not read; only STIX patterns are`,
        ),
      );
      return;
    }
    records.push({
      kind: 'indicator',
      id,
      ...optional('name', typeof obj['name'] === 'string' ? obj['name'] : undefined),
      pattern,
      ...optional('validFrom', typeof obj['valid_from'] === 'string' ? obj['valid_from'] : undefined),
      ...observablesInPattern(pattern),
    });
  });
  return { records, issues, refused: false, meta: { bundle: typeof o['id'] === 'string' ? o['id'] : null } };
}
