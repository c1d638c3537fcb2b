import '@mantine/core/styles.css';
import './workbench.css';
import {
  DirectionProvider,
  MantineProvider,
  createTheme,
  useDirection,
  type CSSVariablesResolver,
} from '@mantine/core';
import { StrictMode, useEffect } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { directionOf, initI18n } from './i18n/index.ts';
import { Busy } from './load.tsx';
import { SessionProvider, useSession } from './session.tsx';
import { Shell } from './shell.tsx';
import { SignIn } from './sign-in.tsx';

initI18n();

// Dark enough text and focus rings for WCAG AA contrast on every screen.
const theme = createTheme({ primaryColor: 'indigo', primaryShade: 8, focusRing: 'always' });
// Mantine's dimmed grey (3.3:1 on white) is too faint for small text: one shade darker.
const contrast: CSSVariablesResolver = (resolved) => ({
  variables: {},
  light: { '--mantine-color-dimmed': resolved.colors.gray[7] },
  dark: {},
});

function Workbench() {
  const { me } = useSession();
  if (me === undefined) return <Busy fill />;
  return me === null ? <SignIn /> : <Shell />;
}

/** Mantine's direction follows the language (Arabic right to left) without remounting the screens. */
function FollowLanguage() {
  const { i18n } = useTranslation();
  const { setDirection } = useDirection();
  const dir = directionOf(i18n.language);
  useEffect(() => {
    setDirection(dir);
  }, [dir, setDirection]);
  return null;
}

function Root() {
  const { i18n } = useTranslation();
  return (
    <DirectionProvider initialDirection={directionOf(i18n.language)}>
      <FollowLanguage />
      <MantineProvider theme={theme} cssVariablesResolver={contrast}>
        <SessionProvider>
          <Workbench />
        </SessionProvider>
      </MantineProvider>
    </DirectionProvider>
  );
}

const root = document.getElementById('root');
if (root === null) throw new Error('the page has no #root');
createRoot(root).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
