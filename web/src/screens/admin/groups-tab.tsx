/**
 * Sharing groups: those the administrator's organisation belongs to, with their members; a new
 * group (this organisation its first member); members added and removed by the administrators
 * of any member organisation. A group keeps at least one member (the server says so).
 */
import { Badge, Button, Card, CloseButton, Group, Select, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import type { Organisation, SharingGroup } from './model.ts';
import { Confirm, FormError, Status, fieldErrors, useDateTime } from './parts.tsx';

function CreateGroup({ onCreated }: { readonly onCreated: (group: SharingGroup) => void }) {
  const { t } = useTranslation('admin');
  const [id, setId] = useState('');
  const [name, setName] = useState('');
  const [error, setError] = useState<unknown>(undefined);
  const fields = fieldErrors(error);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      const group = await api<SharingGroup>('/admin/groups', { method: 'POST', body: { id: id.trim(), name } });
      setId('');
      setName('');
      onCreated(group);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <form onSubmit={(event) => void submit(event)} aria-labelledby="create-group">
      <Stack gap="xs">
        <Title order={3} size="h4" id="create-group">
          {t('groups.create')}
        </Title>
        <Group align="start" grow>
          <TextInput
            label={t('groups.id')}
            description={t('groups.idHelp')}
            required
            value={id}
            onChange={(event) => {
              setId(event.currentTarget.value);
            }}
            error={fields['id']}
            dir="ltr"
          />
          <TextInput
            label={t('groups.name')}
            required
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
            }}
            error={fields['name']}
          />
        </Group>
        <FormError error={error} />
        <Button type="submit" w="fit-content">
          {t('groups.createButton')}
        </Button>
      </Stack>
    </form>
  );
}

function GroupCard({
  group,
  organisations,
  onAdded,
  onRemove,
}: {
  readonly group: SharingGroup;
  readonly organisations: readonly Organisation[];
  readonly onAdded: (organisation: string) => void;
  readonly onRemove: (organisation: string) => void;
}) {
  const { t } = useTranslation('admin');
  const dateTime = useDateTime();
  const [adding, setAdding] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);
  const nameOf = (id: string) => organisations.find((organisation) => organisation.id === id)?.name ?? id;
  const candidates = organisations.filter((organisation) => !group.members.includes(organisation.id));

  const add = async (event: SubmitEvent) => {
    event.preventDefault();
    if (adding === null) return;
    setError(undefined);
    try {
      await api<SharingGroup>(`/admin/groups/${encodeURIComponent(group.id)}/members/${encodeURIComponent(adding)}`, {
        method: 'POST',
      });
      setAdding(null);
      onAdded(adding);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Card withBorder data-testid="group" data-group={group.id}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={3} size="h5">
            {group.name}
          </Title>
          <Text size="xs" c="dimmed">
            <span dir="ltr">{group.id}</span> · {t('groups.createdBy', { organisation: nameOf(group.createdBy) })} ·{' '}
            {dateTime(group.createdAt)}
          </Text>
        </Group>
        <Text size="sm" fw={600} id={`members-${group.id}`}>
          {t('groups.members', { count: group.members.length })}
        </Text>
        <Group gap="xs" role="list" aria-labelledby={`members-${group.id}`}>
          {group.members.map((member) => (
            <Badge
              key={member}
              role="listitem"
              variant="light"
              data-testid="member"
              rightSection={
                <CloseButton
                  size="xs"
                  aria-label={t('groups.removeLabel', { organisation: nameOf(member) })}
                  onClick={() => {
                    onRemove(member);
                  }}
                />
              }
            >
              {nameOf(member)}
            </Badge>
          ))}
        </Group>
        <form onSubmit={(event) => void add(event)}>
          <Group align="end" gap="xs">
            <Select
              label={t('groups.addMember')}
              searchable
              w={300}
              maw="100%"
              data={candidates.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
              value={adding}
              onChange={setAdding}
              nothingFoundMessage={t('groups.noCandidates')}
            />
            <Button type="submit" variant="light" disabled={adding === null}>
              {t('groups.add')}
            </Button>
          </Group>
        </form>
        <FormError error={error} />
      </Stack>
    </Card>
  );
}

/** The sharing groups tab. */
export function GroupsTab({ organisations }: { readonly organisations: readonly Organisation[] | undefined }) {
  const { t } = useTranslation('admin');
  const [message, setMessage] = useState<string | null>(null);
  const [removing, setRemoving] = useState<{ group: SharingGroup; organisation: string } | null>(null);
  const loaded = useLoad((signal) => api<{ groups: SharingGroup[] }>('/admin/groups', { signal }), []);
  const known = organisations ?? [];
  const nameOf = (id: string) => known.find((organisation) => organisation.id === id)?.name ?? id;

  const remove = async (group: SharingGroup, organisation: string) => {
    await api(`/admin/groups/${encodeURIComponent(group.id)}/members/${encodeURIComponent(organisation)}`, {
      method: 'DELETE',
    });
    setMessage(t('groups.removed', { organisation: nameOf(organisation), group: group.name }));
    loaded.reload();
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('groups.intro')}
      </Text>
      <Status message={message} />
      <Loading loaded={loaded}>
        {({ groups }) =>
          groups.length === 0 ? (
            <Text>{t('groups.none')}</Text>
          ) : (
            <Stack>
              {groups.map((group) => (
                <GroupCard
                  key={group.id}
                  group={group}
                  organisations={known}
                  onAdded={(organisation) => {
                    setMessage(t('groups.added', { organisation: nameOf(organisation), group: group.name }));
                    loaded.reload();
                  }}
                  onRemove={(organisation) => {
                    setRemoving({ group, organisation });
                  }}
                />
              ))}
            </Stack>
          )
        }
      </Loading>
      <CreateGroup
        onCreated={(group) => {
          setMessage(t('groups.created', { name: group.name }));
          loaded.reload();
        }}
      />
      <Confirm
        opened={removing !== null}
        title={t('groups.confirmRemove.title')}
        message={
          removing === null
            ? ''
            : t('groups.confirmRemove.message', {
                organisation: nameOf(removing.organisation),
                group: removing.group.name,
              })
        }
        confirmLabel={t('groups.confirmRemove.button')}
        onConfirm={() => (removing === null ? Promise.resolve() : remove(removing.group, removing.organisation))}
        onClose={() => {
          setRemoving(null);
        }}
      />
    </Stack>
  );
}
