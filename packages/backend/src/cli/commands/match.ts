import { readFileSync } from 'node:fs';
import { InvalidArgumentError, type Command } from 'commander';
import { parse } from 'csv-parse/sync';
import {
  PortGuardError,
  buildMatchIndex,
  macVendorScreener,
  matchName,
  type EntityMatch,
} from '@portguard/core';
import { currentCoveredList } from '../../screening/covered-lists.js';
import { describeAlignments } from '../../screening/format.js';
import { readCoveredList, readOuiRegistry, DEFAULT_OUI_FILES } from '../../screening/service.js';
import { withContext } from '../context.js';
import { printJson, printTable } from '../output.js';
import { parseScore } from './screen.js';

const parseLimit = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1 || n > 50)
    throw new InvalidArgumentError('expected a whole number from 1 to 50');
  return n;
};

/** Names from a CSV file: the `name` column when there is one, else the first column; one error per bad file. */
function namesFromCsv(file: string): string[] {
  let rows: string[][];
  try {
    rows = parse(readFileSync(file, 'utf8'), {
      skip_empty_lines: true,
      relax_column_count: true,
      bom: true,
    }) as string[][];
  } catch (e) {
    throw new PortGuardError('invalid_input', `cannot read ${file} as CSV: ${(e as Error).message}`);
  }
  const head = rows[0]?.map((h) => h.trim().toLowerCase()) ?? [];
  const col = head.indexOf('name');
  const body = col >= 0 ? rows.slice(1) : rows;
  const names = body.map((r) => (r[col >= 0 ? col : 0] ?? '').trim()).filter((n) => n !== '');
  if (names.length === 0)
    throw new PortGuardError(
      'invalid_input',
      `${file} has no names (expected a "name" column or names in the first column)`,
    );
  return names;
}

const entityView = (m: EntityMatch) => ({
  entity: m.organisationId,
  name: m.entityName,
  score: m.score,
  explanation: m.explanation,
});

export function registerMatchCommands(program: Command): void {
  program
    .command('match [names...]')
    .description(
      'Best covered-entity matches for any name you are about to trust, with the score and the name forms that aligned',
    )
    .option('--file <names.csv>', 'read names from a CSV file (a "name" column, or the first column)')
    .option('--json', 'print [{query, match: {entity, score} | null, candidates: [...]}]')
    .option('--threshold <score>', 'match threshold (default 0.7)', parseScore)
    .option('--limit <n>', 'candidates per name (default 5)', parseLimit)
    .option(
      '--list <file>',
      'a covered-list release JSON file instead of the current list (the newest imported, or the bundled one)',
    )
    .addHelpText(
      'after',
      '\nExample:\n  $ portguard match "Shanghai Zhenhua Port Machinery" "海康威視" Aztech\n  $ portguard match --file suppliers.csv --json\n',
    )
    .action(
      async (
        names: string[],
        opts: { file?: string; json?: boolean; threshold?: number; limit?: number; list?: string },
        cmd: Command,
      ) => {
        const queries = [...names, ...(opts.file === undefined ? [] : namesFromCsv(opts.file))];
        if (queries.length === 0)
          throw new PortGuardError('invalid_input', 'give at least one name, or --file names.csv');
        const release =
          opts.list === undefined
            ? (await withContext(cmd, currentCoveredList)).release
            : readCoveredList(opts.list);
        const index = buildMatchIndex(release.organisations);
        const results = queries.map((q) =>
          matchName(index, q, {
            ...(opts.threshold === undefined ? {} : { threshold: opts.threshold }),
            ...(opts.limit === undefined ? {} : { limit: opts.limit }),
          }),
        );
        if (opts.json) {
          return printJson(
            results.map((r) => ({
              query: r.query,
              match: r.match
                ? { entity: r.match.organisationId, name: r.match.entityName, score: r.match.score }
                : null,
              candidates: r.candidates.map(entityView),
              listVersion: release.version,
            })),
          );
        }
        printTable(
          ['QUERY', 'MATCH', 'SCORE', 'KIND', 'LISTED NAME', 'ALIGNED'],
          results.flatMap((r) => {
            const top = r.match ?? r.candidates[0];
            if (!top) return [[r.query, '—', '', '', '', 'no covered entity near this name']];
            return [
              [
                r.query,
                r.match ? `${r.match.organisationId}` : `(none; nearest ${top.organisationId})`,
                top.score.toFixed(2),
                top.explanation.kind,
                top.explanation.candidateName,
                describeAlignments(top),
              ],
            ];
          }),
        );
        process.stdout.write(`covered list ${release.version}; match threshold ${opts.threshold ?? 0.7}\n`);
      },
    );

  program
    .command('mac <addresses...>')
    .description(
      'Who made this device? The IEEE vendor of each MAC address, and the covered entity that vendor is',
    )
    .option('--oui <file...>', `IEEE registry CSV file(s) (default ${DEFAULT_OUI_FILES.join(', ')})`)
    .option('--json', 'print JSON')
    .addHelpText('after', '\nExample:\n  $ portguard mac 44:47:cc:12:34:56 00:1b:21:aa:bb:cc\n')
    .action(async (addresses: string[], opts: { oui?: string[]; json?: boolean }, cmd: Command) => {
      const registry = readOuiRegistry(opts.oui ?? DEFAULT_OUI_FILES, true)!;
      const { release } = await withContext(cmd, currentCoveredList);
      const screen = macVendorScreener(registry, buildMatchIndex(release.organisations));
      const rows = addresses.map((a) => screen(a));
      if (opts.json) return printJson(rows);
      printTable(
        ['MAC', 'PREFIX', 'REGISTERED TO', 'COVERED ENTITY', 'SCORE'],
        rows.map((r) => [
          r.mac,
          r.assignment?.prefix ?? (r.locallyAdministered ? '(locally administered)' : '(not registered)'),
          r.assignment?.organisation ?? '',
          r.covered?.organisationId ?? '',
          r.covered ? r.covered.score.toFixed(2) : '',
        ]),
      );
    });
}
