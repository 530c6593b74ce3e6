import { issue, type Issue } from '../shared/issue.js';
import { canonicalIp, normaliseMac } from './ip.js';
import type { HostRecord, ObservedService, OsGuess, ParseOutput, Transport } from './types.js';
import { attr, child, children, parseUntrustedXml } from './xml.js';

const arrays = new Set(['host', 'address', 'hostname', 'port', 'osmatch', 'osclass', 'extraports']);

const transportOf = (p: string | undefined): Transport => (p === 'tcp' || p === 'udp' ? p : 'other');

/** Nmap `-oX` output → one HostRecord per `<host>`. Refuses hostile (DTD/entity) and malformed documents. */
export function parseNmapXml(text: string, file = 'nmap.xml'): ParseOutput<HostRecord> {
  const parsed = parseUntrustedXml(text, file, arrays);
  if (!parsed.ok) return { records: [], issues: parsed.issues, refused: true };
  const run = parsed.doc['nmaprun'];
  if (run === undefined || run === null || typeof run !== 'object') {
    const root = Object.keys(parsed.doc).find((k) => !k.startsWith('?')) ?? '(none)';
    return {
      records: [],
      issues: [
        issue(
          'nmap.not_nmap',
          [file],
          `refused: not an Nmap XML report (root element <${root}>, expected <nmaprun>)`,
        ),
      ],
      refused: true,
    };
  }
  const issues: Issue[] = [];
  const startTime = Number(attr(run, 'start'));
  const records: HostRecord[] = [];
  children(run, 'host').forEach((h, index) => {
    const ips: string[] = [];
    const macs: string[] = [];
    let macVendor: string | undefined;
    for (const a of children(h, 'address')) {
      const addr = attr(a, 'addr');
      const type = attr(a, 'addrtype');
      if (addr === undefined) continue;
      if (type === 'mac') {
        const mac = normaliseMac(addr);
        if (mac === null)
          issues.push(
            issue('nmap.bad_mac', [file, 'host', index], `host ${index + 1}: "${addr}" is not a MAC address`),
          );
        else macs.push(mac);
        macVendor = attr(a, 'vendor') ?? macVendor;
      } else ips.push(canonicalIp(addr));
    }
    if (ips.length === 0 && macs.length === 0) {
      issues.push(
        issue(
          'nmap.host_without_address',
          [file, 'host', index],
          `host ${index + 1} has no <address>; skipped`,
        ),
      );
      return;
    }
    const hostnames = children(child(h, 'hostnames'), 'hostname')
      .map((n) => attr(n, 'name'))
      .filter((n): n is string => n !== undefined);
    const services: ObservedService[] = children(child(h, 'ports'), 'port').flatMap((p) => {
      const port = Number(attr(p, 'portid'));
      if (!Number.isInteger(port)) return [];
      const svc = child(p, 'service');
      const s: ObservedService = {
        port,
        transport: transportOf(attr(p, 'protocol')),
        state: attr(child(p, 'state'), 'state') ?? 'unknown',
        ...optional('name', attr(svc, 'name')),
        ...optional('product', attr(svc, 'product')),
        ...optional('version', attr(svc, 'version')),
        ...optional('extraInfo', attr(svc, 'extrainfo')),
      };
      return [s];
    });
    const os: OsGuess[] = children(child(h, 'os'), 'osmatch').map((m) => {
      const cls = children(m, 'osclass')[0];
      return {
        name: attr(m, 'name') ?? '',
        accuracy: Number(attr(m, 'accuracy') ?? 0),
        ...optional('vendor', attr(cls, 'vendor')),
        ...optional('family', attr(cls, 'osfamily')),
      };
    });
    const state = attr(child(h, 'status'), 'state');
    const hostStart = Number(attr(h, 'starttime'));
    records.push({
      kind: 'host',
      ts:
        Number.isFinite(hostStart) && hostStart > 0
          ? hostStart
          : Number.isFinite(startTime)
            ? startTime
            : null,
      ips,
      macs,
      ...optional('macVendor', macVendor),
      hostnames,
      status: state === 'up' || state === 'down' ? state : 'unknown',
      services,
      os,
      software: [],
    });
  });
  const finished = attr(child(child(run, 'runstats'), 'finished'), 'exit');
  if (finished === 'error') {
    const msg = attr(child(child(run, 'runstats'), 'finished'), 'errormsg') ?? 'no message';
    issues.push(
      issue(
        'nmap.scan_error',
        [file, 'runstats'],
        `the scan ended with an error: ${msg}; the hosts above may be incomplete`,
      ),
    );
  }
  return {
    records,
    issues,
    refused: false,
    meta: {
      scanner: attr(run, 'scanner') ?? 'nmap',
      version: attr(run, 'version') ?? null,
      args: attr(run, 'args') ?? null,
    },
  };
}

/** `{ [key]: value }` when value is defined, `{}` otherwise: keeps exactOptionalPropertyTypes happy without noise. */
export function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
