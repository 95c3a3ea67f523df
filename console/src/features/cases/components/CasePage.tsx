import { Alert, Badge, Group, Skeleton, Text, Title } from '@mantine/core';
import { useParams } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '@console/app/problem-messages';
import { useCase } from '../api/cases';
import { StageBadge } from './StageBadge';
// consc: the work tabs (journey … history); the frame's own tabs may absorb them at merge.
import { CaseWorkTabs } from './tabs/CaseWorkTabs';

export function CasePage() {
  const { t } = useTranslation();
  const { ref } = useParams({ from: '/app/cases/$ref' });
  const found = useCase(ref);
  if (found.error)
    return (
      <Alert color="red" role="alert">
        {problemMessage(t, found.error)}
      </Alert>
    );
  if (!found.data) return <Skeleton height={120} />;
  const detail = found.data;
  const name = [detail.givenName, detail.familyName].filter(Boolean).join(' ');
  return (
    <>
      <Title order={1} size="h2">
        {name || t('case.nameHidden')}
      </Title>
      <Group mt="xs" gap="sm">
        <Text ff="monospace">{detail.reference}</Text>
        <Badge color={detail.priority === 'EMERGENCY' || detail.priority === 'URGENT' ? 'red' : 'blue'}>{t(`priority.${detail.priority}`, { defaultValue: detail.priority })}</Badge>
        <StageBadge stage={detail.stage} />
      </Group>
      {/* consc: work tabs block (journey, resettlement, check-ins, escalations, notes, shares, history) */}
      <CaseWorkTabs caseId={detail.reference} />
    </>
  );
}
