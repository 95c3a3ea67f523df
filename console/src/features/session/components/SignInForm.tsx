import { Alert, Button, PasswordInput, Stack, TextInput } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { placeProblem } from '@console/app/problem-messages';
import { signIn } from '../api/session';

const FIELDS = ['email', 'password', 'code'] as const;

/** Email, password and authenticator code; used by the sign-in page and the lock screen. */
export function SignInForm({ email, onSignedIn }: { email?: string; onSignedIn: () => void }) {
  const { t } = useTranslation();
  const [general, setGeneral] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { email: email ?? '', password: '', code: '' },
    validate: {
      email: (value) => (/^\S+@\S+$/.test(value) ? null : t('signIn.emailInvalid')),
      password: (value) => (value.length > 0 ? null : t('signIn.passwordMissing')),
      code: (value) => (/^\d{6}$/.test(value) ? null : t('signIn.codeInvalid')),
    },
  });

  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setGeneral(null);
    try {
      await signIn(values);
      onSignedIn();
    } catch (error) {
      const placed = placeProblem(t, error, FIELDS);
      form.setErrors(placed.fields);
      setGeneral(placed.general);
      form.setFieldValue('code', '');
    } finally {
      setBusy(false);
    }
  });

  return (
    <form onSubmit={submit} noValidate>
      <Stack>
        {general && (
          <Alert color="red" role="alert" title={t('signIn.failed')}>
            {general}
          </Alert>
        )}
        <TextInput label={t('signIn.email')} type="email" autoComplete="username" required readOnly={email !== undefined} {...form.getInputProps('email')} />
        <PasswordInput label={t('signIn.password')} autoComplete="current-password" required {...form.getInputProps('password')} />
        <TextInput
          label={t('signIn.code')}
          description={t('signIn.codeHint')}
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          required
          {...form.getInputProps('code')}
        />
        <Button type="submit" loading={busy}>
          {t('signIn.submit')}
        </Button>
      </Stack>
    </form>
  );
}
