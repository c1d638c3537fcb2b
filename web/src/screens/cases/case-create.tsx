/**
 * Opening a case: its title, reference and status, its HTCDS categories (the values GET /model
 * gives), its countries and how far it may be shared (TLP). The server validates; its refusal names
 * the field.
 */
import { Button, Group, MultiSelect, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { navigate } from '../../router.tsx';
import { OutcomeLine, useOutcome } from '../../components/outcome.tsx';
import type { CaseView, Taxonomy } from './types.ts';

const STATUSES = ['open', 'referred', 'closed'] as const;
/** RED needs named recipients, which a case does not take here. */
const SHAREABLE_TLP = ['CLEAR', 'GREEN', 'AMBER', 'AMBER+STRICT'] as const;
const NO_TLP = 'none';

interface Model {
  readonly taxonomy: Taxonomy;
}

type Categories = Record<'exploitationType' | 'recruitmentMethod' | 'controlMethod' | 'transportMethod', string[]>;

const CATEGORY_FIELDS = [
  { property: 'exploitationType', list: 'exploitationTypes', label: 'create.exploitation', values: 'exploitation' },
  { property: 'recruitmentMethod', list: 'recruitmentMethods', label: 'create.recruitment', values: 'recruitment' },
  { property: 'controlMethod', list: 'controlMethods', label: 'create.control', values: 'control' },
  { property: 'transportMethod', list: 'transportMethods', label: 'create.transport', values: 'transport' },
] as const;

function CaseForm({ taxonomy }: { readonly taxonomy: Taxonomy }) {
  const { t } = useTranslation('cases');
  const [title, setTitle] = useState('');
  const [reference, setReference] = useState('');
  const [status, setStatus] = useState<string>('open');
  const [categories, setCategories] = useState<Categories>({
    exploitationType: [],
    recruitmentMethod: [],
    controlMethod: [],
    transportMethod: [],
  });
  const [exploitationCountries, setExploitationCountries] = useState<string[]>([]);
  const [originCountries, setOriginCountries] = useState<string[]>([]);
  const [description, setDescription] = useState('');
  const [tlp, setTlp] = useState<string>(NO_TLP);
  const { outcome, busy, run } = useOutcome();

  const submit = async () => {
    const lists = { ...categories, countryOfExploitation: exploitationCountries, countryOfOrigin: originCountries };
    const properties = Object.fromEntries(
      Object.entries({ title, reference, status, description, ...lists }).filter(([, value]) =>
        Array.isArray(value) ? value.length > 0 : value.trim() !== '',
      ),
    );
    const created = await api<CaseView>('/cases', {
      method: 'POST',
      body: { properties, ...(tlp === NO_TLP ? {} : { envelope: { tlp } }) },
    });
    navigate(`/cases/${encodeURIComponent(created.case.id)}`);
  };

  return (
    <form
      aria-label={t('create.title')}
      onSubmit={(event) => {
        event.preventDefault();
        void run(submit, t('create.created'));
      }}
    >
      <Stack>
        <SimpleGrid cols={{ base: 1, md: 3 }}>
          <TextInput
            label={t('create.caseTitle')}
            required
            value={title}
            onChange={(event) => {
              setTitle(event.currentTarget.value);
            }}
          />
          <TextInput
            label={t('create.reference')}
            value={reference}
            onChange={(event) => {
              setReference(event.currentTarget.value);
            }}
          />
          <Select
            label={t('create.status')}
            allowDeselect={false}
            value={status}
            onChange={(value) => {
              if (value !== null) setStatus(value);
            }}
            data={STATUSES.map((value) => ({ value, label: t(`status.${value}`) }))}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, md: 2 }}>
          {CATEGORY_FIELDS.map((field) => (
            <MultiSelect
              key={field.property}
              label={t(field.label)}
              searchable
              value={categories[field.property]}
              onChange={(value) => {
                setCategories((previous) => ({ ...previous, [field.property]: value }));
              }}
              data={taxonomy[field.list].map((value) => ({
                value,
                label: t(`${field.values}.${value}`, { defaultValue: value }),
              }))}
            />
          ))}
          <TagsInput
            label={t('create.countryOfExploitation')}
            description={t('create.countriesHelp')}
            value={exploitationCountries}
            onChange={(value) => {
              setExploitationCountries(value.map((code) => code.trim().toUpperCase()));
            }}
          />
          <TagsInput
            label={t('create.countryOfOrigin')}
            description={t('create.countriesHelp')}
            value={originCountries}
            onChange={(value) => {
              setOriginCountries(value.map((code) => code.trim().toUpperCase()));
            }}
          />
        </SimpleGrid>
        <Textarea
          label={t('create.description')}
          autosize
          minRows={2}
          value={description}
          onChange={(event) => {
            setDescription(event.currentTarget.value);
          }}
        />
        <Select
          label={t('create.tlp')}
          description={t('create.tlpHelp')}
          allowDeselect={false}
          w={{ base: '100%', md: 320 }}
          value={tlp}
          onChange={(value) => {
            if (value !== null) setTlp(value);
          }}
          data={[
            { value: NO_TLP, label: t('create.tlpNone') },
            ...SHAREABLE_TLP.map((value) => ({ value, label: `TLP:${value}` })),
          ]}
        />
        <Group>
          <Button type="submit" loading={busy}>
            {t('create.submit')}
          </Button>
          <OutcomeLine outcome={outcome} />
        </Group>
      </Stack>
    </form>
  );
}

/** The form, once the taxonomy is loaded. */
export function CreateCase() {
  const loaded = useLoad((signal) => api<Model>('/model', { signal }), []);
  return <Loading loaded={loaded}>{({ taxonomy }) => <CaseForm taxonomy={taxonomy} />}</Loading>;
}
