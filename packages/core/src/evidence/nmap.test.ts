import { describe, expect, it } from 'vitest';
import { parseCycloneDxXml } from './cyclonedx.js';
import { parseNmapXml } from './nmap.js';

const scan = (body: string, prolog = '<?xml version="1.0"?>\n<!DOCTYPE nmaprun>') =>
  `${prolog}\n<nmaprun scanner="nmap" start="1600000000" version="7.80">${body}<runstats><finished time="1600000001"/></runstats></nmaprun>`;

describe('Nmap XML', () => {
  it('reads addresses, the MAC vendor, open services and OS guesses', () => {
    const out = parseNmapXml(
      scan(`<host><status state="up"/><address addr="10.0.0.7" addrtype="ipv4"/><address addr="00:1D:9C:11:22:33" addrtype="mac" vendor="Rockwell Automation"/>
      <ports><port protocol="tcp" portid="44818"><state state="open"/><service name="EtherNet-IP-2" product="Allen-Bradley" version="20.11"/></port></ports>
      <os><osmatch name="Rockwell Automation PLC" accuracy="96"><osclass vendor="Rockwell" osfamily="embedded"/></osmatch></os></host>`),
    );
    expect(out.refused).toBe(false);
    expect(out.records).toEqual([
      {
        kind: 'host',
        ts: 1600000000,
        ips: ['10.0.0.7'],
        macs: ['00:1d:9c:11:22:33'],
        macVendor: 'Rockwell Automation',
        hostnames: [],
        status: 'up',
        services: [
          {
            port: 44818,
            transport: 'tcp',
            state: 'open',
            name: 'EtherNet-IP-2',
            product: 'Allen-Bradley',
            version: '20.11',
          },
        ],
        os: [{ name: 'Rockwell Automation PLC', accuracy: 96, vendor: 'Rockwell', family: 'embedded' }],
        software: [],
      },
    ]);
  });

  it.each([
    [
      'an external entity',
      '<?xml version="1.0"?><!DOCTYPE nmaprun [<!ENTITY x SYSTEM "file:///etc/passwd">]>',
    ],
    ['a billion-laughs internal subset', '<!DOCTYPE nmaprun [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'],
    ['an external DTD', '<!DOCTYPE nmaprun SYSTEM "http://example.invalid/nmap.dtd">'],
  ])('refuses %s before parsing', (_, prolog) => {
    const out = parseNmapXml(
      scan(
        '<host><address addr="10.0.0.1" addrtype="ipv4"/><hostnames><hostname name="&x;"/></hostnames></host>',
        prolog,
      ),
      'evil.xml',
    );
    expect(out.refused).toBe(true);
    expect(out.records).toEqual([]);
    expect(out.issues[0]?.code).toBe('xml.doctype_refused');
    expect(out.issues[0]?.path).toEqual(['evil.xml']);
  });

  it('refuses the same in CycloneDX XML', () => {
    const out = parseCycloneDxXml(
      '<!DOCTYPE bom [<!ENTITY x SYSTEM "file:///etc/hosts">]><bom xmlns="http://cyclonedx.org/schema/bom/1.6">&x;</bom>',
    );
    expect(out.refused).toBe(true);
  });

  it('reports truncated documents with the line', () => {
    const out = parseNmapXml(
      '<?xml version="1.0"?>\n<nmaprun>\n<host><address addr="10.0.0.1" addrtype="ipv4"/>\n',
      'cut.xml',
    );
    expect(out.refused).toBe(true);
    expect(out.issues[0]?.code).toBe('xml.malformed');
    expect(out.issues[0]?.message).toMatch(/line \d+/);
  });
});
