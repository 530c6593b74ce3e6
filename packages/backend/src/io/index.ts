export { neutralise, unneutralise, readCell, writeCell, type RawCell } from './cells.js';
export { readCsv, writeCsv } from './csv.js';
export { readJson } from './json.js';
export { readXlsx, writeXlsx } from './xlsx.js';
export { importIssue, type ImportIssue } from './issues.js';
export {
  tables,
  tableKeys,
  tableSpec,
  findTable,
  detectTable,
  type TableKey,
  type TableSpec,
  type ColumnSpec,
  type CellType,
} from './layout.js';
export {
  parseInputs,
  checkConsistency,
  toDataset,
  countRecords,
  exportDataset,
  templateFiles,
  userTables,
  type InputFile,
  type ParsedImport,
  type ParsedTables,
  type ExistingIds,
  type ExportFormat,
} from './inventory-io.js';
