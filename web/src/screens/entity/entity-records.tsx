/**
 * The records joined into the entity: type, caption, owner, sector and markings (from the record
 * itself where the reader may open it), a clear marker on a protected victim's record, and, for
 * those who judge, a choice of records to split off.
 */
import { Badge, Checkbox, Group, Table, Text, VisuallyHidden } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Caption, TlpBadge } from '../../components/markings.tsx';
import type { EntityRecord, RecordDetail } from './entity-data.ts';

function Markings({ detail }: { readonly detail: RecordDetail | undefined }) {
  const { t } = useTranslation('entity');
  if (detail === undefined) {
    return (
      <Text size="xs" c="dimmed" fs="italic">
        {t('markingsHidden')}
      </Text>
    );
  }
  const { envelope } = detail;
  return (
    <Group gap={4} wrap="wrap" data-testid="record-markings">
      <TlpBadge tlp={envelope.tlp} />
      <Badge size="sm" variant="outline" color="gray">
        {t(`confidentiality.${envelope.confidentiality}`, { defaultValue: envelope.confidentiality })}
      </Badge>
      <Badge size="sm" variant="outline" color={envelope.subjectCategory === 'victim' ? 'grape' : 'gray'}>
        {t(`subjectCategories.${envelope.subjectCategory}`, { defaultValue: envelope.subjectCategory })}
      </Badge>
    </Group>
  );
}

export function EntityRecords({
  seed,
  records,
  details,
  selected,
  onSelect,
}: {
  readonly seed: string;
  readonly records: readonly EntityRecord[];
  readonly details: ReadonlyMap<string, RecordDetail>;
  /** The records chosen to split off, or undefined when the reader does not judge. */
  readonly selected: ReadonlySet<string> | undefined;
  readonly onSelect: (id: string, chosen: boolean) => void;
}) {
  const { t, i18n } = useTranslation('entity');
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' });
  const day = (value: string | undefined) =>
    value === undefined || Number.isNaN(Date.parse(value)) ? '' : date.format(new Date(value));
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs" data-testid="entity-records">
        <Table.Thead>
          <Table.Tr>
            {selected === undefined ? null : (
              <Table.Th>
                <VisuallyHidden>{t('selectRecord')}</VisuallyHidden>
              </Table.Th>
            )}
            <Table.Th>{t('kind')}</Table.Th>
            <Table.Th>{t('caption')}</Table.Th>
            <Table.Th>{t('owner')}</Table.Th>
            <Table.Th>{t('sector')}</Table.Th>
            <Table.Th>{t('markings')}</Table.Th>
            <Table.Th>{t('collected')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {records.map((record) => {
            const detail = details.get(record.id);
            return (
              <Table.Tr key={record.id} data-testid="entity-record" data-record={record.id}>
                {selected === undefined ? null : (
                  <Table.Td>
                    <Checkbox
                      aria-label={`${t('selectRecord')}: ${record.caption ?? t(`kinds.${record.kind}`, { defaultValue: record.kind })}`}
                      checked={selected.has(record.id)}
                      onChange={(event) => {
                        onSelect(record.id, event.currentTarget.checked);
                      }}
                    />
                  </Table.Td>
                )}
                <Table.Td>{t(`kinds.${record.kind}`, { defaultValue: record.kind })}</Table.Td>
                <Table.Td>
                  <Group gap={6} wrap="wrap">
                    <Caption caption={record.caption} />
                    {record.protected === true ? (
                      <Badge color="grape" variant="filled" data-testid="protected-victim">
                        {t('protected')}
                      </Badge>
                    ) : null}
                    {record.id === seed ? (
                      <Text size="xs" c="dimmed">
                        ({t('seed')})
                      </Text>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>{record.ownerOrganisation}</Table.Td>
                <Table.Td>
                  {record.sector === undefined ? '' : t(`sectors.${record.sector}`, { defaultValue: record.sector })}
                </Table.Td>
                <Table.Td>
                  <Markings detail={detail} />
                </Table.Td>
                <Table.Td>{day(detail?.envelope.collectedAt)}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
