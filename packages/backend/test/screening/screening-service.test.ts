import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PortGuardError, type CoveredListRelease } from '@portguard/core';
import { describe, expect, it } from 'vitest';
import { loadCoveredList } from '../../src/dataset/load.js';
import { inventoryRepository } from '../../src/db/index.js';
import { getFinding, listFindings, reviewFindingIn, runScreening } from '../../src/screening/service.js';
import { contextFor } from '../support/context.js';
import { forEachDialect } from '../support/databases.js';
import { sampleDataset } from '../support/sample-dataset.js';

const OUI =
  'Registry,Assignment,Organization Name,Organization Address\nMA-L,4447CC,"Hangzhou Hikvision Digital Technology Co.,Ltd.",No.555 Qianmo Road\n';

function tempFile(name: string, content: string): string {
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'portguard-screen-')), name);
  writeFileSync(file, content);
  return file;
}

describe('screening service', () => {
  forEachDialect((_dialect, open) => {
    it('screens the stored inventory, saves the findings and keeps reviews across a list update', async () => {
      const store = await open();
      const ctx = contextFor(store);
      await inventoryRepository(store.db, store.dialect).upsert(sampleDataset());
      const oui = tempFile('oui.csv', OUI);
      const first = await runScreening(ctx, { ouiFiles: [oui] });
      expect(first.inventory).toBe('store');
      expect(first.findings.length).toBeGreaterThan(0);
      expect(first.diff.added).toHaveLength(first.findings.length);
      const zpmc = first.findings.find(
        (f) => f.entity.organisationId === 'ce-zpmc' && f.subject.kind === 'asset',
      )!;
      expect(zpmc.owners.map((o) => o.organisationId)).toContain('ce-cccc');
      expect(await listFindings(ctx)).toHaveLength(first.findings.length);

      await expect(
        reviewFindingIn(ctx, zpmc.id, { status: 'false-positive', reviewer: 'pso' }),
      ).rejects.toBeInstanceOf(PortGuardError);
      await reviewFindingIn(ctx, zpmc.id, {
        status: 'accepted-risk',
        reviewer: 'pso',
        note: 'isolated; replaced 2027',
      });
      expect((await getFinding(ctx, zpmc.id)).history).toEqual([
        {
          at: '2026-11-26T12:00:00.000Z',
          status: 'accepted-risk',
          reviewer: 'pso',
          note: 'isolated; replaced 2027',
        },
      ]);

      const bundled = loadCoveredList();
      const next: CoveredListRelease = {
        ...bundled,
        version: `${bundled.version}-next`,
        designations: bundled.designations.filter((d) => d.organisationId !== 'ce-cccc'),
      };
      const second = await runScreening(ctx, {
        ouiFiles: [oui],
        listFile: tempFile('list.json', JSON.stringify(next)),
      });
      expect(second.diff.fromVersion).toBe(bundled.version);
      expect(second.diff.toVersion).toBe(next.version);
      const changed = second.diff.changed.find((c) => c.after.id === zpmc.id);
      expect(changed?.fields).toContain('designations');
      expect(second.findings.find((f) => f.id === zpmc.id)?.review.status).toBe('accepted-risk');
      expect((await listFindings(ctx, { status: 'accepted-risk' })).map((f) => f.id)).toEqual([zpmc.id]);
    });

    it('rejects a covered-list file that does not match the schema, naming the field', async () => {
      const ctx = contextFor(await open());
      const bad = tempFile('bad.json', JSON.stringify({ version: 'x', organisations: [] }));
      const err = await runScreening(ctx, { listFile: bad, ouiFiles: [] }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(PortGuardError);
      expect((err as PortGuardError).issues.map((i) => i.path.join('.'))).toEqual(
        expect.arrayContaining(['publishedAt', 'source']),
      );
    });
  });
});
