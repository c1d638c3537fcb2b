/**
 * The workbench's search box over every record: an in-memory index of records' words (in any
 * script, folded to Latin) and identifiers, queried exactly, by prefix and fuzzily, each hit with
 * its reasons, and only ever over the records the policy engine lets the reader see.
 */
export {
  referenceOf,
  searchEntryOf,
  type SearchableRecord,
  type SearchEntry,
  type SearchIdentifier,
  type SearchIdentifierKind,
  type SearchText,
} from './search-entry.ts';
export { LONGEST_QUERY, parseSearchQuery, type QueryIdentifier, type SearchQuery } from './search-query.ts';
export {
  IDENTIFIER_SHARE,
  oneEditApart,
  PREFIX_EXPANSIONS,
  SearchIndex,
  WORD_MATCHES,
  type SearchFilters,
  type SearchHit,
  type SearchOptions,
  type SearchOutcome,
  type SearchReason,
  type WordMatch,
} from './search-index.ts';
