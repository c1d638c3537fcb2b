/** The search box over the store: the index kept current with the ledger, searches judged and recorded. */
export { SearchService, type SearchAnswer, type SearchFailure, type SearchRequest } from './search.service.ts';
