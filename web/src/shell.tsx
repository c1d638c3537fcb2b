/**
 * The workbench's frame: the header (organisation, user, roles, the session's purpose, language,
 * sign-out), the menu of the screens this user has a use for, and the screen itself.
 */
import {
  Anchor,
  AppShell,
  Badge,
  Burger,
  Button,
  Group,
  Modal,
  NavLink,
  Radio,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Busy } from './load.tsx';
import { LanguagePicker } from './language-picker.tsx';
import { Link, match, navigate, useLocation } from './router.tsx';
import { SCREENS } from './screens/registry.ts';
import { useMe, useSession } from './session.tsx';

function PurposePicker() {
  const { t } = useTranslation();
  const me = useMe();
  const { purpose, choosePurpose } = useSession();
  return (
    <Select
      label={t('app.purpose')}
      size="xs"
      w={170}
      allowDeselect={false}
      data={me.purposes.map((value) => ({ value, label: t(`purposes.${value}`) }))}
      value={purpose}
      onChange={(value) => {
        if (value !== null) choosePurpose(value);
      }}
    />
  );
}

/** Asked once per tab: the purpose of the work, which every request then declares. */
function PurposePrompt() {
  const { t } = useTranslation();
  const me = useMe();
  const { purpose, choosePurpose } = useSession();
  const [open, setOpen] = useState(() => window.sessionStorage.getItem('weft.purpose') === null);
  const [chosen, setChosen] = useState(purpose ?? me.purposes[0] ?? '');
  if (me.purposes.length < 2) return null;
  return (
    <Modal
      opened={open}
      onClose={() => {
        choosePurpose(chosen);
        setOpen(false);
      }}
      title={t('signIn.choosePurpose')}
    >
      <form
        onSubmit={(event) => {
          event.preventDefault();
          choosePurpose(chosen);
          setOpen(false);
        }}
      >
        <Stack>
          <Radio.Group value={chosen} onChange={setChosen} description={t('app.purposeHelp')}>
            <Stack gap="xs" mt="xs">
              {me.purposes.map((value) => (
                <Radio key={value} value={value} label={t(`purposes.${value}`)} />
              ))}
            </Stack>
          </Radio.Group>
          <Button type="submit">{t('signIn.next')}</Button>
        </Stack>
      </form>
    </Modal>
  );
}

export function Shell() {
  const { t } = useTranslation();
  const me = useMe();
  const { signOut } = useSession();
  const { path } = useLocation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const screens = SCREENS.filter((screen) => screen.shownTo(me));
  const found = screens
    .flatMap((screen) => screen.paths.map((pattern) => ({ screen, params: match(pattern, path) })))
    .find((candidate) => candidate.params !== null);
  if (path === '/' && screens[0] !== undefined) navigate(screens[0].paths[0] ?? '/', { replace: true });
  const Screen = found?.screen.component;

  return (
    <AppShell
      header={{ height: 64 }}
      navbar={{ width: 230, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="md"
    >
      <a className="skip-link" href="#main">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.menu')} />
            <Title order={1} size="h3">
              {t('app.name')}
            </Title>
            <Stack gap={0} visibleFrom="md">
              <Text size="sm" fw={600} data-testid="organisation">
                {me.organisation.name}
              </Text>
              <Group gap={4}>
                {me.roles.map((role) => (
                  <Badge key={role} size="xs" variant="light">
                    {t(`roles.${role}`)}
                  </Badge>
                ))}
                <Badge size="xs" variant="outline" color="gray">
                  {t('app.clearance')}: {me.clearance}
                </Badge>
              </Group>
            </Stack>
          </Group>
          <Group gap="sm" wrap="nowrap" align="end">
            <PurposePicker />
            <LanguagePicker />
            <Button size="xs" variant="default" onClick={() => void signOut()}>
              {t('app.signOut')}
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('app.menu')}>
        {screens.flatMap((screen) =>
          screen.nav === undefined
            ? []
            : [
                <NavLink
                  key={screen.nav}
                  component={Link}
                  to={screen.paths[0] ?? '/'}
                  label={t(`nav.${screen.nav}`)}
                  active={found?.screen === screen}
                  onClick={close}
                />,
              ],
        )}
        {me.user === null ? null : (
          <Text size="xs" c="dimmed" mt="auto" p="xs">
            {t('app.signedInAs', { name: me.user.displayName })}
          </Text>
        )}
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1}>
        <PurposePrompt />
        <Suspense fallback={<Busy />}>
          {Screen === undefined || found?.params == null ? (
            <Stack>
              <Text>{t('app.notFound')}</Text>
              <Anchor component={Link} to="/">
                {t('nav.search')}
              </Anchor>
            </Stack>
          ) : (
            <Screen params={found.params} />
          )}
        </Suspense>
      </AppShell.Main>
    </AppShell>
  );
}
