import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { CenteredPage } from '@console/shell/CenteredPage';
import { SignInForm } from './SignInForm';

export function SignInPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  return (
    <CenteredPage title={t('signIn.title')}>
      <SignInForm onSignedIn={() => void navigate({ to: '/today' })} />
    </CenteredPage>
  );
}
