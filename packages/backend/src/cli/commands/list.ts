import type { Command } from 'commander';
import type { CoveredListRelease } from '@portguard/core';
import {
  coveredListVersions,
  importCoveredList,
  showCoveredList,
  type CoveredListImportReport,
} from '../../screening/covered-lists.js';
import { withContext } from '../context.js';
import { printJson, printTable } from '../output.js';

const example = (...lines: string[]) => `\nExample:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;

function printChanges(r: CoveredListImportReport): void {
  const c = r.changes;
  const lines = [
    ...c.organisations.added.map((id) => `  + organisation ${id}`),
    ...c.organisations.removed.map((id) => `  - organisation ${id}`),
    ...c.renamed.flatMap((n) => [
      ...n.namesAdded.map((x) => `  + name of ${n.id}: ${x}`),
      ...n.namesRemoved.map((x) => `  - name of ${n.id}: ${x}`),
    ]),
    ...c.designations.added.map((id) => `  + designation ${id}`),
    ...c.designations.removed.map((id) => `  - designation ${id}`),
    ...c.ownershipLinks.added.map((l) => `  + ownership ${l}`),
    ...c.ownershipLinks.removed.map((l) => `  - ownership ${l}`),
  ];
  process.stdout.write(
    `Compared with ${r.previousVersion}: ${lines.length === 0 ? 'no changes' : `${lines.length} change(s)`}\n`,
  );
  for (const l of lines.slice(0, 50)) process.stdout.write(`${l}\n`);
  if (lines.length > 50) process.stdout.write(`  … and ${lines.length - 50} more (--json lists all)\n`);
}

function printRelease(release: CoveredListRelease, from: string): void {
  process.stdout.write(
    `Covered list ${release.version}, published ${release.publishedAt} (${from}); source: ${release.source}\n`,
  );
  const designations = new Map<string, string[]>();
  for (const d of release.designations)
    designations.set(d.organisationId, [
      ...(designations.get(d.organisationId) ?? []),
      `${d.list} ${d.date}`,
    ]);
  const parents = new Map<string, string[]>();
  for (const l of release.ownershipLinks)
    parents.set(l.childId, [
      ...(parents.get(l.childId) ?? []),
      `${l.parentId} (${l.control}${l.percent === undefined ? '' : ` ${l.percent}%`})`,
    ]);
  printTable(
    ['ID', 'LEGAL NAME', 'ALIASES', 'OWNED BY', 'DESIGNATIONS'],
    release.organisations.map((o) => [
      o.id,
      o.legalName,
      [...o.aliases, ...o.otherScriptNames.map((n) => n.name)].join('; '),
      (parents.get(o.id) ?? []).join('; '),
      (designations.get(o.id) ?? []).join('; '),
    ]),
  );
}

export function registerListCommands(program: Command): void {
  const list = program
    .command('list')
    .description(
      'Covered-entity list versions: import an update, show a version, list the stored versions (screening uses the newest)',
    )
    .addHelpText(
      'after',
      example('portguard list import covered-list-2027-01.json --dry-run', 'portguard list versions'),
    );

  list
    .command('import <file>')
    .description(
      'Import a covered-list release (JSON: version, publishedAt, source, organisations, ownershipLinks, designations) as a new stored version. All or nothing: every bad record is reported and nothing is written',
    )
    .option('--dry-run', 'check the file and show what it changes, but write nothing')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      example(
        'portguard list import covered-list-2027-01.json --dry-run',
        'portguard list import covered-list-2027-01.json && portguard screen',
      ),
    )
    .action(async (file: string, opts: { dryRun?: boolean; json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const r = await importCoveredList(ctx, file, { dryRun: opts.dryRun === true });
        if (opts.json) return printJson(r);
        process.stdout.write(
          r.dryRun
            ? `Dry run: ${file} is a valid release ${r.version} (${r.counts.organisations} organisations, ${r.counts.ownershipLinks} ownership links, ${r.counts.designations} designations); nothing was written.\n`
            : `Imported covered list ${r.version} (${r.counts.organisations} organisations, ${r.counts.ownershipLinks} ownership links, ${r.counts.designations} designations) into ${ctx.store.where}.\n`,
        );
        printChanges(r);
        if (!r.dryRun) process.stdout.write('Run `portguard screen` to see which findings it changes.\n');
      });
    });

  list
    .command('show [version]')
    .description(
      'Show a covered-list version (the current one by default): organisations, names, owners, designations',
    )
    .option('--json', 'print the release as JSON (the import format)')
    .addHelpText('after', example('portguard list show', 'portguard list show 2026.11-1 --json > list.json'))
    .action(async (version: string | undefined, opts: { json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const { release, from } = await showCoveredList(ctx, version);
        if (opts.json) return printJson(release);
        printRelease(release, from === 'store' ? 'imported' : 'bundled');
      });
    });

  list
    .command('versions')
    .description(
      'The stored covered-list versions, newest first, and the bundled one; marks the one screening uses',
    )
    .option('--json', 'print JSON')
    .addHelpText('after', example('portguard list versions'))
    .action(async (opts: { json?: boolean }, cmd: Command) => {
      await withContext(cmd, async (ctx) => {
        const rows = await coveredListVersions(ctx);
        if (opts.json) return printJson(rows);
        printTable(
          ['VERSION', 'PUBLISHED', 'IMPORTED', 'ORGANISATIONS', 'DESIGNATIONS', 'LINKS', 'CURRENT', 'SOURCE'],
          rows.map((v) => [
            v.version,
            v.publishedAt,
            v.importedAt === '' ? '(bundled)' : v.importedAt,
            v.organisations,
            v.designations,
            v.ownershipLinks,
            v.current ? 'yes' : '',
            v.source,
          ]),
        );
      });
    });
}
