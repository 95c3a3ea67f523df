import { Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { CenteredPage } from '@console/shell/CenteredPage';
import { SignInForm } from './SignInForm';

/**
 * Shown after the idle time or "hide now": the session has ended and nothing of the work is in
 * the page; the password and a code open it again where the user was.
 */
export function LockScreen({ email, returnTo }: { email: string | null; returnTo: string }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <CenteredPage title={t('lock.title')}>
      <Text mb="md">{t('lock.explanation')}</Text>
      <SignInForm email={email ?? undefined} onSignedIn={() => void navigate({ to: returnTo })} />
    </CenteredPage>
  );
}
