import { Anchor, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { CenteredPage } from './CenteredPage';

/** An address the console has no page for. */
export function NotFoundPage() {
  const { t } = useTranslation();
  return (
    <CenteredPage title={t('errors.notFoundTitle')}>
      <Text mb="md">{t('errors.noSuchPage')}</Text>
      <Anchor component={Link} to="/today">
        {t('errors.toToday')}
      </Anchor>
    </CenteredPage>
  );
}
