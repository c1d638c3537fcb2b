/**
 * One screening's answer, shown as the API gave it and no more: "no hit"; "secondary check
 * advised" with the reference to quote (a blind answer says nothing of the notice); or, for law
 * enforcement, the hits it may see with their scores, the features that matched and any guidance.
 */
import { Alert, Badge, Group, List, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from '../../router.tsx';
import type { ScreenHit, ScreenOutcome, ScreenResult } from './screening-api.ts';

/** Shades dark (or light) enough for AA contrast with the badge's text. */
const OUTCOME_COLOURS: Readonly<Record<ScreenOutcome, string>> = {
  no_hit: 'teal.9',
  secondary_check_advised: 'yellow.4',
  hits: 'red.9',
};

/** The answer as a coloured label. */
export function OutcomeBadge({ result }: { readonly result: ScreenOutcome }) {
  const { t } = useTranslation('screening');
  return (
    <Badge
      color={OUTCOME_COLOURS[result]}
      variant="filled"
      autoContrast
      data-testid="screen-outcome"
      data-result={result}
    >
      {result === 'hits' ? t('result.hits') : t(`result.${result}`)}
    </Badge>
  );
}

function Features({ hit }: { readonly hit: ScreenHit }) {
  const { t } = useTranslation('screening');
  return (
    <List size="sm" spacing={2}>
      {hit.features.map((feature, index) => (
        <List.Item key={`${feature.feature}-${String(index)}`}>
          <Text span fw={600} size="sm">
            {feature.feature}
          </Text>{' '}
          {feature.detail}{' '}
          <Text span c="dimmed" size="xs">
            ({t('result.weight', { weight: feature.weight.toFixed(2) })})
          </Text>
        </List.Item>
      ))}
    </List>
  );
}

/** The hits law enforcement may see. */
export function HitsTable({ hits }: { readonly hits: readonly ScreenHit[] }) {
  const { t, i18n } = useTranslation('screening');
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 0 });
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table fz="sm" verticalSpacing="xs" data-testid="screen-hits">
        <Table.Caption>{t('result.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('result.notice')}</Table.Th>
            <Table.Th>{t('result.type')}</Table.Th>
            <Table.Th>{t('result.score')}</Table.Th>
            <Table.Th>{t('result.features')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {hits.map((hit) => (
            <Table.Tr key={hit.notice} data-testid="screen-hit">
              <Table.Td>
                {hit.list === null ? (
                  <Link to={`/notices/${encodeURIComponent(hit.notice)}`}>{t('result.openNotice')}</Link>
                ) : (
                  <Text size="sm">
                    {t('result.list')}: {hit.list}
                  </Text>
                )}
                {hit.guidance === null ? null : (
                  <Text size="sm" c="red.9" mt={4}>
                    {t('result.guidance')}: {hit.guidance}
                  </Text>
                )}
              </Table.Td>
              <Table.Td>{t(`notices:types.${hit.noticeType}`, { defaultValue: hit.noticeType })}</Table.Td>
              <Table.Td>{percent.format(hit.score)}</Table.Td>
              <Table.Td>
                <Features hit={hit} />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The whole answer to one check. */
export function ScreenResultView({ result }: { readonly result: ScreenResult }) {
  const { t } = useTranslation('screening');
  return (
    <Stack gap="sm" data-testid="screen-result">
      <Group gap="sm">
        <OutcomeBadge result={result.result} />
        {result.result === 'hits' ? (
          <Text size="sm">{t('result.hitsCount', { count: result.hits.length })}</Text>
        ) : null}
      </Group>
      {result.result === 'no_hit' ? <Text size="sm">{t('result.noHitHelp')}</Text> : null}
      {result.secondaryCheckAdvised ? (
        <Alert color="yellow" data-testid="screen-blind">
          <Stack gap={4}>
            <Text size="sm" fw={700}>
              {t('result.secondary_check_advised')}
            </Text>
            {result.result === 'hits' ? <Text size="sm">{t('result.alsoAdvised')}</Text> : null}
            <Text size="sm">{t('result.blindHelp')}</Text>
            {result.reference === null ? null : (
              <Text size="sm">
                {t('result.reference')}:{' '}
                <Text span ff="monospace" fw={700} data-testid="screen-reference">
                  {result.reference}
                </Text>
              </Text>
            )}
          </Stack>
        </Alert>
      ) : null}
      {result.hits.length > 0 ? <HitsTable hits={result.hits} /> : null}
      {result.result === 'hits' && !result.secondaryCheckAdvised && result.reference !== null ? (
        <Text size="sm">
          {t('result.reference')}:{' '}
          <Text span ff="monospace" data-testid="screen-reference">
            {result.reference}
          </Text>
        </Text>
      ) : null}
    </Stack>
  );
}
