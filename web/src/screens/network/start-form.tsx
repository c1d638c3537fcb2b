/**
 * Where the graph starts (an identifier typed by the user, or the records in the address) and the
 * walk's reach and filters, which the start, every expansion and the analyses share. Submitting
 * puts them in the address, so the view can be shared with a colleague who may see the same.
 */
import { Button, Fieldset, Group, MultiSelect, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { IDENTIFIER_KINDS, SECTORS, type IdentifierKind, type WalkOptions } from './network-api.ts';

export interface StartChoice {
  readonly identifier: { readonly kind: IdentifierKind; readonly value: string } | null;
  readonly walk: WalkOptions;
}

export function StartForm({
  initialKind,
  initialValue,
  walk,
  nodeKinds,
  edgeKinds,
  fieldErrors,
  onSubmit,
}: {
  readonly initialKind: IdentifierKind;
  readonly initialValue: string;
  readonly walk: WalkOptions;
  /** Record and link types to offer (those known, and those in the graph). */
  readonly nodeKinds: readonly string[];
  readonly edgeKinds: readonly string[];
  /** The server's complaints, by field. */
  readonly fieldErrors: Readonly<Record<string, string>>;
  readonly onSubmit: (choice: StartChoice) => void;
}) {
  const { t } = useTranslation('network');
  const [kind, setKind] = useState<IdentifierKind>(initialKind);
  const [value, setValue] = useState(initialValue);
  const [hops, setHops] = useState<number>(walk.hops);
  const [limit, setLimit] = useState<number>(walk.limit);
  const [nodeKindsChosen, setNodeKinds] = useState<string[]>([...walk.nodeKinds]);
  const [edgeKindsChosen, setEdgeKinds] = useState<string[]>([...walk.edgeKinds]);
  const [sectors, setSectors] = useState<string[]>([...walk.sectors]);
  const [from, setFrom] = useState(walk.from);
  const [to, setTo] = useState(walk.to);

  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    onSubmit({
      identifier: value.trim() === '' ? null : { kind, value: value.trim() },
      walk: { hops, limit, nodeKinds: nodeKindsChosen, edgeKinds: edgeKindsChosen, sectors, from, to },
    });
  };
  const label = (group: 'kinds' | 'edgeKinds', name: string) => t(`${group}.${name}`, { defaultValue: name });

  return (
    <form onSubmit={submit} aria-label={t('start.legend')}>
      <Stack gap="sm">
        <Fieldset legend={t('start.legend')} variant="filled">
          <Group align="end" gap="sm">
            <Select
              label={t('start.kind')}
              w={190}
              allowDeselect={false}
              value={kind}
              onChange={(next) => {
                if (next !== null) setKind(next);
              }}
              data={IDENTIFIER_KINDS.map((name) => ({ value: name, label: t(`identifierKinds.${name}`) }))}
            />
            <TextInput
              label={t('start.value')}
              name="value"
              w={260}
              value={value}
              error={fieldErrors['value']}
              onChange={(event) => {
                setValue(event.currentTarget.value);
              }}
            />
            <NumberInput
              label={t('start.hops')}
              w={120}
              min={1}
              max={6}
              value={hops}
              error={fieldErrors['hops']}
              onChange={(next) => {
                setHops(typeof next === 'number' ? next : 2);
              }}
            />
            <NumberInput
              label={t('start.limit')}
              w={200}
              min={1}
              max={5000}
              step={100}
              value={limit}
              error={fieldErrors['limit']}
              onChange={(next) => {
                setLimit(typeof next === 'number' ? next : 1000);
              }}
            />
            <Button type="submit">{t('start.submit')}</Button>
          </Group>
        </Fieldset>
        <Fieldset legend={t('filters.legend')}>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 5 }} spacing="sm">
            <MultiSelect
              label={t('filters.nodeKinds')}
              placeholder={nodeKindsChosen.length === 0 ? t('filters.any') : undefined}
              searchable
              clearable
              value={nodeKindsChosen}
              onChange={setNodeKinds}
              data={nodeKinds.map((name) => ({ value: name, label: label('kinds', name) }))}
            />
            <MultiSelect
              label={t('filters.edgeKinds')}
              placeholder={edgeKindsChosen.length === 0 ? t('filters.any') : undefined}
              searchable
              clearable
              value={edgeKindsChosen}
              onChange={setEdgeKinds}
              data={edgeKinds.map((name) => ({ value: name, label: label('edgeKinds', name) }))}
            />
            <MultiSelect
              label={t('filters.sectors')}
              placeholder={sectors.length === 0 ? t('filters.any') : undefined}
              searchable
              clearable
              value={sectors}
              onChange={setSectors}
              data={SECTORS.map((name) => ({ value: name, label: t(`sectors.${name}`) }))}
            />
            <TextInput
              type="date"
              label={t('filters.from')}
              value={from}
              error={fieldErrors['from']}
              onChange={(event) => {
                setFrom(event.currentTarget.value);
              }}
            />
            <TextInput
              type="date"
              label={t('filters.to')}
              value={to}
              error={fieldErrors['to']}
              onChange={(event) => {
                setTo(event.currentTarget.value);
              }}
            />
          </SimpleGrid>
        </Fieldset>
      </Stack>
    </form>
  );
}
