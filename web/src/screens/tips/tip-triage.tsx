/**
 * Triage of one tip: its state, priority and assignee; the organisations routing suggests (with
 * why) and routing it to one of them or to another member organisation, with a note.
 */
import { Button, Group, List, Select, Stack, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api.ts';
import { OrganisationField } from '../../components/organisation-field.tsx';
import { OutcomeLine, useOutcome } from '../../components/outcome.tsx';
import { PRIORITIES, STATES, type Report, type ReportDetail } from './types.ts';

/** The form, set from the report as the server last gave it (its outcome is kept by the parent across reloads). */
function TriageForm({
  report,
  outcome: { busy, run },
  onChange,
}: {
  readonly report: Report;
  readonly outcome: ReturnType<typeof useOutcome>;
  readonly onChange: () => void;
}) {
  const { t } = useTranslation('tips');
  const [state, setState] = useState<string>(report.state);
  const [priority, setPriority] = useState<string>(report.priority);
  const [assignee, setAssignee] = useState(report.assignedTo ?? '');
  return (
    <form
      aria-label={t('triage.title')}
      onSubmit={(event) => {
        event.preventDefault();
        const assignedTo = assignee.trim() === '' ? null : assignee.trim();
        void run(
          () =>
            api(`/reports/${encodeURIComponent(report.id)}`, {
              method: 'PATCH',
              body: { state, priority, assignedTo },
            }),
          t('triage.saved'),
        ).then((saved) => {
          if (saved) onChange();
        });
      }}
    >
      <Stack gap="xs">
        <Group align="end" wrap="wrap">
          <Select
            label={t('state')}
            w={170}
            allowDeselect={false}
            value={state}
            onChange={(value) => {
              if (value !== null) setState(value);
            }}
            data={STATES.map((value) => ({ value, label: t(`states.${value}`) }))}
          />
          <Select
            label={t('priority')}
            w={170}
            allowDeselect={false}
            value={priority}
            onChange={(value) => {
              if (value !== null) setPriority(value);
            }}
            data={PRIORITIES.map((value) => ({ value, label: t(`priorities.${value}`) }))}
          />
          <TextInput
            label={t('triage.assignee')}
            description={t('triage.assigneeHelp')}
            value={assignee}
            onChange={(event) => {
              setAssignee(event.currentTarget.value);
            }}
          />
        </Group>
        <Group>
          <Button type="submit" loading={busy}>
            {t('triage.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RouteTip({
  report,
  suggested,
  onChange,
}: {
  readonly report: Report;
  readonly suggested: ReportDetail['suggestedRoutes'];
  readonly onChange: () => void;
}) {
  const { t } = useTranslation('tips');
  const [organisation, setOrganisation] = useState('');
  const [note, setNote] = useState('');
  const { outcome, busy, run } = useOutcome();
  const route = (organisationId: string) => {
    const body = { organisationId, ...(note.trim() === '' ? {} : { note: note.trim() }) };
    void run(
      () => api(`/reports/${encodeURIComponent(report.id)}/route`, { method: 'POST', body }),
      t('triage.routed', { organisation: organisationId }),
    ).then((routed) => {
      if (!routed) return;
      setOrganisation('');
      onChange();
    });
  };
  return (
    <Stack gap="xs">
      <Title order={4}>{t('triage.routes')}</Title>
      {suggested.length === 0 ? (
        <Text c="dimmed" size="sm">
          {t('triage.noRoutes')}
        </Text>
      ) : (
        <List spacing="xs">
          {suggested.map((suggestion) => (
            <List.Item key={suggestion.organisationId} data-testid="suggested-route">
              <Group gap="xs">
                <Button
                  size="xs"
                  variant="light"
                  loading={busy}
                  onClick={() => {
                    route(suggestion.organisationId);
                  }}
                >
                  {t('triage.routeTo', { name: suggestion.name })}
                </Button>
                <Text size="xs" c="dimmed">
                  {suggestion.reason}
                </Text>
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <Textarea
        label={t('triage.note')}
        autosize
        minRows={1}
        value={note}
        onChange={(event) => {
          setNote(event.currentTarget.value);
        }}
      />
      <form
        aria-label={t('triage.routeOther')}
        onSubmit={(event) => {
          event.preventDefault();
          route(organisation.trim());
        }}
      >
        <Group align="end" wrap="wrap">
          <OrganisationField label={t('triage.organisation')} value={organisation} onChange={setOrganisation} />
          <Button type="submit" variant="default" loading={busy} disabled={organisation.trim() === ''}>
            {t('triage.route')}
          </Button>
        </Group>
      </form>
      <OutcomeLine outcome={outcome} />
      {report.routedTo.length === 0 ? null : (
        <Text size="sm" data-testid="routed-to">
          {t('triage.routedTo')}: {report.routedTo.join(', ')}
        </Text>
      )}
    </Stack>
  );
}

export function Triage({ detail, onChange }: { readonly detail: ReportDetail; readonly onChange: () => void }) {
  const { t } = useTranslation('tips');
  const saving = useOutcome();
  const report = detail.report;
  return (
    <Stack gap="md">
      <Title order={3}>{t('triage.title')}</Title>
      <TriageForm
        key={`${report.state}:${report.priority}:${report.assignedTo ?? ''}`}
        report={report}
        outcome={saving}
        onChange={onChange}
      />
      <OutcomeLine outcome={saving.outcome} />
      <RouteTip report={detail.report} suggested={detail.suggestedRoutes} onChange={onChange} />
    </Stack>
  );
}
