import { CoveredListRelease } from '../model/index.js';

/** A small covered list for screening tests: the ZPMC and Hikvision chains, Huawei, ZTE and Dahua. */
export const smallRelease = (
  version = 'test-1',
  extra: Partial<CoveredListRelease> = {},
): CoveredListRelease =>
  CoveredListRelease.parse({
    version,
    publishedAt: '2026-11-01',
    source: 'screening unit-test fixture',
    organisations: [
      {
        id: 'ce-zpmc',
        legalName: 'Shanghai Zhenhua Heavy Industries Co., Ltd.',
        aliases: [
          'ZPMC',
          'Zhenhua Heavy Industries',
          'Shanghai Zhenhua Port Machinery Co., Ltd. (former name)',
        ],
        otherScriptNames: [{ script: 'Hans', name: '上海振华重工（集团）股份有限公司' }],
        identifiers: { uscc: '91310000607206953D' },
      },
      { id: 'ce-cccc', legalName: 'China Communications Construction Company Limited', aliases: ['CCCC'] },
      { id: 'ce-cccg', legalName: 'China Communications Construction Group Co., Ltd.', aliases: ['CCCG'] },
      {
        id: 'ce-sasac',
        legalName: 'State-owned Assets Supervision and Administration Commission of the State Council',
        aliases: ['SASAC'],
      },
      {
        id: 'ce-hikvision',
        legalName: 'Hangzhou Hikvision Digital Technology Co., Ltd.',
        aliases: ['Hikvision'],
        otherScriptNames: [{ script: 'Hans', name: '海康威视' }],
      },
      { id: 'ce-cetc', legalName: 'China Electronics Technology Group Corporation', aliases: ['CETC'] },
      { id: 'ce-huawei', legalName: 'Huawei Technologies Co., Ltd.', aliases: ['Huawei'] },
      { id: 'ce-zte', legalName: 'ZTE Corporation', aliases: ['ZTE'] },
      { id: 'ce-dahua', legalName: 'Zhejiang Dahua Technology Co., Ltd.', aliases: ['Dahua'] },
    ],
    ownershipLinks: [
      { parentId: 'ce-cccc', childId: 'ce-zpmc', control: 'control', source: 'test' },
      { parentId: 'ce-cccg', childId: 'ce-cccc', control: 'ownership', percent: 63.84, source: 'test' },
      { parentId: 'ce-sasac', childId: 'ce-cccg', control: 'state-supervision', source: 'test' },
      { parentId: 'ce-cetc', childId: 'ce-hikvision', control: 'control', source: 'test' },
      { parentId: 'ce-sasac', childId: 'ce-cetc', control: 'state-supervision', source: 'test' },
    ],
    designations: [
      {
        id: 'd-cccc-1260h',
        organisationId: 'ce-cccc',
        list: 'dod-1260h',
        date: '2020-08-28',
        citation: 'DoD 1260H tranche 2',
        equipmentCategories: ['all'],
      },
      {
        id: 'd-zpmc-marad',
        organisationId: 'ce-zpmc',
        list: 'maritime-advisory',
        date: '2024-02-21',
        citation: 'MARAD 2024-002',
        equipmentCategories: ['sts-crane'],
      },
      {
        id: 'd-hik-fcc',
        organisationId: 'ce-hikvision',
        list: 'fcc-covered-list',
        date: '2021-03-12',
        citation: '47 CFR 1.50002',
        equipmentCategories: ['video-surveillance'],
      },
      {
        id: 'd-cetc-1260h',
        organisationId: 'ce-cetc',
        list: 'dod-1260h',
        date: '2020-06-24',
        citation: 'DoD 1260H tranche 1',
        equipmentCategories: ['all'],
      },
      {
        id: 'd-huawei-fcc',
        organisationId: 'ce-huawei',
        list: 'fcc-covered-list',
        date: '2021-03-12',
        citation: '47 CFR 1.50002',
        equipmentCategories: ['telecom'],
      },
      {
        id: 'd-zte-fcc',
        organisationId: 'ce-zte',
        list: 'fcc-covered-list',
        date: '2021-03-12',
        citation: '47 CFR 1.50002',
        equipmentCategories: ['telecom'],
      },
      {
        id: 'd-dahua-fcc',
        organisationId: 'ce-dahua',
        list: 'fcc-covered-list',
        date: '2021-03-12',
        citation: '47 CFR 1.50002',
        equipmentCategories: ['video-surveillance'],
      },
    ],
    ...extra,
  });
