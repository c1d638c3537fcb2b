/**
 * Small pieces of the notices screens: a notice's title (or "restricted"), its status, what it
 * says as a table of the properties the API gave, and its history of steps.
 */
import { Badge, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Caption, TlpBadge } from '../../components/markings.tsx';
import { countryName } from '../../components/countries.ts';
import {
  FIELD_KINDS,
  textOf,
  type FieldName,
  type NoticeRecord,
  type NoticeStatus,
  type NoticeStep,
} from './notice-model.ts';

/** Shades dark (or light) enough for AA contrast with the badge's text. */
const STATUS_COLOURS: Readonly<Record<NoticeStatus, string>> = {
  draft: 'gray.7',
  in_review: 'yellow.4',
  published: 'teal.9',
  expired: 'dark.5',
  withdrawn: 'orange.3',
  cancelled: 'red.9',
};

/** A notice's TLP label; "your organisation only" when it has none. */
export function TlpLabel({ tlp }: { readonly tlp: string | null }) {
  const { t } = useTranslation('notices');
  if (tlp === null) {
    return (
      <Badge variant="outline" color="gray.7" size="sm">
        {t('ownerOnly')}
      </Badge>
    );
  }
  return <TlpBadge tlp={tlp} />;
}

/** A notice's status as a coloured label. */
export function StatusBadge({ status }: { readonly status: NoticeStatus }) {
  const { t } = useTranslation('notices');
  return (
    <Badge color={STATUS_COLOURS[status]} variant="filled" autoContrast data-testid="notice-status">
      {t(`statuses.${status}`)}
    </Badge>
  );
}

/** The notice's title, else its caption, else "restricted". */
export function NoticeTitle({ notice }: { readonly notice: NoticeRecord }) {
  const title = notice.properties['title'];
  return <Caption caption={typeof title === 'string' && title !== '' ? title : notice.caption} />;
}

const isField = (name: string): name is FieldName => name in FIELD_KINDS;

/** What the notice says: each property the API gave, labelled and shown for reading. */
export function NoticeProperties({ notice }: { readonly notice: NoticeRecord }) {
  const { t, i18n } = useTranslation('notices');
  const readable = (name: string, value: unknown): string => {
    if (name === 'noticeType' && typeof value === 'string') return t(`types.${value}`, { defaultValue: value });
    if (name === 'gender' && typeof value === 'string') return t(`genders.${value}`, { defaultValue: value });
    if (name === 'distribution' && typeof value === 'string') {
      return t(`distributions.${value}`, { defaultValue: value });
    }
    if (name === 'distributionSectors' && Array.isArray(value)) {
      return value.map((sector) => t(`sectors.${String(sector)}`, { defaultValue: String(sector) })).join(', ');
    }
    if (name === 'nationality' || name === 'documentCountry') {
      const codes = Array.isArray(value) ? value : [value];
      return codes.map((code) => countryName(String(code), i18n.language)).join(', ');
    }
    if (typeof value === 'boolean') return value ? t('app.yes') : t('app.no');
    return textOf(value);
  };
  const entries = Object.entries(notice.properties).filter(
    ([name, value]) => name !== 'status' && name !== 'title' && value !== null && value !== undefined,
  );
  return (
    <Table withRowBorders={false} verticalSpacing={4} fz="sm" data-testid="notice-properties">
      <Table.Tbody>
        {entries.map(([name, value]) => (
          <Table.Tr key={name}>
            <Table.Th w="30%" scope="row">
              {isField(name) || name === 'noticeType' || name.startsWith('distribution')
                ? t(`fields.${name}`, { defaultValue: name })
                : name}
            </Table.Th>
            <Table.Td>{readable(name, value)}</Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Table>
  );
}

/** The notice's steps, oldest first. */
export function NoticeHistory({ history }: { readonly history: readonly NoticeStep[] }) {
  const { t, i18n } = useTranslation('notices');
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  if (history.length === 0) return <Text size="sm">{t('history.none')}</Text>;
  const statusOf = (status: string) => t(`statuses.${status}`, { defaultValue: status });
  return (
    <Table.ScrollContainer minWidth={600}>
      <Table fz="sm" data-testid="notice-history">
        <Table.Caption>{t('history.caption')}</Table.Caption>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('history.step')}</Table.Th>
            <Table.Th>{t('history.change')}</Table.Th>
            <Table.Th>{t('history.actor')}</Table.Th>
            <Table.Th>{t('history.reason')}</Table.Th>
            <Table.Th>{t('history.at')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {history.map((step, index) => (
            <Table.Tr key={`${step.at}-${String(index)}`} data-action={step.action}>
              <Table.Td>{t(`steps.actions.${step.action}`, { defaultValue: step.action })}</Table.Td>
              <Table.Td>
                {step.from === step.to
                  ? statusOf(step.to)
                  : t('history.fromTo', { from: statusOf(step.from), to: statusOf(step.to) })}
              </Table.Td>
              <Table.Td>{step.actor}</Table.Td>
              <Table.Td>{step.reason ?? ''}</Table.Td>
              <Table.Td>{date.format(new Date(step.at))}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
