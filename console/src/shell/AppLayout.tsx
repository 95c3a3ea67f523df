import { Button, Group, NavLink, NativeSelect, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { LANGUAGES } from '../i18n/i18n';
import { signOut } from '../features/session/api/session';
import { useSession } from '../features/session/api/session-store';

const NAVIGATION = [
  { to: '/today', label: 'nav.today' },
  { to: '/cases', label: 'nav.caseload' },
  { to: '/intake', label: 'intake.nav' },
] as const;

/** The signed-in frame: navigation, language, sign-out, and the page in <main>. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const path = useRouterState({ select: (state) => state.location.pathname });
  const leave = async () => {
    await signOut(queryClient);
    await navigate({ to: '/sign-in' });
  };
  return (
    <div className="shell">
      <header className="shell-header">
        <Title order={2} size="h4">
          {t('app.name')}
        </Title>
        <Group gap="sm">
          <Text size="sm" c="dimmed">
            {t('app.hideHint')}
          </Text>
          <NativeSelect
            aria-label={t('app.language')}
            size="xs"
            value={i18n.language}
            data={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
            onChange={(event) => void i18n.changeLanguage(event.currentTarget.value)}
          />
          <Text size="sm">{session?.email}</Text>
          <Button size="xs" variant="default" onClick={() => void leave()}>
            {t('app.signOut')}
          </Button>
        </Group>
      </header>
      <nav className="shell-nav" aria-label={t('nav.label')}>
        {NAVIGATION.map((item) => (
          <NavLink key={item.to} component={Link} to={item.to} label={t(item.label)} active={path.startsWith(item.to)} />
        ))}
      </nav>
      <main className="shell-main">
        <Outlet />
      </main>
    </div>
  );
}
