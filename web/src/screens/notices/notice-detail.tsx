/**
 * One notice: what it says, its status and marking, the steps open to the reader, its history
 * (for its owner) and the organisation's subscription to it. Its owner amends a draft in place
 * (and submitting saves what changed first); a published notice's owner may update where and when
 * the person was last seen, with a reason. Whatever the server refuses is shown as it says it,
 * next to the field it names.
 */
import { Alert, Button, Card, Divider, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, describeError } from '../../api.ts';
import { Loading, useLoad } from '../../load.tsx';
import { Link, useLocation, useTitle } from '../../router.tsx';
import { useMe } from '../../session.tsx';
import { NoticeFields } from './notice-fields.tsx';
import {
  AMENDABLE_WHEN_PUBLISHED,
  fieldErrorsOf,
  formOf,
  propertiesOf,
  type NoticeForm,
  type NoticeWithHistory,
  mayAuthorNotices,
} from './notice-model.ts';
import { NoticeHistory, NoticeProperties, NoticeTitle, StatusBadge, TlpLabel } from './notice-parts.tsx';
import { NoticeSteps, stepsOpen, type PersonAction } from './notice-steps.tsx';
import { NoticeSubscription } from './notice-subscription.tsx';

/** What the screen tells the reader after an action: a line, or the server's refusal. */
interface Outcome {
  readonly message: string | null;
  readonly problem: string | null;
  readonly errors: Record<string, string>;
}

const NO_OUTCOME: Outcome = { message: null, problem: null, errors: {} };

const changedProperties = (before: Record<string, unknown>, after: Record<string, unknown>) =>
  Object.fromEntries(
    Object.entries(after).filter(([name, value]) => JSON.stringify(before[name] ?? null) !== JSON.stringify(value)),
  );

interface ViewProps {
  readonly loaded: NoticeWithHistory;
  readonly reload: () => void;
  readonly outcome: Outcome;
  readonly setOutcome: (outcome: Outcome) => void;
}

