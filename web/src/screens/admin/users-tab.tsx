/**
 * An organisation's users: the list, a new user (with a temporary password shown once), and the
 * changes an administrator makes: roles and clearance, disabling, unlocking, resetting the second
 * factor, each asked for before it is done. Administrators manage their own organisation's
 * users; a coordinator's administrators any organisation's.
 */
import { Badge, Button, Checkbox, Group, Modal, Select, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { useMe } from '../../session.tsx';
import { ROLES, activeLock, grantable, temporaryPassword, type Organisation, type Role, type User } from './model.ts';
import { Confirm, FormError, RowButton, ShownOnce, Status, fieldErrors, useDateTime } from './parts.tsx';

/** Roles as a group of check boxes, with its label. */
export function RolesInput({
  value,
  onChange,
  error,
}: {
  readonly value: readonly string[];
  readonly onChange: (roles: string[]) => void;
  readonly error?: string | undefined;
}) {
  const { t } = useTranslation('admin');
  return (
    <Checkbox.Group label={t('users.roles')} value={[...value]} onChange={onChange} error={error} withAsterisk>
      <Group gap="md" mt={4}>
        {ROLES.map((role) => (
          <Checkbox key={role} value={role} label={t(`roles.${role}`)} />
        ))}
      </Group>
    </Checkbox.Group>
  );
}

/** A clearance picker offering the reader's own level and below. */
export function ClearanceInput({
  value,
  onChange,
  error,
}: {
  readonly value: string | null;
  readonly onChange: (clearance: string | null) => void;
  readonly error?: string | undefined;
}) {
  const { t } = useTranslation('admin');
  const me = useMe();
  return (
    <Select
      label={t('users.clearance')}
      description={t('users.clearanceHelp')}
      required
      data={grantable(me.clearance).map((level) => ({ value: level, label: t(`clearances.${level}`) }))}
      value={value}
      onChange={onChange}
      allowDeselect={false}
      error={error}
    />
  );
}

function CreateUser({
  organisationId,
  onCreated,
}: {
  readonly organisationId: string;
  readonly onCreated: (user: User) => void;
}) {
  const { t } = useTranslation('admin');
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<string[]>([]);
  const [clearance, setClearance] = useState<string | null>('restricted');
  const [error, setError] = useState<unknown>(undefined);
  const [created, setCreated] = useState<{ email: string; password: string } | null>(null);
  const fields = fieldErrors(error);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    setCreated(null);
    const password = temporaryPassword();
    try {
      const user = await api<User>('/admin/users', {
        method: 'POST',
        body: { email: email.trim(), displayName, roles, clearance, password, organisationId },
      });
      setCreated({ email: user.email, password });
      setEmail('');
      setDisplayName('');
      setRoles([]);
      onCreated(user);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Stack gap="xs">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="create-user">
        <Stack gap="xs">
          <Title order={3} size="h4" id="create-user">
            {t('users.create')}
          </Title>
          <Group align="start" grow>
            <TextInput
              label={t('users.email')}
              type="email"
              required
              value={email}
              onChange={(event) => {
                setEmail(event.currentTarget.value);
              }}
              error={fields['email']}
              dir="ltr"
            />
            <TextInput
              label={t('users.displayName')}
              required
              value={displayName}
              onChange={(event) => {
                setDisplayName(event.currentTarget.value);
              }}
              error={fields['displayName']}
            />
          </Group>
          <RolesInput value={roles} onChange={setRoles} error={fields['roles']} />
          <ClearanceInput value={clearance} onChange={setClearance} error={fields['clearance']} />
          <Text size="xs" c="dimmed">
            {t('users.passwordNote')}
          </Text>
          <FormError error={error} />
          <Button type="submit" w="fit-content">
            {t('users.createButton')}
          </Button>
        </Stack>
      </form>
      {created === null ? null : (
        <ShownOnce
          label={t('users.temporaryPassword', { email: created.email })}
          help={t('users.temporaryPasswordHelp')}
          value={created.password}
          onDismiss={() => {
            setCreated(null);
          }}
        />
      )}
    </Stack>
  );
}

function EditUser({
  user,
  onClose,
  onSaved,
}: {
  readonly user: User;
  readonly onClose: () => void;
  readonly onSaved: (user: User) => void;
}) {
  const { t } = useTranslation('admin');
  const [roles, setRoles] = useState<string[]>([...user.roles]);
  const [clearance, setClearance] = useState<string | null>(user.clearance);
  const [error, setError] = useState<unknown>(undefined);
  const fields = fieldErrors(error);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    try {
      onSaved(
        await api<User>(`/admin/users/${encodeURIComponent(user.id)}`, {
          method: 'PATCH',
          body: { roles, ...(clearance === null ? {} : { clearance }) },
        }),
      );
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Modal opened onClose={onClose} title={t('users.editTitle', { name: user.displayName })}>
      <form onSubmit={(event) => void submit(event)}>
        <Stack>
          <RolesInput value={roles} onChange={setRoles} error={fields['roles']} />
          <ClearanceInput value={clearance} onChange={setClearance} error={fields['clearance']} />
          <Text size="xs" c="dimmed">
            {t('users.editNote')}
          </Text>
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

type UserAction = 'disable' | 'unlock' | 'reset-second-factor';

function UserState({ user }: { readonly user: User }) {
  const { t } = useTranslation('admin');
  const dateTime = useDateTime();
  const lock = activeLock(user);
  return (
    <Group gap={4}>
      {user.disabledAt === null ? null : (
        <Badge variant="dot" color="red">
          {t('users.disabled')}
        </Badge>
      )}
      {lock === null ? null : (
        <Badge variant="dot" color="orange">
          {t('users.lockedUntil', { time: dateTime(lock) })}
        </Badge>
      )}
      <Badge variant="dot" color={user.secondFactor === 'enrolled' ? 'green' : 'gray'}>
        {t(`users.secondFactor.${user.secondFactor}`)}
      </Badge>
    </Group>
  );
}

function UserRow({
  user,
  onEdit,
  onAction,
}: {
  readonly user: User;
  readonly onEdit: () => void;
  readonly onAction: (action: UserAction) => void;
}) {
  const { t } = useTranslation('admin');
  const locked = activeLock(user) !== null;
  const name = user.displayName;
  return (
    <Table.Tr data-testid="user-row" data-email={user.email}>
      <Table.Td>
        <Text size="sm" fw={600}>
          {user.displayName}
        </Text>
        <Text size="xs" c="dimmed" dir="ltr">
          {user.email}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {user.roles.map((role: Role) => (
            <Badge key={role} variant="light" size="sm">
              {t(`roles.${role}`)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>{t(`clearances.${user.clearance}`)}</Table.Td>
      <Table.Td>
        <UserState user={user} />
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          <RowButton label={t('users.edit')} subject={name} onClick={onEdit} />
          {locked ? (
            <RowButton
              label={t('users.unlock')}
              subject={name}
              onClick={() => {
                onAction('unlock');
              }}
            />
          ) : null}
          {user.secondFactor === 'enrolled' ? (
            <RowButton
              label={t('users.reset')}
              subject={name}
              onClick={() => {
                onAction('reset-second-factor');
              }}
            />
          ) : null}
          {user.disabledAt === null ? (
            <RowButton
              label={t('users.disable')}
              subject={name}
              danger
              onClick={() => {
                onAction('disable');
              }}
            />
          ) : null}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function UserList({ organisationId }: { readonly organisationId: string }) {
  const { t } = useTranslation('admin');
  const [editing, setEditing] = useState<User | null>(null);
  const [acting, setActing] = useState<{ user: User; action: UserAction } | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const loaded = useLoad(
    (signal) => api<{ users: User[] }>('/admin/users', { query: { organisationId }, signal }),
    [organisationId],
  );

  const act = async (user: User, action: UserAction) => {
    await api<User>(`/admin/users/${encodeURIComponent(user.id)}/${action}`, { method: 'POST' });
    setMessage(t(`users.done.${action}`, { name: user.displayName }));
    loaded.reload();
  };

  return (
    <Stack>
      <Status message={message} />
      <Loading loaded={loaded}>
        {({ users }) =>
          users.length === 0 ? (
            <Text>{t('users.none')}</Text>
          ) : (
            <Table.ScrollContainer minWidth={760}>
              <Table striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('users.user')}</Table.Th>
                    <Table.Th>{t('users.roles')}</Table.Th>
                    <Table.Th>{t('users.clearance')}</Table.Th>
                    <Table.Th>{t('users.state')}</Table.Th>
                    <Table.Th>{t('actions')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {users.map((user) => (
                    <UserRow
                      key={user.id}
                      user={user}
                      onEdit={() => {
                        setEditing(user);
                      }}
                      onAction={(action) => {
                        setActing({ user, action });
                      }}
                    />
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )
        }
      </Loading>
      <CreateUser
        organisationId={organisationId}
        onCreated={(user) => {
          setMessage(t('users.created', { name: user.displayName }));
          loaded.reload();
        }}
      />
      {editing === null ? null : (
        <EditUser
          user={editing}
          onClose={() => {
            setEditing(null);
          }}
          onSaved={(user) => {
            setEditing(null);
            setMessage(t('users.saved', { name: user.displayName }));
            loaded.reload();
          }}
        />
      )}
      <Confirm
        opened={acting !== null}
        title={acting === null ? '' : t(`users.confirm.${acting.action}.title`, { name: acting.user.displayName })}
        message={acting === null ? '' : t(`users.confirm.${acting.action}.message`)}
        confirmLabel={acting === null ? '' : t(`users.confirm.${acting.action}.button`)}
        onConfirm={() => (acting === null ? Promise.resolve() : act(acting.user, acting.action))}
        onClose={() => {
          setActing(null);
        }}
      />
    </Stack>
  );
}

/** The users tab: an organisation picker (for a coordinator's administrators) and its users. */
export function UsersTab({ organisations }: { readonly organisations: readonly Organisation[] | undefined }) {
  const { t } = useTranslation('admin');
  const me = useMe();
  const [organisationId, setOrganisationId] = useState(me.organisation.id);
  const coordinator = me.organisation.organisationType === 'coordinator';
  const choices = coordinator && organisations !== undefined ? organisations : [me.organisation];
  return (
    <Stack>
      <Select
        label={t('users.organisation')}
        description={coordinator ? t('users.organisationHelp') : t('users.ownOnly')}
        w={360}
        maw="100%"
        searchable
        allowDeselect={false}
        disabled={!coordinator}
        data={choices.map((organisation) => ({ value: organisation.id, label: organisation.name }))}
        value={organisationId}
        onChange={(value) => {
          if (value !== null) setOrganisationId(value);
        }}
      />
      <UserList key={organisationId} organisationId={organisationId} />
    </Stack>
  );
}
