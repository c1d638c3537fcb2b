/**
 * The API keys of the administrator's own organisation: live and revoked, newest first; a new key
 * for a system (record permissions alone, read as the roles and clearance given), its secret shown
 * this once; a key revoked at once, after a confirmation.
 */
import { Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type SubmitEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { KEY_PERMISSIONS, type ApiKey } from './model.ts';
import { Confirm, FormError, RowButton, ShownOnce, Status, fieldErrors, useDateTime } from './parts.tsx';
import { ClearanceInput, RolesInput } from './users-tab.tsx';

/** A permission's string key: i18next reads a colon as a namespace separator. */
const permissionKey = (permission: string): string => permission.replace(':', '_');

function IssueKey({ onIssued }: { readonly onIssued: (key: ApiKey) => void }) {
  const { t } = useTranslation('admin');
  const [name, setName] = useState('');
  const [permissions, setPermissions] = useState<string[]>(['records:read']);
  const [roles, setRoles] = useState<string[]>([]);
  const [clearance, setClearance] = useState<string | null>('restricted');
  const [error, setError] = useState<unknown>(undefined);
  const [issued, setIssued] = useState<{ name: string; secret: string } | null>(null);
  const fields = fieldErrors(error);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    setError(undefined);
    setIssued(null);
    try {
      const answer = await api<{ key: ApiKey; secret: string }>('/admin/keys', {
        method: 'POST',
        body: { name, permissions, roles, clearance },
      });
      setIssued({ name: answer.key.name, secret: answer.secret });
      setName('');
      onIssued(answer.key);
    } catch (caught) {
      setError(caught);
    }
  };

  return (
    <Stack gap="xs">
      <form onSubmit={(event) => void submit(event)} aria-labelledby="issue-key">
        <Stack gap="xs">
          <Title order={3} size="h4" id="issue-key">
            {t('keys.issue')}
          </Title>
          <TextInput
            label={t('keys.name')}
            description={t('keys.nameHelp')}
            required
            value={name}
            onChange={(event) => {
              setName(event.currentTarget.value);
            }}
            error={fields['name']}
          />
          <Checkbox.Group
            label={t('keys.permissions')}
            description={t('keys.permissionsHelp')}
            value={permissions}
            onChange={setPermissions}
            error={fields['permissions']}
            withAsterisk
          >
            <Group gap="md" mt={4}>
              {KEY_PERMISSIONS.map((permission) => (
                <Checkbox key={permission} value={permission} label={t(`permissions.${permissionKey(permission)}`)} />
              ))}
            </Group>
          </Checkbox.Group>
          <RolesInput value={roles} onChange={setRoles} error={fields['roles']} />
          <ClearanceInput value={clearance} onChange={setClearance} error={fields['clearance']} />
          <FormError error={error} />
          <Button type="submit" w="fit-content">
            {t('keys.issueButton')}
          </Button>
        </Stack>
      </form>
      {issued === null ? null : (
        <ShownOnce
          label={t('keys.secret', { name: issued.name })}
          help={t('keys.secretHelp')}
          value={issued.secret}
          onDismiss={() => {
            setIssued(null);
          }}
        />
      )}
    </Stack>
  );
}

function KeyTable({ keys, onRevoke }: { readonly keys: readonly ApiKey[]; readonly onRevoke: (key: ApiKey) => void }) {
  const { t } = useTranslation('admin');
  const dateTime = useDateTime();
  return (
    <Table.ScrollContainer minWidth={760}>
      <Table striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('keys.name')}</Table.Th>
            <Table.Th>{t('keys.permissions')}</Table.Th>
            <Table.Th>{t('keys.readsAs')}</Table.Th>
            <Table.Th>{t('keys.created')}</Table.Th>
            <Table.Th>{t('keys.state')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {keys.map((key) => (
            <Table.Tr key={key.id} data-testid="key-row" data-name={key.name}>
              <Table.Td>
                <Text size="sm" fw={600}>
                  {key.name}
                </Text>
                <Text size="xs" c="dimmed" dir="ltr">
                  {key.id}
                </Text>
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  {key.permissions.map((permission) => (
                    <Badge key={permission} variant="outline" size="sm">
                      {t(`permissions.${permissionKey(permission)}`, { defaultValue: permission })}
                    </Badge>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {key.roles.map((role) => t(`roles.${role}`)).join(', ')} · {t(`clearances.${key.clearance}`)}
                </Text>
              </Table.Td>
              <Table.Td>{dateTime(key.createdAt)}</Table.Td>
              <Table.Td>
                {key.revokedAt === null ? (
                  <Group gap={4}>
                    <Badge variant="dot" color="green">
                      {t('keys.live')}
                    </Badge>
                    <RowButton
                      label={t('keys.revoke')}
                      subject={key.name}
                      danger
                      onClick={() => {
                        onRevoke(key);
                      }}
                    />
                  </Group>
                ) : (
                  <Badge variant="dot" color="gray">
                    {t('keys.revokedAt', { time: dateTime(key.revokedAt) })}
                  </Badge>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The API keys tab. */
export function KeysTab() {
  const { t } = useTranslation('admin');
  const [message, setMessage] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKey | null>(null);
  const loaded = useLoad((signal) => api<{ keys: ApiKey[] }>('/admin/keys', { signal }), []);

  const revoke = async (key: ApiKey) => {
    await api<ApiKey>(`/admin/keys/${encodeURIComponent(key.id)}/revoke`, { method: 'POST' });
    setMessage(t('keys.revoked', { name: key.name }));
    loaded.reload();
  };

  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('keys.intro')}
      </Text>
      <Status message={message} />
      <Loading loaded={loaded}>
        {({ keys }) =>
          keys.length === 0 ? <Text>{t('keys.none')}</Text> : <KeyTable keys={keys} onRevoke={setRevoking} />
        }
      </Loading>
      <IssueKey
        onIssued={(key) => {
          setMessage(t('keys.issued', { name: key.name }));
          loaded.reload();
        }}
      />
      <Confirm
        opened={revoking !== null}
        title={t('keys.confirmRevoke.title', { name: revoking?.name ?? '' })}
        message={t('keys.confirmRevoke.message')}
        confirmLabel={t('keys.confirmRevoke.button')}
        onConfirm={() => (revoking === null ? Promise.resolve() : revoke(revoking))}
        onClose={() => {
          setRevoking(null);
        }}
      />
    </Stack>
  );
}
