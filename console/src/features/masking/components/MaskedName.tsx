import { Button, Group, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMaskNames } from '../api/me';

/**
 * A person's name in a list: shown plainly, or — when my setting masks names — hidden behind a
 * button that reveals this one row (click, Enter or Space). Revealing lasts while the row is on
 * screen; nothing is remembered.
 */
export function MaskedName({ name, reference }: { name: string; reference: string }) {
  const { t } = useTranslation();
  const masked = useMaskNames();
  const [revealed, setRevealed] = useState(false);
  if (!masked || revealed) return <>{name}</>;
  return (
    <Group gap="xs" wrap="nowrap">
      <Text span c="dimmed" aria-hidden="true">
        {'•••••• ••••••'}
      </Text>
      <Button size="compact-xs" variant="subtle" aria-label={`${t('masking.revealRow')} ${reference}`} onClick={() => setRevealed(true)}>
        {t('masking.reveal')}
      </Button>
    </Group>
  );
}
