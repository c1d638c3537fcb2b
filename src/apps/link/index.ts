/** Linking CSV files with the record-linkage engine: the service behind `weft link`. */
export {
  LinkInputError,
  linkFiles,
  mapOfRoleColumns,
  parseLinkMap,
  readLinkMap,
  readLinkRecords,
  rowReader,
  type LinkFilesRequest,
  type LinkFilesStage,
  type LinkFilesSummary,
  type LinkMap,
} from './link-files.service.ts';
export { ParallelPairScorer, type PairIndices, type PairScorerReply, type PairScorerRequest } from './pair-scorer.ts';
