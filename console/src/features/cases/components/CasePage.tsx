import { Alert, Anchor, Badge, Group, Paper, Skeleton, Stack, Tabs, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import '@console/styles/case-work.css';
import { problemMessage } from '@console/app/problem-messages';
import { MaskedName } from '@console/features/masking/components/MaskedName';
import { useCaseFile } from '../api/case-file';
import { StageBadge } from './StageBadge';
import { StageStepper } from './StageStepper';
import { ProfileTab } from './tabs/ProfileTab';
import { CheckinsTab } from './tabs/CheckinsTab';
import { EscalationsTab } from './tabs/EscalationsTab';
import { HistoryTab } from './tabs/HistoryTab';
import { JourneyTab } from './tabs/JourneyTab';
import { NotesTab } from './tabs/NotesTab';
import { ResettlementTab } from './tabs/ResettlementTab';
import { SharesTab } from './tabs/SharesTab';
import { TriageTab } from './tabs/TriageTab';

/**
 * The case page's tabs, in order: each a component of `tabs/` given the case reference. Only the
 * open tab is mounted (`keepMounted={false}`), so only its data is fetched.
 */
const TABS: ReadonlyArray<{ value: string; label: string; Panel: ComponentType<{ caseId: string }> }> = [
  { value: 'profile', label: 'casePage.tab.profile', Panel: ProfileTab },
  { value: 'triage', label: 'casePage.tab.triage', Panel: TriageTab },
  { value: 'journey', label: 'casePage.tab.journey', Panel: JourneyTab },
  { value: 'resettlement', label: 'casePage.tab.resettlement', Panel: ResettlementTab },
  { value: 'checkins', label: 'casePage.tab.checkins', Panel: CheckinsTab },
  { value: 'escalations', label: 'casePage.tab.escalations', Panel: EscalationsTab },
  { value: 'notes', label: 'casePage.tab.notes', Panel: NotesTab },
  { value: 'shares', label: 'casePage.tab.shares', Panel: SharesTab },
  { value: 'history', label: 'casePage.tab.history', Panel: HistoryTab },
];

/** One case: header (name as my masking setting allows, reference, priority), stages and moves, tabs. */
export function CasePage() {
  const { t } = useTranslation();
  const { ref } = useParams({ from: '/app/cases/$ref' });
  const found = useCaseFile(ref);
  if (found.error)
    return (
      <Alert color="red" role="alert">
        {problemMessage(t, found.error)}
      </Alert>
    );
  if (!found.data) return <Skeleton height={120} />;
  const file = found.data;
  const identity = file.protected.identity;
  const name = identity ? [identity.givenName, identity.patronymic, identity.familyName].filter(Boolean).join(' ') : '';
  const urgent = file.priority === 'EMERGENCY' || file.priority === 'URGENT';
  return (
    <Stack gap="lg">
      <header>
        <Title order={1} size="h2">
          {name ? <MaskedName name={name} reference={file.reference} /> : t('case.nameHidden')}
        </Title>
        <Group mt="xs" gap="sm">
          <Text ff="monospace">{file.reference}</Text>
          <Badge color={urgent ? 'red' : 'blue'} style={{ textTransform: 'none' }}>
            {t('case.priority')}: {t(`priority.${file.priority}`, { defaultValue: file.priority })}
          </Badge>
          <StageBadge stage={file.stage} />
          {file.flags.map((flag) => (
            <Badge key={flag} color="orange" variant="light">
              {t(`casePage.flag.${flag}`, { defaultValue: flag })}
            </Badge>
          ))}
        </Group>
        {file.duplicateCandidates.length > 0 && (
          <Paper withBorder p="sm" mt="sm" className="notice">
            <Text fw={700}>{t('casePage.possibleDuplicate')}</Text>
            <Group gap="sm">
              {file.duplicateCandidates.map((other) => (
                <Anchor
                  key={other.reference}
                  renderRoot={(props) => <Link {...props} to="/cases/$ref/duplicates/$otherRef" params={{ ref: file.reference, otherRef: other.reference }} />}
                >
                  {t('casePage.reviewDuplicate')} {other.reference}
                </Anchor>
              ))}
            </Group>
          </Paper>
        )}
        {file.duplicateOf && (
          <Text size="sm" mt="xs">
            {t('casePage.duplicateOf')}{' '}
            <Anchor ff="monospace" renderRoot={(props) => <Link {...props} to="/cases/$ref" params={{ ref: file.duplicateOf ?? '' }} />}>
              {file.duplicateOf}
            </Anchor>
          </Text>
        )}
      </header>
      <StageStepper file={file} />
      <Tabs defaultValue="profile" keepMounted={false}>
        <Tabs.List aria-label={t('casePage.tabs')}>
          {TABS.map((tab) => (
            <Tabs.Tab key={tab.value} value={tab.value}>
              {t(tab.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {TABS.map(({ value, Panel }) => (
          <Tabs.Panel key={value} value={value} pt="md">
            <Panel caseId={file.reference} />
          </Tabs.Panel>
        ))}
      </Tabs>
    </Stack>
  );
}
