import { Alert, Button, Checkbox, Group, NativeSelect, Skeleton, Stack, Table, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiProblem, pointerToPath } from '@console/api/problem';
import { problemMessage } from '@console/app/problem-messages';
import { RISK_FACTORS, useCaseFile, useTriage, type RiskFactor, type TriageBody, type TriageResult } from '@console/features/cases/api/case-file';

type Priority = NonNullable<TriageBody['overridePriority']>;
const PRIORITIES: readonly Priority[] = ['EMERGENCY', 'URGENT', 'NORMAL'];

/**
 * Triage: the factor checklist, the server's score and suggested priority, and an override of the
 * suggestion with a reason (3 to 2000 characters, as the server requires).
 */
export function TriageTab({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const found = useCaseFile(caseId);
  const triage = useTriage(caseId);
  const [factors, setFactors] = useState<RiskFactor[]>([]);
  const [override, setOverride] = useState<Priority | ''>('');
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [result, setResult] = useState<TriageResult | null>(null);
  if (!found.data) return <Skeleton height={160} />;
  const file = found.data;
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setReasonError(null);
    const trimmed = reason.trim();
    if (override !== '' && (trimmed.length < 3 || trimmed.length > 2000)) {
      setReasonError(t('casePage.triage.reasonRequired'));
      return;
    }
    const body: TriageBody = { factors, ...(override !== '' ? { overridePriority: override, overrideReason: trimmed } : {}) };
    triage.mutate(body, {
      onSuccess: (answer) => answer && setResult(answer),
      onError: (error) => {
        const field = error instanceof ApiProblem ? error.fields.find((f) => pointerToPath(f.pointer) === 'overrideReason') : undefined;
        if (field) setReasonError(field.detail);
      },
    });
  };

  return (
    <Stack>
      <Text size="sm">
        {file.triagedAt ? `${t('casePage.triage.triagedAt')} ${dates.format(new Date(file.triagedAt))}` : t('casePage.triage.notYet')}
        {!file.triagedAt && file.triageDueAt && ` · ${t('casePage.triage.dueAt')} ${dates.format(new Date(file.triageDueAt))}`}
      </Text>
      <form onSubmit={submit} noValidate>
        <Stack>
          <Checkbox.Group
            label={t('casePage.triage.factors')}
            description={t('casePage.triage.factorsHint')}
            value={factors}
            onChange={(value) => setFactors(value)}
          >
            <Stack gap="xs" mt="xs">
              {RISK_FACTORS.map((factor) => (
                <Checkbox key={factor} value={factor} label={t(`casePage.factor.${factor}`)} />
              ))}
            </Stack>
          </Checkbox.Group>
          <NativeSelect
            label={t('casePage.triage.override')}
            description={t('casePage.triage.overrideHint')}
            value={override}
            onChange={(event) => setOverride(event.currentTarget.value as Priority | '')}
            data={[
              { value: '', label: t('casePage.triage.noOverride') },
              ...PRIORITIES.map((priority) => ({ value: priority, label: t(`priority.${priority}`) })),
            ]}
          />
          {override !== '' && (
            <Textarea
              label={t('casePage.triage.reason')}
              withAsterisk
              aria-required="true"
              value={reason}
              onChange={(event) => setReason(event.currentTarget.value)}
              error={reasonError}
              autosize
              minRows={2}
            />
          )}
          {triage.error && !reasonError && (
            <Alert color="red" role="alert">
              {problemMessage(t, triage.error)}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={triage.isPending}>
              {t('casePage.triage.record')}
            </Button>
          </Group>
        </Stack>
      </form>
      {result && (
        <section aria-labelledby="triage-result" role="status">
          <Title order={2} size="h5" id="triage-result" mb="xs">
            {t('casePage.triage.result')}
          </Title>
          <Table variant="vertical" withTableBorder maw={480}>
            <Table.Tbody>
              <Table.Tr>
                <Table.Th>{t('casePage.triage.score')}</Table.Th>
                <Table.Td>{result.score}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('casePage.triage.suggested')}</Table.Th>
                <Table.Td>{t(`priority.${result.suggestedPriority}`)}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('case.priority')}</Table.Th>
                <Table.Td>
                  {t(`priority.${result.priority}`, { defaultValue: result.priority })}
                  {result.overridden && ` (${t('casePage.triage.overridden')})`}
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        </section>
      )}
    </Stack>
  );
}
