import { Button, Container, Text, Title } from '@mantine/core';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { setScreen } from '../api/session-store';

/**
 * "Hide now" (Escape twice): an ordinary-looking page that says nothing about the work. The
 * session has already ended; "Continue" leads to the lock screen (or sign-in).
 */
export function NeutralPage({ email, returnTo }: { email: string | null; returnTo: string }) {
  const { t } = useTranslation();
  useEffect(() => {
    const previous = document.title;
    document.title = t('neutral.documentTitle');
    return () => {
      document.title = previous;
    };
  }, [t]);
  const resume = () => setScreen(email ? { kind: 'locked', email, returnTo } : { kind: 'open' });
  return (
    <Container component="main" size="sm" py="xl">
      <Title order={1}>{t('neutral.title')}</Title>
      <Text mt="md">{t('neutral.body')}</Text>
      <Button variant="subtle" mt="xl" onClick={resume}>
        {t('neutral.continue')}
      </Button>
    </Container>
  );
}
