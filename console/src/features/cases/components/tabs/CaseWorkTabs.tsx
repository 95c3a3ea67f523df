import { Tabs } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CheckinsTab } from './CheckinsTab';
import { EscalationsTab } from './EscalationsTab';
import { HistoryTab } from './HistoryTab';
import { JourneyTab } from './JourneyTab';
import { NotesTab } from './NotesTab';
import { ResettlementTab } from './ResettlementTab';
import { SharesTab } from './SharesTab';

const TABS = [
  { value: 'journey', Tab: JourneyTab },
  { value: 'resettlement', Tab: ResettlementTab },
  { value: 'checkins', Tab: CheckinsTab },
  { value: 'escalations', Tab: EscalationsTab },
  { value: 'notes', Tab: NotesTab },
  { value: 'shares', Tab: SharesTab },
  { value: 'history', Tab: HistoryTab },
] as const;

/**
 * The case page's work tabs (journey to history), each its own component taking the case's
 * reference. Only the open tab is mounted, so only its data is fetched. The case page frame may
 * place these tabs beside its own (profile, triage) instead of using this list.
 */
export function CaseWorkTabs({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<string | null>('journey');
  return (
    <Tabs value={tab} onChange={setTab} keepMounted={false} mt="lg">
      <Tabs.List aria-label={t('caseTabs.label')}>
        {TABS.map(({ value }) => (
          <Tabs.Tab key={value} value={value}>
            {t(`caseTabs.${value}.tab`)}
          </Tabs.Tab>
        ))}
      </Tabs.List>
      {TABS.map(({ value, Tab }) => (
        <Tabs.Panel key={value} value={value} pt="md">
          <Tab caseId={caseId} />
        </Tabs.Panel>
      ))}
    </Tabs>
  );
}
