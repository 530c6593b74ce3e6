export { parseDatasetSources } from './sources.js';
export type {
  DatasetSources,
  SourceCoveredEntity,
  SourceMakerBatch,
  SourcePort,
  SourceTerminal,
} from './sources.js';
export { COVERED_LIST_VERSION, buildCoveredList } from './covered-entities.js';
export { DEFAULT_ZPMC_SHARE, buildNationalDataset } from './build-national-dataset.js';
export type {
  DemandCap,
  NationalBuildOptions,
  NationalBuildReport,
  NationalBuildResult,
} from './build-national-dataset.js';
export { countProvenance, listProvenance } from './provenance-listing.js';
export type { ProvenanceRow } from './provenance-listing.js';
