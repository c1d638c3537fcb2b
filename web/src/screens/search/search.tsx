/**
 * The search box: one query over every record the reader may see, results as the user types (and
 * at once on Enter), narrowed by filters, each result with why it matched and a link to its
 * entity. The search lives in the address bar, so it can be shared and the back button works.
 */
import { Button, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { navigate, useLocation, useTitle } from '../../router.tsx';
import { SearchFilters, type SearchModel } from './search-filters.tsx';
import { apiQuery, searchParamsOf, searchPath, type SearchParams } from './search-params.ts';
import { SearchResult, type SearchHit } from './search-result.tsx';

interface SearchAnswer {
  readonly results: readonly SearchHit[];
  readonly total: number;
  readonly truncated: boolean;
}

/** An answer and the address it answers (the previous answer stays shown while the next loads). */
interface Answered {
  readonly address: string;
  readonly answer: SearchAnswer;
}

/** Results asked for at first, and each "more" adds as many, up to the API's most. */
const PAGE = 20;
const MOST_RESULTS = 100;
const TYPING_PAUSE_MS = 300;

function Results({
  address,
  answer,
  onMore,
  loading,
}: {
  readonly address: string;
  readonly answer: SearchAnswer;
  readonly onMore: (() => void) | undefined;
  readonly loading: boolean;
}) {
  const { t } = useTranslation('search');
  if (answer.total === 0) {
    return (
      <Text data-testid="search-answer" data-address={address}>
        {t('none')}
      </Text>
    );
  }
  return (
    <Stack gap="sm" data-testid="search-answer" data-address={address}>
      <Text size="sm" data-testid="search-count">
        {t('count', { shown: answer.results.length, total: answer.total })}
      </Text>
      <Stack component="ul" gap="sm" p={0} m={0} style={{ listStyle: 'none' }} aria-busy={loading}>
        {answer.results.map((hit) => (
          <SearchResult key={hit.id} hit={hit} />
        ))}
      </Stack>
      {answer.truncated && onMore !== undefined ? (
        <Button variant="light" w="fit-content" onClick={onMore} loading={loading}>
          {t('more')}
        </Button>
      ) : null}
    </Stack>
  );
}

export default function SearchScreen() {
  const { t } = useTranslation('search');
  useTitle(t('title'));
  const { query } = useLocation();
  const params = searchParamsOf(query);
  const address = searchPath(params);
  const [text, setText] = useState(params.q);
  const [typed] = useDebouncedValue(text, TYPING_PAUSE_MS);
  const [limit, setLimit] = useState(PAGE);

  // The back button (or a shared link) changes the search: the box follows the address.
  useEffect(() => {
    setText(params.q);
    setLimit(PAGE);
  }, [params.q]);
  // Typing searches after a pause, replacing the address rather than piling up history.
  useEffect(() => {
    if (typed.trim() !== params.q.trim()) navigate(searchPath({ ...params, q: typed }), { replace: true });
    // Only a pause in typing searches: a change of the address alone must not navigate again.
  }, [typed]);

  const model = useLoad((signal) => api<SearchModel>('/model', { signal }), []);
  const found = useLoad(
    (signal) =>
      params.q.trim() === ''
        ? Promise.resolve(null)
        : api<SearchAnswer>('/search', { query: apiQuery(params, limit), signal }).then((answer): Answered => ({
            address,
            answer,
          })),
    [address, limit],
  );
  const change = (next: SearchParams) => {
    setLimit(PAGE);
    navigate(searchPath(next));
  };

  return (
    <Stack>
      <Title order={2}>{t('title')}</Title>
      <Text c="dimmed">{t('intro')}</Text>
      <form
        role="search"
        onSubmit={(event) => {
          event.preventDefault();
          if (text.trim() !== params.q.trim()) change({ ...params, q: text });
        }}
      >
        <Group align="end" wrap="nowrap">
          <TextInput
            label={t('box')}
            description={t('boxHelp')}
            placeholder={t('boxPlaceholder')}
            type="search"
            value={text}
            onChange={(event) => {
              setText(event.currentTarget.value);
            }}
            // The screen is the search box: the cursor starts in it.
            autoFocus
            style={{ flex: 1 }}
            data-testid="search-box"
          />
          <Button type="submit">{t('submit')}</Button>
        </Group>
      </form>
      <SearchFilters params={params} model={model.data} onChange={change} />
      <Loading loaded={found}>
        {(answered) =>
          answered === null ? (
            <Text c="dimmed">{t('start')}</Text>
          ) : (
            <Results
              address={answered.address}
              answer={answered.answer}
              loading={found.loading}
              onMore={
                limit < MOST_RESULTS
                  ? () => {
                      setLimit((value) => Math.min(value + PAGE, MOST_RESULTS));
                    }
                  : undefined
              }
            />
          )
        }
      </Loading>
    </Stack>
  );
}
