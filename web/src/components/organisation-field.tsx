/**
 * Choosing a member organisation (to share a case with, to route a tip to): the exchange's
 * directory as a searchable list, the reader's own organisation left out. The server still decides,
 * by the sharing rules, whether the one chosen may receive it.
 */
import { Select } from '@mantine/core';
import { api } from '../api.ts';
import { useLoad } from '../load.tsx';
import { useMe } from '../session.tsx';

interface Organisation {
  readonly id: string;
  readonly name: string;
}

export function OrganisationField({
  label,
  value,
  onChange,
}: {
  readonly label: string;
  readonly value: string;
  readonly onChange: (id: string) => void;
}) {
  const me = useMe();
  const listed = useLoad((signal) => api<{ organisations: Organisation[] }>('/organisations', { signal }), []);
  const organisations = (listed.data?.organisations ?? []).filter(
    (organisation) => organisation.id !== me.organisation.id,
  );
  return (
    <Select
      label={label}
      searchable
      required
      miw={280}
      value={value === '' ? null : value}
      onChange={(chosen) => {
        onChange(chosen ?? '');
      }}
      data={organisations.map((organisation) => ({
        value: organisation.id,
        label: `${organisation.name} (${organisation.id})`,
      }))}
    />
  );
}
