import { Button, Checkbox, Group, NativeSelect, TextInput } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseloadFilters as Filters, CasePriority, CaseStage } from '../api/cases';

const STAGES: CaseStage[] = [
  'INTAKE',
  'VERIFICATION',
  'TRIAGED',
  'RELOCATION_PLANNED',
  'IN_TRANSIT',
  'IN_SAFE_COUNTRY',
  'RESETTLEMENT_IN_PROGRESS',
  'DEPARTED',
  'RESETTLED',
];
const PRIORITIES: CasePriority[] = ['EMERGENCY', 'URGENT', 'NORMAL'];

/** Stage, priority and overdue filters apply at once; the name search on submit. */
export function CaseloadFilters({ value, onChange }: { value: Filters; onChange: (next: Filters) => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(value.name);
  const search = (event: FormEvent) => {
    event.preventDefault();
    onChange({ ...value, name });
  };
  return (
    <Group align="flex-end" mb="md" wrap="wrap">
      <form onSubmit={search} role="search" aria-label={t('caseload.searchLabel')}>
        <Group align="flex-end" gap="xs">
          <TextInput
            label={t('caseload.searchName')}
            description={t('caseload.searchHint')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <Button type="submit" variant="default">
            {t('caseload.search')}
          </Button>
        </Group>
      </form>
      <NativeSelect
        label={t('case.stage')}
        value={value.stage ?? ''}
        data={[{ value: '', label: t('caseload.any') }, ...STAGES.map((stage) => ({ value: stage, label: t(`stage.${stage}`) }))]}
        onChange={(event) => onChange({ ...value, stage: STAGES.find((stage) => stage === event.currentTarget.value) ?? null })}
      />
      <NativeSelect
        label={t('case.priority')}
        value={value.priority ?? ''}
        data={[{ value: '', label: t('caseload.any') }, ...PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) }))]}
        onChange={(event) => onChange({ ...value, priority: PRIORITIES.find((priority) => priority === event.currentTarget.value) ?? null })}
      />
      <Checkbox
        label={t('caseload.checkinOverdue')}
        checked={value.checkinOverdue}
        onChange={(event) => onChange({ ...value, checkinOverdue: event.currentTarget.checked })}
      />
    </Group>
  );
}