/** The notice once loaded; remounted at each new version, so a form starts from what was saved. */
function NoticeView({ loaded, reload, outcome, setOutcome }: ViewProps) {
  const { t } = useTranslation('notices');
  const me = useMe();
  const { notice, status, history } = loaded;
  const own = notice.envelope.ownerOrganisation === me.organisation.id;
  const mayWrite = own && mayAuthorNotices(me);
  const editing = mayWrite && status === 'draft';
  const updating = mayWrite && status === 'published';
  const [form, setForm] = useState<NoticeForm>(() => formOf(notice));
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const saved = formOf(notice);
  const only = updating ? AMENDABLE_WHEN_PUBLISHED : undefined;
  const changes = changedProperties(propertiesOf(saved, only), propertiesOf(form, only));
  const id = encodeURIComponent(notice.id);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    try {
      const message = await work();
      setOutcome({ ...NO_OUTCOME, message });
      reload();
    } catch (error) {
      setOutcome({ message: null, problem: describeError(error), errors: fieldErrorsOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const amend = async (): Promise<void> => {
    if (Object.keys(changes).length === 0) return;
    await api<NoticeWithHistory>(`/notices/${id}`, {
      method: 'PATCH',
      body: { properties: changes, ...(updating ? { reason } : {}) },
    });
  };

  const step = (action: PersonAction, stepReason: string | undefined) =>
    run(async () => {
      // A draft's unsaved changes are saved before it is submitted.
      if (editing && action === 'submit') await amend();
      const result = await api<NoticeWithHistory>(`/notices/${id}/steps`, {
        method: 'POST',
        body: { action, ...(stepReason === undefined ? {} : { reason: stepReason }) },
      });
      return t('steps.done', { status: t(`statuses.${result.status}`) });
    });

  const save = () =>
    run(async () => {
      if (Object.keys(changes).length === 0) return t('detail.unchanged');
      await amend();
      return t('detail.saved');
    });

  return (
    <Stack>
      <Card withBorder>
        <Stack gap="xs">
          <Group justify="space-between" wrap="wrap">
            <Title order={2}>
              <NoticeTitle notice={notice} />
            </Title>
            <StatusBadge status={status} />
          </Group>
          <Group gap={6}>
            <Text size="xs" c="dimmed">
              {t('detail.owner')}: {notice.envelope.ownerOrganisation}
            </Text>
            <TlpLabel tlp={notice.envelope.tlp} />
          </Group>
          {own ? null : (
            <Text size="sm" c="dimmed">
              {t('detail.sharedNote')}
            </Text>
          )}
        </Stack>
      </Card>

      <Text role="status" aria-live="polite" data-testid="notice-message">
        {outcome.message}
      </Text>
      {outcome.problem === null ? null : (
        <Alert color="red" role="alert" title={t('app.error')} data-testid="notice-problem">
          <Stack gap={4}>
            <Text size="sm">{outcome.problem}</Text>
            {Object.keys(outcome.errors).length > 0 && (editing || updating) ? (
              <Text size="sm">{t('detail.fixFields')}</Text>
            ) : null}
          </Stack>
        </Alert>
      )}

      {editing || updating ? (
        <Stack gap="sm">
          <Title order={3}>{editing ? t('detail.edit') : t('detail.update')}</Title>
          {updating ? (
            <Text size="sm" c="dimmed">
              {t('detail.updateHelp')}
            </Text>
          ) : null}
          <NoticeFields
            form={form}
            onChange={setForm}
            errors={outcome.errors}
            {...(only === undefined ? {} : { only })}
          />
          {updating ? (
            <Textarea
              label={t('detail.updateReason')}
              autosize
              minRows={2}
              value={reason}
              error={outcome.errors['reason']}
              onChange={(event) => {
                setReason(event.currentTarget.value);
              }}
            />
          ) : null}
          <Group>
            <Button variant={editing ? 'light' : 'filled'} loading={busy} onClick={() => void save()}>
              {t('detail.saveChanges')}
            </Button>
          </Group>
        </Stack>
      ) : null}
      {editing ? null : (
        <Stack gap="xs">
          <Title order={3}>{t('detail.properties')}</Title>
          <NoticeProperties notice={notice} />
        </Stack>
      )}

      {own ? (
        <>
          <Divider />
          <Stack gap="xs">
            <Title order={3}>{t('steps.title')}</Title>
            <NoticeSteps
              actions={stepsOpen(status, me.roles)}
              busy={busy}
              reasonError={outcome.errors['reason']}
              onStep={(action, stepReason) => void step(action, stepReason)}
            />
          </Stack>
        </>
      ) : null}

      <Divider />
      <NoticeSubscription record={notice.id} />

      {own ? (
        <>
          <Divider />
          <Stack gap="xs">
            <Title order={3}>{t('history.title')}</Title>
            <NoticeHistory history={history} />
          </Stack>
        </>
      ) : null}
    </Stack>
  );
}

export function NoticeDetail({ id }: { readonly id: string }) {
  const { t } = useTranslation('notices');
  const { query } = useLocation();
  const [outcome, setOutcome] = useState<Outcome>(() =>
    query.get('saved') === null ? NO_OUTCOME : { ...NO_OUTCOME, message: t('create.saved') },
  );
  const loaded = useLoad((signal) => api<NoticeWithHistory>(`/notices/${encodeURIComponent(id)}`, { signal }), [id]);
  const title = loaded.data?.notice.properties['title'];
  useTitle(typeof title === 'string' ? title : t('title'));
  return (
    <Stack>
      <Link to="/notices">{t('detail.back')}</Link>
      <Loading loaded={loaded}>
        {(data) => (
          <NoticeView
            key={`${data.notice.id}:${String(data.notice.version)}:${data.status}`}
            loaded={data}
            reload={loaded.reload}
            outcome={outcome}
            setOutcome={setOutcome}
          />
        )}
      </Loading>
    </Stack>
  );
}
