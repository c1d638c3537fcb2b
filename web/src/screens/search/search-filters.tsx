/**
 * The search's filters: record types (from the model), sectors, countries, a time window and TLP
 * labels. Each change is a new search in the address bar; the server checks the values and names
 * the field it refuses.
 */
import { Button, Fieldset, MultiSelect, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { hasFilters, type SearchParams } from './search-params.ts';

/** What the filters offer, from GET /api/v1/model. */
export interface SearchModel {
  readonly entityTypes: readonly { readonly name: string; readonly label: string; readonly kind: string }[];
  readonly taxonomy: { readonly sectors: readonly string[] };
  readonly markings: { readonly tlp: readonly string[] };
}

export function SearchFilters({
  params,
  model,
  onChange,
}: {
  readonly params: SearchParams;
  readonly model: SearchModel | undefined;
  readonly onChange: (next: SearchParams) => void;
}) {
  const { t } = useTranslation('search');
  const types = (model?.entityTypes ?? []).map((type) => ({
    value: type.name,
    label: t(`kinds.${type.name}`, { defaultValue: type.label }),
  }));
  const sectors = (model?.taxonomy.sectors ?? []).map((sector) => ({
    value: sector,
    label: t(`sectors.${sector}`, { defaultValue: sector }),
  }));
  const tlp = (model?.markings.tlp ?? []).map((label) => ({ value: label, label: `TLP:${label}` }));
  const set = (change: Partial<SearchParams>) => {
    onChange({ ...params, ...change });
  };
  return (
    <Fieldset legend={t('filters')} variant="filled">
      <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="sm">
        <MultiSelect
          label={t('types')}
          data={types}
          value={[...params.types]}
          onChange={(types) => {
            set({ types });
          }}
          searchable
          clearable
        />
        <MultiSelect
          label={t('sector')}
          data={sectors}
          value={[...params.sector]}
          onChange={(sector) => {
            set({ sector });
          }}
          clearable
        />
        <TagsInput
          label={t('country')}
          description={t('countryHelp')}
          value={[...params.country]}
          onChange={(country) => {
            set({ country: country.map((code) => code.trim().toUpperCase()) });
          }}
          clearable
        />
        <TextInput
          type="date"
          label={t('from')}
          value={params.from}
          onChange={(event) => {
            set({ from: event.currentTarget.value });
          }}
        />
        <TextInput
          type="date"
          label={t('to')}
          value={params.to}
          onChange={(event) => {
            set({ to: event.currentTarget.value });
          }}
        />
        <MultiSelect
          label={t('tlp')}
          data={tlp}
          value={[...params.tlp]}
          onChange={(tlp) => {
            set({ tlp });
          }}
          clearable
        />
      </SimpleGrid>
      {hasFilters(params) ? (
        <Button
          mt="sm"
          size="xs"
          variant="subtle"
          onClick={() => {
            set({ types: [], sector: [], country: [], tlp: [], from: '', to: '' });
          }}
        >
          {t('clear')}
        </Button>
      ) : null}
    </Fieldset>
  );
}
