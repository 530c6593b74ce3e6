import { describeChain, type Finding, type NameMatchResult, type OrganisationId } from '@portguard/core';

const pct = (s: number) => s.toFixed(2);

/** One line per aligned word pair: "hikvison ~ hikvision (fuzzy, 1 edit)". */
export function describeAlignments(m: NonNullable<NameMatchResult['match']>): string {
  const e = m.explanation;
  if (e.kind === 'identifier') return `${e.identifier?.scheme ?? 'id'} ${e.identifier?.value ?? ''}`;
  const parts = e.alignments.map((a) => {
    const how =
      a.kind === 'fuzzy' || a.kind === 'jaro-winkler'
        ? `${a.kind}, ${a.edits} edit${a.edits === 1 ? '' : 's'}`
        : a.kind;
    return a.query === a.candidate ? `${a.query} (${how})` : `${a.query} ~ ${a.candidate} (${how})`;
  });
  const extra = [
    e.unmatchedQuery.length > 0 ? `query only: ${e.unmatchedQuery.join(' ')}` : '',
    e.unmatchedCandidate.length > 0 ? `listed only: ${e.unmatchedCandidate.join(' ')}` : '',
  ].filter((x) => x !== '');
  return [...parts, ...extra].join('; ');
}

/** The multi-line "why is this flagged" text of one finding. */
export function describeFinding(f: Finding, nameOf: (id: OrganisationId) => string = (id) => id): string {
  const lines = [
    `${f.id}`,
    `  subject     ${f.subject.kind} ${f.subject.id} — "${f.subject.name}"${f.subject.facilityId ? ` at ${f.subject.facilityId}` : ''} (criticality ${f.subject.criticality})`,
    `  entity      ${f.entity.name} [${f.entity.organisationId}]`,
    `  basis       ${f.basis}${f.explanation ? `, ${f.explanation.kind} match, score ${pct(f.score)}` : ''}`,
  ];
  if (f.explanation) {
    lines.push(
      `  name forms  "${f.explanation.queryForm}" ↔ "${f.explanation.candidateForm}" (listed ${f.explanation.candidateNameKind}: ${f.explanation.candidateName})`,
    );
    const aligned = describeAlignments({
      organisationId: f.entity.organisationId,
      entityName: f.entity.name,
      score: f.score,
      explanation: f.explanation,
    });
    if (aligned !== '') lines.push(`  aligned     ${aligned}`);
  }
  for (const m of f.macEvidence ?? [])
    lines.push(`  mac         ${m.mac} is IEEE ${m.prefix}, registered to "${m.registeredTo}"`);
  for (const o of f.owners) {
    lines.push(`  owned by    ${describeChain(f.entity.organisationId, o.chain, nameOf)}`);
    if (o.above.length > 0) lines.push(`  above it    ${describeChain(o.organisationId, o.above, nameOf)}`);
  }
  for (const d of f.designations)
    lines.push(`  designation ${d.list} ${d.date} [${d.organisationId}] — ${d.citation}`);
  lines.push(`  severity    ${f.severity} (${f.severityReasons.join('; ')})`);
  const r = f.review;
  lines.push(
    `  review      ${r.status}${r.status === 'accepted-risk' ? ` by ${r.reviewer} on ${r.at}: ${r.justification}` : r.status === 'false-positive' ? ` by ${r.reviewer} on ${r.at}: ${r.reason}` : ''}`,
  );
  lines.push(`  list        ${f.listVersion}`);
  return lines.join('\n');
}
