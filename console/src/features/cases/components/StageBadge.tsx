import { Badge } from '@mantine/core';
import { useTranslation } from 'react-i18next';

export function StageBadge({ stage }: { stage: string }) {
  const { t } = useTranslation();
  return (
    <Badge variant="light" color="gray">
      {t(`stage.${stage}`, { defaultValue: stage })}
    </Badge>
  );
}
