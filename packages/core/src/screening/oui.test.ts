import { describe, expect, it } from 'vitest';
import { buildMatchIndex } from './matcher.js';
import {
  isLocallyAdministered,
  lookupMac,
  macVendorScreener,
  mergeOuiRegistries,
  parseOuiCsv,
} from './oui.js';
import { smallRelease } from './testing-release.js';

// Rows as in Debian ieee-data 20220827 oui.csv / mam.csv (quoted names with commas, trailing spaces).
const OUI = `Registry,Assignment,Organization Name,Organization Address
MA-L,4447CC,"Hangzhou Hikvision Digital Technology Co.,Ltd.",No.555 Qianmo Road Hangzhou Zhejiang CN 310052 
MA-L,08EDED,"Zhejiang Dahua Technology Co., Ltd.","No.1199,Waterfront Road  Hangzhou  Zhejiang  CN 310053 "
MA-L,001B21,Intel Corporate,Lot 8 Jalan Hi-Tech 2/3  Kulim Kedah  MY 09000 
MA-L,XYZ123,Broken Row,
`;
const MAM = `Registry,Assignment,Organization Name,Organization Address
MA-M,001B21A,Some Camera Brand Inc,Somewhere US
`;

describe('parseOuiCsv', () => {
  it('parses quoted names and reports bad rows by line', () => {
    const { registry, issues } = parseOuiCsv(OUI);
    expect(registry.size).toBe(3);
    expect(issues).toEqual([
      expect.objectContaining({ code: 'oui_assignment', path: ['oui.csv', 5, 'Assignment'] }),
    ]);
    expect(lookupMac(registry, '44:47:cc:01:02:03')?.organisation).toBe(
      'Hangzhou Hikvision Digital Technology Co.,Ltd.',
    );
    expect(lookupMac(registry, '44-47-CC-01-02-03')?.prefix).toBe('4447CC');
    expect(lookupMac(registry, 'not a mac')).toBeUndefined();
  });
  it('rejects a file that is not the IEEE registry', () => {
    expect(parseOuiCsv('a,b\n1,2\n').issues[0]?.code).toBe('oui_header');
  });
  it('prefers the longest prefix (MA-M inside an MA-L block)', () => {
    const reg = mergeOuiRegistries(parseOuiCsv(OUI).registry, parseOuiCsv(MAM, 'mam.csv').registry);
    expect(lookupMac(reg, '00:1b:21:a0:00:01')?.organisation).toBe('Some Camera Brand Inc');
    expect(lookupMac(reg, '00:1b:21:b0:00:01')?.organisation).toBe('Intel Corporate');
  });
  it('maps a MAC to the covered maker behind the registered vendor name', () => {
    const screen = macVendorScreener(
      parseOuiCsv(OUI).registry,
      buildMatchIndex(smallRelease().organisations),
    );
    expect(screen('08:ed:ed:11:22:33').covered?.organisationId).toBe('ce-dahua');
    expect(screen('44:47:cc:11:22:33').covered?.organisationId).toBe('ce-hikvision');
    expect(screen('00:1b:21:11:22:33').covered).toBeNull();
    expect(isLocallyAdministered('02:00:00:00:00:01')).toBe(true);
  });
});
