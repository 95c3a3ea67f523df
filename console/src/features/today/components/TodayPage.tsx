import { Anchor, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** The action queue lands here with GET /api/v1/me/tasks; until then it points to the caseload. */
export function TodayPage() {
  const { t } = useTranslation();
  return (
    <>
      <Title order={1} size="h2" mb="md">
        {t('today.title')}
      </Title>
      <Text>{t('today.empty')}</Text>
      <Anchor component={Link} to="/cases" mt="md" display="inline-block">
        {t('today.toCaseload')}
      </Anchor>
    </>
  );
}
