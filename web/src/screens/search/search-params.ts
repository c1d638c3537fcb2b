/**
 * A search as it lives in the address bar (?q=…&types=…), so it can be shared and the back button
 * returns to it; lists are comma-separated there and sent to the API as they are.
 */

export interface SearchParams {
  readonly q: string;
  readonly types: readonly string[];
  readonly sector: readonly string[];
  readonly country: readonly string[];
  readonly tlp: readonly string[];
  readonly from: string;
  readonly to: string;
}

export const LIST_FIELDS = ['types', 'sector', 'country', 'tlp'] as const;
export type ListField = (typeof LIST_FIELDS)[number];

const listOf = (query: URLSearchParams, name: string): string[] =>
  query
    .getAll(name)
    .flatMap((value) => value.split(','))
    .map((value) => value.trim())
    .filter(Boolean);

/** The search the address bar holds. */
export function searchParamsOf(query: URLSearchParams): SearchParams {
  return {
    q: query.get('q') ?? '',
    types: listOf(query, 'types'),
    sector: listOf(query, 'sector'),
    country: listOf(query, 'country'),
    tlp: listOf(query, 'tlp'),
    from: query.get('from') ?? '',
    to: query.get('to') ?? '',
  };
}

/** The address of a search (empty parts left out). */
export function searchPath(params: SearchParams): string {
  const query = new URLSearchParams();
  if (params.q.trim() !== '') query.set('q', params.q);
  for (const field of LIST_FIELDS) if (params[field].length > 0) query.set(field, params[field].join(','));
  if (params.from !== '') query.set('from', params.from);
  if (params.to !== '') query.set('to', params.to);
  const text = query.toString();
  return text === '' ? '/search' : `/search?${text}`;
}

/** The API's query for a search: the same parameters, empty ones left out. */
export function apiQuery(params: SearchParams, limit: number): Record<string, string | number | undefined> {
  const list = (values: readonly string[]) => (values.length === 0 ? undefined : values.join(','));
  return {
    q: params.q.trim(),
    types: list(params.types),
    sector: list(params.sector),
    country: list(params.country),
    tlp: list(params.tlp),
    from: params.from === '' ? undefined : params.from,
    to: params.to === '' ? undefined : params.to,
    limit,
  };
}

/** Whether any filter narrows the search. */
export function hasFilters(params: SearchParams): boolean {
  return LIST_FIELDS.some((field) => params[field].length > 0) || params.from !== '' || params.to !== '';
}
