/**
 * Ledger entries as a table (number, time, actor, organisation, action, purpose, objects,
 * outcome, hash) and one entry in full in a dialog: identifiers and hashes only, since the
 * ledger never holds content.
 */
import { Button, Code, ColorSwatch, Group, Modal, Table, Text } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { LedgerEntry } from './model.ts';

const OUTCOME_COLOURS: Readonly<Record<string, string>> = { ok: 'green', denied: 'orange', failed: 'red' };

function useDateTime(): (iso: string) => string {
  const { i18n } = useTranslation();
  const format = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'medium' });
  return (iso) => format.format(new Date(iso));
}

/** A field of the full entry: its name and its value, written left to right (ids, hashes). */
function Field({ name, children }: { readonly name: string; readonly children: ReactNode }) {
  return (
    <Table.Tr>
      <Table.Th scope="row" w="30%">
        {name}
      </Table.Th>
      <Table.Td>{children}</Table.Td>
    </Table.Tr>
  );
}

function EntryDetail({ entry, onClose }: { readonly entry: LedgerEntry; readonly onClose: () => void }) {
  const { t } = useTranslation('oversight');
  const dateTime = useDateTime();
  const none = (
    <Text span c="dimmed">
      {t('none')}
    </Text>
  );
  return (
    <Modal opened onClose={onClose} title={t('entryTitle', { seq: entry.seq })} size="lg">
      <Table withRowBorders={false} fz="sm" verticalSpacing={4}>
        <Table.Tbody>
          <Field name={t('columns.at')}>
            {dateTime(entry.at)} <Code dir="ltr">{entry.at}</Code>
          </Field>
          <Field name={t('columns.actor')}>
            <Code dir="ltr">{entry.actor}</Code>
          </Field>
          <Field name={t('columns.organisation')}>{entry.organisation ?? none}</Field>
          <Field name={t('columns.action')}>{t(`actions.${entry.action}`, { defaultValue: entry.action })}</Field>
          <Field name={t('columns.purpose')}>
            {entry.purpose === null ? none : t(`purposes.${entry.purpose}`, { defaultValue: entry.purpose })}
          </Field>
          <Field name={t('columns.outcome')}>{t(`outcomes.${entry.outcome}`, { defaultValue: entry.outcome })}</Field>
          <Field name={t('columns.detail')}>
            {entry.detail === null ? none : <Code dir="ltr">{entry.detail}</Code>}
          </Field>
          <Field name={t('requestId')}>
            {entry.requestId === null ? none : <Code dir="ltr">{entry.requestId}</Code>}
          </Field>
          <Field name={t('columns.objects')}>
            {entry.objectIds.length === 0 ? (
              none
            ) : (
              <Code block dir="ltr">
                {entry.objectIds.join('\n')}
              </Code>
            )}
          </Field>
          <Field name={t('prevHash')}>
            <Code block dir="ltr" style={{ wordBreak: 'break-all' }}>
              {entry.prevHash}
            </Code>
          </Field>
          <Field name={t('columns.hash')}>
            <Code block dir="ltr" style={{ wordBreak: 'break-all' }}>
              {entry.hash}
            </Code>
          </Field>
        </Table.Tbody>
      </Table>
      <Text size="xs" c="dimmed" mt="sm">
        {t('noContent')}
      </Text>
    </Modal>
  );
}

/** The first objects of an entry, and how many more. */
function Objects({ ids }: { readonly ids: readonly string[] }) {
  const { t } = useTranslation('oversight');
  if (ids.length === 0)
    return (
      <Text span c="dimmed" size="xs">
        {t('none')}
      </Text>
    );
  const shown = ids.slice(0, 2);
  return (
    <Text size="xs">
      <Text span inherit dir="ltr" ff="monospace" style={{ wordBreak: 'break-all' }}>
        {shown.join(', ')}
      </Text>
      {ids.length > shown.length ? ` ${t('andMore', { count: ids.length - shown.length })}` : null}
    </Text>
  );
}

/** How an entry ended: a coloured dot beside the word (the word carries the meaning). */
function Outcome({ outcome }: { readonly outcome: string }) {
  const { t } = useTranslation('oversight');
  return (
    <Group gap={6} wrap="nowrap">
      <ColorSwatch size={8} color={`var(--mantine-color-${OUTCOME_COLOURS[outcome] ?? 'gray'}-7)`} withShadow={false} />
      <Text size="sm">{t(`outcomes.${outcome}`, { defaultValue: outcome })}</Text>
    </Group>
  );
}

/** A page of entries. */
export function LedgerTable({ entries }: { readonly entries: readonly LedgerEntry[] }) {
  const { t } = useTranslation('oversight');
  const dateTime = useDateTime();
  const [open, setOpen] = useState<LedgerEntry | null>(null);
  return (
    <>
      <Table.ScrollContainer minWidth={1100}>
        <Table striped fz="sm" aria-label={t('entries')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('columns.seq')}</Table.Th>
              <Table.Th>{t('columns.at')}</Table.Th>
              <Table.Th>{t('columns.actor')}</Table.Th>
              <Table.Th>{t('columns.organisation')}</Table.Th>
              <Table.Th>{t('columns.action')}</Table.Th>
              <Table.Th>{t('columns.purpose')}</Table.Th>
              <Table.Th>{t('columns.objects')}</Table.Th>
              <Table.Th>{t('columns.outcome')}</Table.Th>
              <Table.Th>{t('columns.hash')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((entry) => (
              <Table.Tr key={entry.seq} data-testid="ledger-entry" data-action={entry.action}>
                <Table.Td>
                  <Button
                    size="compact-xs"
                    variant="subtle"
                    onClick={() => {
                      setOpen(entry);
                    }}
                    aria-label={t('openEntry', { seq: entry.seq })}
                  >
                    {entry.seq}
                  </Button>
                </Table.Td>
                <Table.Td>{dateTime(entry.at)}</Table.Td>
                <Table.Td>
                  <Text size="xs" dir="ltr" ff="monospace" style={{ wordBreak: 'break-all' }}>
                    {entry.actor}
                  </Text>
                </Table.Td>
                <Table.Td data-testid="entry-organisation">{entry.organisation ?? '—'}</Table.Td>
                <Table.Td>
                  {t(`actions.${entry.action}`, { defaultValue: entry.action })}
                  {entry.detail === null ? null : (
                    <Text size="xs" c="dimmed" dir="ltr">
                      {entry.detail}
                    </Text>
                  )}
                </Table.Td>
                <Table.Td>
                  {entry.purpose === null ? '—' : t(`purposes.${entry.purpose}`, { defaultValue: entry.purpose })}
                </Table.Td>
                <Table.Td>
                  <Objects ids={entry.objectIds} />
                </Table.Td>
                <Table.Td>
                  <Outcome outcome={entry.outcome} />
                </Table.Td>
                <Table.Td>
                  <Code dir="ltr" title={entry.hash}>
                    {entry.hash.slice(0, 12)}…
                  </Code>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      {open === null ? null : (
        <EntryDetail
          entry={open}
          onClose={() => {
            setOpen(null);
          }}
        />
      )}
    </>
  );
}
