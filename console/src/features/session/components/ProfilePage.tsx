import { Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ProblemAlert, useFormProblems } from '@console/app/problems';
import { saveDisplayName } from '../api/session';
import { useProfile } from '../api/session-store';

const FIELDS = ['displayName'] as const;

/** My profile: the name colleagues see (sealed by the server). The language is in the header. */
export function ProfilePage() {
  const { t } = useTranslation();
  const profile = useProfile();
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  const form = useForm({
    initialValues: { displayName: profile?.displayName ?? '' },
    validate: { displayName: (value) => (value.trim().length > 0 ? null : t('session.displayNameMissing')) },
  });
  const problems = useFormProblems(form, FIELDS);
  const submit = form.onSubmit(async (values) => {
    setBusy(true);
    setSaved(false);
    problems.clear();
    try {
      await saveDisplayName(values.displayName);
      setSaved(true);
    } catch (error) {
      problems.show(error);
    } finally {
      setBusy(false);
    }
  });
  return (
    <>
      <Title order={1} size="h2" mb="md">
        {t('session.profileTitle')}
      </Title>
      <Paper withBorder p="md" maw={520}>
        <form onSubmit={submit} noValidate>
          <Stack>
            <ProblemAlert error={problems.general} mb="0" />
            <TextInput
              label={t('session.displayName')}
              description={t('session.displayNameHint')}
              required
              maxLength={80}
              {...form.getInputProps('displayName')}
            />
            <Group>
              <Button type="submit" loading={busy}>
                {t('session.save')}
              </Button>
              {saved && (
                <Text size="sm" role="status">
                  {t('session.saved')}
                </Text>
              )}
            </Group>
          </Stack>
        </form>
      </Paper>
    </>
  );
}
