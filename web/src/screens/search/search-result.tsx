/**
 * One search result: what it is, its caption (or "restricted"), who holds it, its markings, its
 * score and why it matched, word by word or identifier by identifier. It opens the entity page.
 */
import { Anchor, Badge, Card, Group, List, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Caption, TlpBadge } from '../../components/markings.tsx';
import { Link } from '../../router.tsx';

export interface SearchReason {
  readonly kind: 'word' | 'identifier';
  readonly how: string;
  readonly query: string;
  readonly matched: string;
  readonly field: string;
}

export interface SearchHit {
  readonly id: string;
  readonly kind: string;
  readonly caption: string | null;
  readonly sector: string;
  readonly ownerOrganisation: string;
  readonly tlp: string | null;
  readonly score: number;
  readonly reasons: readonly SearchReason[];
}

function Reason({ reason }: { readonly reason: SearchReason }) {
  const { t } = useTranslation('search');
  const how = t(`how.${reason.how}`, { defaultValue: reason.how });
  const values = { query: reason.query, matched: reason.matched, how, field: reason.field };
  return (
    <List.Item>
      <Text size="sm" span>
        {reason.kind === 'word' ? t('reasonWord', values) : t('reasonIdentifier', values)}
      </Text>
    </List.Item>
  );
}

export function SearchResult({ hit }: { readonly hit: SearchHit }) {
  const { t, i18n } = useTranslation('search');
  const kind = t(`kinds.${hit.kind}`, { defaultValue: hit.kind });
  const score = new Intl.NumberFormat(i18n.language, { style: 'percent' }).format(hit.score);
  return (
    <Card withBorder padding="sm" component="li" data-testid="search-result" data-record={hit.id}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="start">
          <Group gap="xs" wrap="wrap">
            <Badge variant="light">{kind}</Badge>
            <Anchor
              component={Link}
              to={`/entities/${encodeURIComponent(hit.id)}`}
              fw={600}
              aria-label={hit.caption === null ? t('openEntity', { kind }) : undefined}
            >
              <Caption caption={hit.caption} />
            </Anchor>
          </Group>
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'nowrap' }}>
            {t('score')}: {score}
          </Text>
        </Group>
        <Group gap="xs" wrap="wrap">
          <Text size="xs" c="dimmed">
            {t('owner')}: {hit.ownerOrganisation}
          </Text>
          <Text size="xs" c="dimmed">
            · {t('sectorLabel')}: {t(`sectors.${hit.sector}`, { defaultValue: hit.sector })}
          </Text>
          <TlpBadge tlp={hit.tlp} />
        </Group>
        {hit.reasons.length === 0 ? null : (
          <div>
            <Text size="xs" fw={600}>
              {t('why')}
            </Text>
            <List size="sm" spacing={2} data-testid="search-reasons">
              {hit.reasons.map((reason, index) => (
                <Reason key={`${reason.field}-${reason.query}-${String(index)}`} reason={reason} />
              ))}
            </List>
          </div>
        )}
      </Stack>
    </Card>
  );
}
