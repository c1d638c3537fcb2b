/**
 * The fields of a notice, grouped as a form: those its type asks for, each labelled, with the
 * server's problem shown under the field it names. A published notice's form shows only what may
 * still change.
 */
import {
  Checkbox,
  Fieldset,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  TagsInput,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { countryOptions } from '../../components/countries.ts';
import {
  DISTRIBUTIONS,
  FIELD_KINDS,
  GENDERS,
  NEEDED_FOR_REVIEW,
  NOTICE_TYPES,
  SECTIONS,
  SECTORS,
  shows,
  type FieldName,
  type NoticeForm,
  type SectionName,
} from './notice-model.ts';

interface FieldsProps {
  readonly form: NoticeForm;
  readonly onChange: (form: NoticeForm) => void;
  /** The server's problems by field name. */
  readonly errors: Readonly<Record<string, string>>;
  /** Only these fields (a published notice's amendable ones); the type and distribution are then fixed. */
  readonly only?: ReadonlySet<FieldName>;
}

function Field({ name, form, onChange, errors }: FieldsProps & { readonly name: FieldName }) {
  const { t, i18n } = useTranslation('notices');
  const countries = useMemo(() => countryOptions(i18n.language), [i18n.language]);
  const value = form.fields[name];
  const set = (next: string | string[] | boolean) => {
    onChange({ ...form, fields: { ...form.fields, [name]: next } });
  };
  const needed = NEEDED_FOR_REVIEW[form.noticeType] === name;
  const common = {
    label: t(`fields.${name}`),
    error: errors[name],
    name,
  };
  const text = typeof value === 'string' ? value : '';
  const list = Array.isArray(value) ? value : [];
  const kind = FIELD_KINDS[name];
  switch (kind) {
    case 'text':
      return (
        <TextInput
          {...common}
          required={name === 'title'}
          value={text}
          onChange={(event) => {
            set(event.currentTarget.value);
          }}
        />
      );
    case 'long':
      return (
        <Textarea
          {...common}
          description={needed ? t('help.neededForReview') : undefined}
          autosize
          minRows={2}
          maxRows={8}
          value={text}
          onChange={(event) => {
            set(event.currentTarget.value);
          }}
        />
      );
    case 'many':
      return (
        <TagsInput
          {...common}
          description={[
            name === 'name' ? t('help.name') : name === 'birthDate' ? t('help.birthDate') : t('help.many'),
            needed ? t('help.neededForReview') : '',
          ]
            .filter((part) => part !== '')
            .join(' ')}
          value={list}
          onChange={set}
          clearable
        />
      );
    case 'date':
      return (
        <TextInput
          {...common}
          type="date"
          value={text}
          onChange={(event) => {
            set(event.currentTarget.value);
          }}
        />
      );
    case 'partialDate':
      return (
        <TextInput
          {...common}
          description={t('help.partialDate')}
          value={text}
          onChange={(event) => {
            set(event.currentTarget.value);
          }}
        />
      );
    case 'country':
      return (
        <Select
          {...common}
          placeholder={t('selectCountry')}
          data={countries}
          searchable
          clearable
          value={text === '' ? null : text}
          onChange={(next) => {
            set(next ?? '');
          }}
        />
      );
    case 'countries':
      return (
        <MultiSelect
          {...common}
          placeholder={t('selectCountry')}
          data={countries}
          searchable
          clearable
          value={list}
          onChange={set}
        />
      );
    case 'gender':
      return (
        <Select
          {...common}
          data={GENDERS.map((gender) => ({ value: gender, label: t(`genders.${gender}`) }))}
          clearable
          value={text === '' ? null : text}
          onChange={(next) => {
            set(next ?? '');
          }}
        />
      );
    case 'flag':
      return (
        <Checkbox
          label={common.label}
          error={common.error}
          name={name}
          description={t('help.child')}
          checked={value === true}
          onChange={(event) => {
            set(event.currentTarget.checked);
          }}
        />
      );
  }
}

function Section({ section, ...props }: FieldsProps & { readonly section: SectionName }) {
  const { t } = useTranslation('notices');
  const names = SECTIONS[section].filter(
    (name) => shows(props.form, name) && (props.only === undefined || props.only.has(name)),
  );
  if (names.length === 0) return null;
  return (
    <Fieldset legend={t(`sections.${section}`)}>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {names.map((name) => (
          <Field key={name} name={name} {...props} />
        ))}
      </SimpleGrid>
    </Fieldset>
  );
}

function Basics(props: FieldsProps) {
  const { t } = useTranslation('notices');
  const { form, onChange, errors } = props;
  return (
    <Fieldset legend={t('sections.basics')}>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        <Select
          label={t('fields.noticeType')}
          required
          allowDeselect={false}
          data={NOTICE_TYPES.map((type) => ({ value: type, label: t(`types.${type}`) }))}
          value={form.noticeType}
          error={errors['noticeType']}
          onChange={(next) => {
            const type = NOTICE_TYPES.find((candidate) => candidate === next);
            if (type !== undefined) onChange({ ...form, noticeType: type });
          }}
        />
        <Field name="title" {...props} />
        <Field name="reference" {...props} />
        <Field name="issuingAuthority" {...props} />
      </SimpleGrid>
    </Fieldset>
  );
}

function Distribution(props: FieldsProps) {
  const { t } = useTranslation('notices');
  const { form, onChange, errors, only } = props;
  return (
    <Fieldset legend={t('sections.distribution')}>
      <SimpleGrid cols={{ base: 1, md: 2 }}>
        {only === undefined ? (
          <>
            <Select
              label={t('fields.distribution')}
              allowDeselect={false}
              data={DISTRIBUTIONS.map((value) => ({ value, label: t(`distributions.${value}`) }))}
              value={form.distribution}
              error={errors['distribution']}
              onChange={(next) => {
                const distribution = DISTRIBUTIONS.find((candidate) => candidate === next);
                if (distribution !== undefined) onChange({ ...form, distribution });
              }}
            />
            {form.distribution === 'sectors' ? (
              <MultiSelect
                label={t('fields.distributionSectors')}
                data={SECTORS.map((value) => ({ value, label: t(`sectors.${value}`) }))}
                value={form.distributionSectors}
                error={errors['distributionSectors']}
                onChange={(distributionSectors) => {
                  onChange({ ...form, distributionSectors });
                }}
              />
            ) : null}
            {form.distribution === 'groups' ? (
              <TagsInput
                label={t('fields.distributionGroups')}
                description={t('help.groups')}
                value={form.distributionGroups}
                error={errors['distributionGroups']}
                onChange={(distributionGroups) => {
                  onChange({ ...form, distributionGroups });
                }}
              />
            ) : null}
          </>
        ) : null}
        <Field name="expiresAt" {...props} />
      </SimpleGrid>
    </Fieldset>
  );
}

/** Every field of the notice the form is for. */
export function NoticeFields(props: FieldsProps) {
  return (
    <Stack gap="md">
      {props.only === undefined ? <Basics {...props} /> : null}
      {(Object.keys(SECTIONS) as SectionName[]).map((section) => (
        <Section key={section} section={section} {...props} />
      ))}
      <Distribution {...props} />
    </Stack>
  );
}
