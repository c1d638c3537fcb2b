/**
 * A case's items: each a reference to an entity, record, notice, alert or report, with its caption
 * as the reader may see it (a link to the entity for entities and records), or "restricted" when
 * the reader may not see what it refers to. The owner's people add items by id.
 */
import { Button, Group, List, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Caption } from '../../components/markings.tsx';
import { Link } from '../../router.tsx';
import { OutcomeLine, useOutcome } from '../../components/outcome.tsx';
import { ITEM_KINDS, type CaseItem, type ItemKind } from './types.ts';

/** Where an item leads in the workbench, when it leads anywhere. */
function itemPath(kind: ItemKind, ref: string): string | null {
  switch (kind) {
    case 'entity':
    case 'record':
      return `/entities/${encodeURIComponent(ref)}`;
    case 'report':
      return `/tips/${encodeURIComponent(ref)}`;
    case 'alert':
      return '/alerts';
    case 'notice':
      return null;
  }
}

function Item({ item }: { readonly item: CaseItem }) {
  const { t, i18n } = useTranslation('cases');
  if (item.restricted) {
    return (
      <List.Item data-testid="case-item" data-restricted="true">
        <Text size="sm" fs="italic" c="dimmed">
          {t('items.restricted')} (<Caption caption={null} />)
        </Text>
      </List.Item>
    );
  }
  const path = itemPath(item.kind, item.ref);
  const date = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium' }).format(new Date(item.addedAt));
  const caption = <Caption caption={item.caption} fallback={item.ref} />;
  return (
    <List.Item data-testid="case-item">
      <Text size="sm">
        <Text span fw={600}>
          {t(`kinds.${item.kind}`)}:
        </Text>{' '}
        {path === null ? caption : <Link to={path}>{caption}</Link>}
      </Text>
      <Text size="xs" c="dimmed">
        {t('items.addedBy', { who: item.addedBy, date })}
      </Text>
    </List.Item>
  );
}

function AddItem({ caseId, onAdded }: { readonly caseId: string; readonly onAdded: () => void }) {
  const { t } = useTranslation('cases');
  const [kind, setKind] = useState<ItemKind>('entity');
  const [ref, setRef] = useState('');
  const { outcome, busy, run } = useOutcome();
  return (
    <form
      aria-label={t('items.add')}
      onSubmit={(event) => {
        event.preventDefault();
        void run(
          () => api(`/cases/${encodeURIComponent(caseId)}/items`, { method: 'POST', body: { kind, ref: ref.trim() } }),
          t('items.added'),
        ).then((added) => {
          if (!added) return;
          setRef('');
          onAdded();
        });
      }}
    >
      <Group align="end" wrap="wrap">
        <Select
          label={t('items.kind')}
          w={160}
          allowDeselect={false}
          value={kind}
          onChange={(value) => {
            const found = ITEM_KINDS.find((candidate) => candidate === value);
            if (found !== undefined) setKind(found);
          }}
          data={ITEM_KINDS.map((value) => ({ value, label: t(`kinds.${value}`) }))}
        />
        <TextInput
          label={t('items.ref')}
          description={t('items.refHelp')}
          required
          miw={320}
          style={{ flex: 1 }}
          value={ref}
          onChange={(event) => {
            setRef(event.currentTarget.value);
          }}
        />
        <Button type="submit" loading={busy}>
          {t('items.add')}
        </Button>
      </Group>
      <OutcomeLine outcome={outcome} />
    </form>
  );
}

export function CaseItems({
  caseId,
  items,
  editable,
  onChange,
}: {
  readonly caseId: string;
  readonly items: readonly CaseItem[];
  readonly editable: boolean;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation('cases');
  return (
    <Stack gap="sm">
      <Title order={3}>{t('items.title')}</Title>
      {items.length === 0 ? (
        <Text c="dimmed">{t('items.none')}</Text>
      ) : (
        <List spacing="xs">
          {items.map((item) => (
            <Item key={item.id} item={item} />
          ))}
        </List>
      )}
      {editable ? <AddItem caseId={caseId} onAdded={onChange} /> : null}
    </Stack>
  );
}
