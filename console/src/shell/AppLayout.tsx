import { Alert, Badge, Button, Group, NavLink, NativeSelect, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { Link, Outlet, useNavigate, useRouterState } from '@tanstack/react-router';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@console/app/format';
import { problemMessage } from '@console/app/problem-messages';
import { LANGUAGES, type Language } from '../i18n/i18n';
import { saveLanguage, signOut } from '../features/session/api/session';
import { useOffline, useProfile, useSession } from '../features/session/api/session-store';
import { ReauthModal } from '../features/session/components/ReauthModal';
import { useLiveEvents, type LiveState } from '../features/today/api/live-events';
import { useTasks } from '../features/today/api/tasks';
import { clearUrgentAlerts, raiseUrgentAlert } from '../features/today/api/urgent-alerts';
import { urgentAlertOf } from '../features/today/api/urgent-rule';
import { UrgentAlerts } from '../features/today/components/UrgentAlerts';

/** Live counts beside "Today": everything waiting, and open escalations in red. */
function TodayCounts() {
  const { t } = useTranslation();
  const { number } = useFormat();
  const tasks = useTasks();
  const counts = tasks.data?.counts;
  if (!counts) return null;
  return (
    <Group gap={4} wrap="nowrap" data-testid="nav-today-counts">
      {counts.escalations > 0 && (
        <Badge color="red" size="sm" aria-label={t('shell.escalationCount', { count: counts.escalations })}>
          {number(counts.escalations)}
        </Badge>
      )}
      <Badge color="gray" variant="light" size="sm" aria-label={t('shell.taskCount', { count: counts.total })}>
        {number(counts.total)}
      </Badge>
    </Group>
  );
}

/** Live events: the queue's counts refresh, and a level-3 or duress escalation raises the alarm. */
function useUrgentEvents(): LiveState {
  const { t } = useTranslation();
  const state = useLiveEvents((notification) => {
    const alert = urgentAlertOf(notification);
    if (alert) raiseUrgentAlert(alert, { notificationTitle: t('today.notificationTitle'), notificationBody: t('today.notificationBody') });
  });
  // No alert outlives the signed-in frame (sign-out, idle lock, "hide now").
  useEffect(() => () => clearUrgentAlerts(), []);
  return state;
}

/** The signed-in frame: navigation with live counts, language, sign-out, alerts, and the page in <main>. */
export function AppLayout() {
  const { t, i18n } = useTranslation();
  const session = useSession();
  const profile = useProfile();
  const offline = useOffline();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const path = useRouterState({ select: (state) => state.location.pathname });
  const live = useUrgentEvents();
  const leave = async () => {
    await signOut(queryClient);
    await navigate({ to: '/sign-in' });
  };
  const changeLanguage = (language: Language) => {
    saveLanguage(language).catch((error: unknown) =>
      notifications.show({ color: 'red', title: t('shell.languageNotSaved'), message: problemMessage(t, error) }),
    );
  };
  return (
    <div className="shell">
      <header className="shell-header">
        <Title order={2} size="h4">
          {t('app.name')}
        </Title>
        <Group gap="sm">
          <Text size="sm" c={live === 'open' ? 'dimmed' : 'red.9'} data-live={live}>
            {live === 'open' ? t('shell.liveOn') : t('shell.liveOff')}
          </Text>
          <Text size="sm" c="dimmed">
            {t('app.hideHint')}
          </Text>
          <NativeSelect
            aria-label={t('app.language')}
            size="xs"
            value={i18n.language}
            data={LANGUAGES.map((language) => ({ value: language, label: t(`language.${language}`) }))}
            onChange={(event) => changeLanguage(event.currentTarget.value as Language)}
          />
          <Text size="sm">{profile?.displayName ?? session?.email}</Text>
          <Button size="xs" variant="default" onClick={() => void leave()}>
            {t('app.signOut')}
          </Button>
        </Group>
      </header>
      <nav className="shell-nav" aria-label={t('nav.label')}>
        <NavLink component={Link} to="/today" label={t('nav.today')} active={path.startsWith('/today')} rightSection={<TodayCounts />} />
        <NavLink component={Link} to="/cases" label={t('nav.caseload')} active={path.startsWith('/cases')} />
        <NavLink component={Link} to="/intake" label={t('intake.nav')} active={path.startsWith('/intake')} />
        <NavLink component={Link} to="/profile" label={t('shell.profile')} active={path.startsWith('/profile')} />
      </nav>
      <main className="shell-main">
        {offline && (
          <Alert color="orange" role="alert" title={t('errors.networkTitle')} mb="md" data-problem="offline">
            {t('shell.offline')}
          </Alert>
        )}
        <UrgentAlerts />
        <Outlet />
      </main>
      <ReauthModal />
    </div>
  );
}
