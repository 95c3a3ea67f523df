import { Alert, Button, Code, List, PasswordInput, Stack, Stepper, Text, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { placeProblem } from '@console/app/problem-messages';
import { CenteredPage } from '@console/shell/CenteredPage';
import { beginEnrolment, confirmEnrolment, type EnrolmentChallenge } from '../api/session';
import { TotpQrCode } from './TotpQrCode';

/** The invitation token travels in the URL fragment (#token=…): never sent to a server or a referrer. */
function tokenFromLocation(): string {
  return new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token') ?? '';
}

/** Enrolment from the invitation link: choose a password, add the authenticator, confirm with a code. */
export function EnrolPage() {
  const { t } = useTranslation();
  const [token] = useState(tokenFromLocation);
  const [challenge, setChallenge] = useState<EnrolmentChallenge | null>(null);
  const [done, setDone] = useState(false);

  return (
    <CenteredPage title={t('enrol.title')}>
      <Stepper active={done ? 2 : challenge ? 1 : 0} size="sm" mb="lg" allowNextStepsSelect={false}>
        <Stepper.Step label={t('enrol.stepPassword')}>
          <PasswordStep token={token} onDone={setChallenge} />
        </Stepper.Step>
        <Stepper.Step label={t('enrol.stepAuthenticator')}>
          {challenge && <CodeStep token={token} challenge={challenge} onDone={() => setDone(true)} />}
        </Stepper.Step>
        <Stepper.Completed>
          <Stack>
            <Alert color="green" role="status" title={t('enrol.doneTitle')}>
              {t('enrol.doneBody')}
            </Alert>
            <Button component={Link} to="/sign-in">
              {t('enrol.toSignIn')}
            </Button>
          </Stack>
        </Stepper.Completed>
      </Stepper>
    </CenteredPage>
  );
}

function PasswordStep({ token, onDone }: { token: string; onDone: (challenge: EnrolmentChallenge) => void }) {
  const { t } = useTranslation();
  const [general, setGeneral] = useState<string | null>(token ? null : t('enrol.noToken'));
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { password: '', repeat: '' },
    validate: {
      password: (value) => (value.length >= 12 ? null : t('enrol.passwordShort')),
      repeat: (value, values) => (value === values.password ? null : t('enrol.passwordMismatch')),
    },
  });
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setGeneral(null);
    try {
      onDone(await beginEnrolment(token, values.password));
    } catch (error) {
      const placed = placeProblem(t, error, ['password']);
      form.setErrors(placed.fields);
      setGeneral(placed.general);
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {general && (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        )}
        <Text size="sm">{t('enrol.passwordAdvice')}</Text>
        <PasswordInput label={t('enrol.password')} autoComplete="new-password" required {...form.getInputProps('password')} />
        <PasswordInput label={t('enrol.repeat')} autoComplete="new-password" required {...form.getInputProps('repeat')} />
        <Button type="submit" loading={busy} disabled={!token}>
          {t('enrol.continue')}
        </Button>
      </Stack>
    </form>
  );
}

function CodeStep({ token, challenge, onDone }: { token: string; challenge: EnrolmentChallenge; onDone: () => void }) {
  const { t } = useTranslation();
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { code: '' },
    validate: { code: (value) => (/^\d{6}$/.test(value) ? null : t('signIn.codeInvalid')) },
  });
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setGeneral(null);
    try {
      await confirmEnrolment(token, values.code);
      onDone();
    } catch (error) {
      const placed = placeProblem(t, error, ['code']);
      form.setErrors(placed.fields);
      setGeneral(placed.general);
    } finally {
      setBusy(false);
    }
  });
  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        <List type="ordered" size="sm">
          <List.Item>{t('enrol.scan')}</List.Item>
          <List.Item>{t('enrol.enterCode')}</List.Item>
        </List>
        <TotpQrCode uri={challenge.otpauthUri} label={t('enrol.qrLabel')} />
        <Text size="sm">
          {t('enrol.manualKey')} <Code data-testid="totp-secret">{challenge.secret}</Code>
        </Text>
        {general && (
          <Alert color="red" role="alert">
            {general}
          </Alert>
        )}
        <TextInput label={t('signIn.code')} inputMode="numeric" autoComplete="one-time-code" maxLength={6} required {...form.getInputProps('code')} />
        <Button type="submit" loading={busy}>
          {t('enrol.confirm')}
        </Button>
      </Stack>
    </form>
  );
}
