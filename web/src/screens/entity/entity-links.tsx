/**
 * Why the records are one entity: each link resolution made, with its probability, its reason and
 * the features that fired with their weights; analysts and reviewers confirm or reject it. The
 * judgements already made are listed below.
 */
import { Badge, Button, Card, Group, Stack, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Caption } from '../../components/markings.tsx';
import { judgementOf, type Entity, type EntityLink } from './entity-data.ts';

export type Verdict = 'same' | 'different';

function RecordName({ entity, id }: { readonly entity: Entity; readonly id: string }) {
  const { t } = useTranslation('entity');
  const record = entity.records.find((each) => each.id === id);
  if (record === undefined) return <Caption caption={null} />;
  return (
    <Text span fw={600}>
      <Caption caption={record.caption} /> ({t(`kinds.${record.kind}`, { defaultValue: record.kind })},{' '}
      {record.ownerOrganisation})
    </Text>
  );
}

function Features({ link }: { readonly link: EntityLink }) {
  const { t, i18n } = useTranslation('entity');
  const number = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 2, signDisplay: 'exceptZero' });
  if (link.features === undefined || link.features.length === 0) return null;
  return (
    <Table withTableBorder verticalSpacing={2} fz="sm" w="fit-content" data-testid="link-features">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('feature')}</Table.Th>
          <Table.Th>{t('level')}</Table.Th>
          <Table.Th>{t('weight')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {link.features.map((feature) => (
          <Table.Tr key={feature.feature}>
            <Table.Td>{feature.feature}</Table.Td>
            <Table.Td>{feature.level}</Table.Td>
            <Table.Td>{number.format(feature.weight)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function EntityLinks({
  entity,
  onJudge,
}: {
  readonly entity: Entity;
  /** Undefined when the reader does not judge links. */
  readonly onJudge: ((link: EntityLink, verdict: Verdict) => void) | undefined;
}) {
  const { t, i18n } = useTranslation('entity');
  const percent = new Intl.NumberFormat(i18n.language, { style: 'percent', maximumFractionDigits: 1 });
  if (entity.links.length === 0) return <Text c="dimmed">{t('noLinks')}</Text>;
  return (
    <Stack gap="sm">
      {entity.links.map((link) => {
        const judged = judgementOf(entity, link.source, link.target);
        return (
          <Card key={`${link.source}-${link.target}-${link.kind}`} withBorder padding="sm" data-testid="entity-link">
            <Stack gap={6}>
              <Group gap="xs" wrap="wrap">
                <RecordName entity={entity} id={link.source} />
                <Text span aria-hidden>
                  ↔
                </Text>
                <RecordName entity={entity} id={link.target} />
              </Group>
              <Group gap="xs" wrap="wrap">
                {link.probability === undefined ? null : (
                  <Badge variant="light">
                    {t('probability')}: {percent.format(link.probability)}
                  </Badge>
                )}
                {judged === undefined ? null : (
                  <Badge color={judged.verdict === 'same' ? 'teal.9' : 'red.9'} data-testid="link-judged">
                    {t('judgedAs', { verdict: t(`verdicts.${judged.verdict}`) })}
                  </Badge>
                )}
              </Group>
              {link.reason === undefined ? null : <Text size="sm">{link.reason}</Text>}
              <Features link={link} />
              {onJudge === undefined ? null : (
                <Group gap="xs">
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => {
                      onJudge(link, 'same');
                    }}
                  >
                    {t('confirm')}
                  </Button>
                  <Button
                    size="xs"
                    variant="default"
                    onClick={() => {
                      onJudge(link, 'different');
                    }}
                  >
                    {t('reject')}
                  </Button>
                </Group>
              )}
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}

export function Judgements({ entity }: { readonly entity: Entity }) {
  const { t, i18n } = useTranslation('entity');
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  if (entity.judgements.length === 0) return <Text c="dimmed">{t('noJudgements')}</Text>;
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped verticalSpacing="xs" data-testid="entity-judgements">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('verdict')}</Table.Th>
            <Table.Th>{t('pair')}</Table.Th>
            <Table.Th>{t('reason')}</Table.Th>
            <Table.Th>{t('decidedBy')}</Table.Th>
            <Table.Th>{t('decidedAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {entity.judgements.map((judgement) => (
            <Table.Tr key={`${judgement.recordA}-${judgement.recordB}-${judgement.decidedAt}`} data-testid="judgement">
              <Table.Td>{t(`verdicts.${judgement.verdict}`)}</Table.Td>
              <Table.Td>
                <Stack gap={2}>
                  <RecordName entity={entity} id={judgement.recordA} />
                  <RecordName entity={entity} id={judgement.recordB} />
                </Stack>
              </Table.Td>
              <Table.Td>{judgement.reason}</Table.Td>
              <Table.Td>
                {judgement.decidedBy} ({judgement.organisationId})
              </Table.Td>
              <Table.Td>{date.format(new Date(judgement.decidedAt))}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
