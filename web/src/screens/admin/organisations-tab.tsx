/**
 * The member organisations: every administrator reads them; a coordinator's administrators add
 * one, rename one or change its sector (the server refuses anyone else, and the screen says so).
 */
import { Alert, Button, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, type Loaded } from '../../load.tsx';
import { useMe } from '../../session.tsx';
import { ORGANISATION_TYPES, SECTORS, type Organisation } from './model.ts';
import { FormError, READABLE_TITLE, RowButton, Status, fieldErrors } from './parts.tsx';

function useSectorOptions() {
  const { t } = useTranslation('admin');
  return SECTORS.map((value) => ({ value, label: t(`sectors.${value}`) }));
}

function AddOrganisation({ onAdded }: { readonly onAdded: (organisation: Organisation) => void }) {
  const { t } = useTranslation('admin');
  const sectors = useSectorOptions();
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [organisationType, setType] = useState<string | null>(null);
  const [sector, setSector] = useState<string | null>(null);
  const [country, setCountry] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const fields = fieldErrors(error);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const added = await api<Organisation>('/admin/organisations', {
        method: 'POST',
        body: {
          id: id.trim(),
          name,
          organisationType,
          sector,
          ...(country.trim() === '' ? {} : { country: country.trim().toUpperCase() }),
        },
      });
      setId('');
      setName('');
      setCountry('');
      onAdded(added);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="add-organisation">
      <Stack gap="xs">
        <Title order={3} size="h4" id="add-organisation">
          {t('organisations.add')}
        </Title>
        <Group align="start" grow>
          <TextInput
            label={t('organisations.id')}
            description={t('organisations.idHelp')}
            required
            value={id}
            onChange={(event) => {
              setId(event.currentTarget.value);
            }}
            error={fields['id']}
            dir="ltr"
          />
          <TextInput
            label={t('organisations.name')}
            required
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
            }}
            error={fields['name']}
          />
        </Group>
        <Group align="start" grow>
          <Select
            label={t('organisations.type')}
            required
            data={ORGANISATION_TYPES.map((value) => ({ value, label: t(`types.${value}`) }))}
            value={organisationType}
            onChange={setType}
            error={fields['organisationType']}
          />
          <Select
            label={t('organisations.sector')}
            required
            data={sectors}
            value={sector}
            onChange={setSector}
            error={fields['sector']}
          />
          <TextInput
            label={t('organisations.country')}
            description={t('organisations.countryHelp')}
            maxLength={2}
            value={country}
            onChange={(event) => {
              setCountry(event.currentTarget.value);
            }}
            error={fields['country']}
            dir="ltr"
          />
        </Group>
        <FormError error={error} />
        <Button type="submit" w="fit-content">
          {t('organisations.addButton')}
        </Button>
      </Stack>
    </form>
  );
}

function EditOrganisation({
  organisation,
  onClose,
  onSaved,
}: {
  readonly organisation: Organisation;
  readonly onClose: () => void;
  readonly onSaved: (organisation: Organisation) => void;
}) {
  const { t } = useTranslation('admin');
  const sectors = useSectorOptions();
  const [name, setName] = useState(organisation.name);
  const [sector, setSector] = useState<string | null>(organisation.sector);
  const [error, setError] = useState<unknown>(undefined);
  const fields = fieldErrors(error);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    const body = {
      ...(name === organisation.name ? {} : { name }),
      ...(sector === organisation.sector || sector === null ? {} : { sector }),
    };
    try {
      const saved = await api<Organisation>(`/admin/organisations/${encodeURIComponent(organisation.id)}`, {
        method: 'PATCH',
        body,
      });
      onSaved(saved);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('organisations.editTitle', { name: organisation.name })}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <TextInput
            label={t('organisations.name')}
            required
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
            }}
            error={fields['name']}
          />
          <Select
            label={t('organisations.sector')}
            description={t('organisations.sectorHelp')}
            data={sectors}
            value={sector}
            onChange={setSector}
            allowDeselect={false}
            error={fields['sector']}
          />
          <FormError error={error} />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('app.cancel')}
            </Button>
            <Button type="submit">{t('app.save')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

function OrganisationTable({
  organisations,
  manager,
  onEdit,
}: {
  readonly organisations: readonly Organisation[];
  readonly manager: boolean;
  readonly onEdit: (organisation: Organisation) => void;
}) {
  const { t } = useTranslation('admin');
  return (
    <Table.ScrollContainer minWidth={640}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('organisations.name')}</Table.Th>
            <Table.Th>{t('organisations.id')}</Table.Th>
            <Table.Th>{t('organisations.type')}</Table.Th>
            <Table.Th>{t('organisations.sector')}</Table.Th>
            <Table.Th>{t('organisations.country')}</Table.Th>
            {manager ? <Table.Th>{t('actions')}</Table.Th> : null}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {organisations.map((organisation) => (
            <Table.Tr key={organisation.id} data-testid="organisation-row">
              <Table.Td>{organisation.name}</Table.Td>
              <Table.Td dir="ltr">{organisation.id}</Table.Td>
              <Table.Td>{t(`types.${organisation.organisationType}`)}</Table.Td>
              <Table.Td>{t(`sectors.${organisation.sector}`)}</Table.Td>
              <Table.Td>{organisation.country ?? '—'}</Table.Td>
              {manager ? (
                <Table.Td>
                  <RowButton
                    label={t('organisations.edit')}
                    subject={organisation.name}
                    onClick={() => {
                      onEdit(organisation);
                    }}
                  />
                </Table.Td>
              ) : null}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The organisations tab; `loaded` is shared with the other tabs (their organisation pickers). */
export function OrganisationsTab({ loaded }: { readonly loaded: Loaded<{ organisations: Organisation[] }> }) {
  const { t } = useTranslation('admin');
  const me = useMe();
  const manager = me.organisation.organisationType === 'coordinator';
  const [editing, setEditing] = useState<Organisation | null>(null);
  const [message, setMessage] = useState<string | null>(null);

  return (
    <Stack>
      {manager ? null : (
        <Alert color="gray" title={t('organisations.readOnly')} styles={READABLE_TITLE}>
          {t('organisations.readOnlyHelp')}
        </Alert>
      )}
      <Status message={message} />
      <Loading loaded={loaded}>
        {({ organisations }) => (
          <OrganisationTable organisations={organisations} manager={manager} onEdit={setEditing} />
        )}
      </Loading>
      {manager ? (
        <AddOrganisation
          onAdded={(added) => {
            setMessage(t('organisations.added', { name: added.name }));
            loaded.reload();
          }}
        />
      ) : null}
      {editing === null ? null : (
        <EditOrganisation
          organisation={editing}
          onClose={() => {
            setEditing(null);
          }}
          onSaved={(saved) => {
            setEditing(null);
            setMessage(t('organisations.saved', { name: saved.name }));
            loaded.reload();
          }}
        />
      )}
      <Text size="xs" c="dimmed">
        {t('organisations.note')}
      </Text>
    </Stack>
  );
}
