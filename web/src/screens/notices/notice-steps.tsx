/**
 * The steps of a notice's life its owner's people may take from its status: submit, approve,
 * reject, withdraw, cancel. The buttons follow the lifecycle's roles so that nobody is offered a
 * step that cannot be theirs; the server decides (a reviewer may not approve what they submitted
 * themselves) and its message is shown. Reject, withdraw and cancel ask for a reason.
 */
import { Button, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { NoticeStatus } from './notice-model.ts';

export const PERSON_ACTIONS = ['submit', 'approve', 'reject', 'withdraw', 'cancel'] as const;
export type PersonAction = (typeof PERSON_ACTIONS)[number];

/** From which statuses each step is taken, by whom, and whether a reason is asked. */
const STEP_RULES: Readonly<
  Record<PersonAction, { from: readonly NoticeStatus[]; roles: readonly string[]; reason: boolean }>
> = {
  submit: { from: ['draft'], roles: ['analyst', 'reporter', 'admin'], reason: false },
  approve: { from: ['in_review'], roles: ['reviewer'], reason: false },
  reject: { from: ['in_review'], roles: ['reviewer'], reason: true },
  withdraw: { from: ['published'], roles: ['analyst', 'admin'], reason: true },
  cancel: { from: ['draft', 'in_review'], roles: ['analyst', 'reporter', 'admin'], reason: true },
};

/** The steps open to someone with `roles` on a notice in `status`. */
export function stepsOpen(status: NoticeStatus, roles: readonly string[]): PersonAction[] {
  return PERSON_ACTIONS.filter((action) => {
    const rule = STEP_RULES[action];
    return rule.from.includes(status) && rule.roles.some((role) => roles.includes(role));
  });
}

interface StepsProps {
  readonly actions: readonly PersonAction[];
  readonly busy: boolean;
  readonly reasonError: string | undefined;
  readonly onStep: (action: PersonAction, reason: string | undefined) => void;
}

/** The step buttons; a step that needs a reason asks for it first. */
export function NoticeSteps({ actions, busy, reasonError, onStep }: StepsProps) {
  const { t } = useTranslation('notices');
  const [asking, setAsking] = useState<PersonAction | null>(null);
  const [reason, setReason] = useState('');
  if (actions.length === 0) return <Text size="sm">{t('steps.none')}</Text>;
  if (asking !== null) {
    return (
      <Stack gap="xs" maw={560}>
        <Textarea
          label={t('steps.reason', { action: t(`steps.verbs.${asking}`) })}
          description={t('steps.reasonHelp')}
          autosize
          minRows={2}
          data-autofocus
          value={reason}
          error={reasonError}
          onChange={(event) => {
            setReason(event.currentTarget.value);
          }}
        />
        <Group gap="xs">
          <Button
            color={asking === 'approve' || asking === 'submit' ? undefined : 'red'}
            loading={busy}
            onClick={() => {
              onStep(asking, reason);
            }}
          >
            {t('steps.confirm')}: {t(`steps.actions.${asking}`)}
          </Button>
          <Button
            variant="default"
            onClick={() => {
              setAsking(null);
              setReason('');
            }}
          >
            {t('app.cancel')}
          </Button>
        </Group>
      </Stack>
    );
  }
  return (
    <Group gap="xs">
      {actions.map((action) => (
        <Button
          key={action}
          variant={action === 'submit' || action === 'approve' ? 'filled' : 'light'}
          color={action === 'submit' || action === 'approve' ? undefined : action === 'reject' ? 'orange' : 'red'}
          loading={busy}
          onClick={() => {
            if (STEP_RULES[action].reason) setAsking(action);
            else onStep(action, undefined);
          }}
        >
          {t(`steps.actions.${action}`)}
        </Button>
      ))}
    </Group>
  );
}
