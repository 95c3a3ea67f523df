import { Button, Card, Group, NativeSelect, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useAcknowledgeEscalation,
  useCaseEscalations,
  useEscalationTimeline,
  useResolveEscalation,
  type Escalation,
  type EscalationOutcome,
} from '@console/features/cases/api/escalations';
import { ProblemAlert } from '@console/app/problems';
import { GeneralProblem, StatusBadge, type Tone, useFormats, useFormProblem } from './tab-kit';

const OUTCOMES = ['CONTACT_RESTORED', 'SAFE', 'DETAINED', 'MISSING', 'FALSE_ALARM'] as const;
const LEVEL_TONE: readonly Tone[] = ['info', 'warn', 'danger'];

/** The case's escalations: open ones first with level, trigger and age; acknowledge, resolve, timeline. */
export function EscalationsTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const list = useCaseEscalations(caseId);
  if (list.error) return <ProblemAlert error={list.error} />;
  if (!list.data) return <Skeleton height={120} />;
  const open = list.data.items.filter((item) => item.state !== 'RESOLVED');
  const closed = list.data.items.filter((item) => item.state === 'RESOLVED').reverse();
  return (
    <Stack gap="lg">
      <section aria-labelledby="escalations-open">
        <Title order={3} size="h4" id="escalations-open" mb="xs">
          {t('caseTabs.escalations.openTitle', { count: open.length })}
        </Title>
        {open.length === 0 && <Text c="dimmed">{t('caseTabs.escalations.noneOpen')}</Text>}
        <Stack gap="sm">
          {open.map((item) => (
            <EscalationCard key={item.id} caseId={caseId} escalation={item} />
          ))}
        </Stack>
      </section>
      <section aria-labelledby="escalations-closed">
        <Title order={3} size="h4" id="escalations-closed" mb="xs">
          {t('caseTabs.escalations.resolvedTitle')}
        </Title>
        {closed.length === 0 && <Text c="dimmed">{t('caseTabs.escalations.noneResolved')}</Text>}
        <Stack gap="sm">
          {closed.map((item) => (
            <EscalationCard key={item.id} caseId={caseId} escalation={item} />
          ))}
        </Stack>
      </section>
    </Stack>
  );
}

function EscalationCard({ caseId, escalation }: { caseId: string; escalation: Escalation }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const acknowledge = useAcknowledgeEscalation(caseId);
  const resolve = useResolveEscalation(caseId);
  const problem = useFormProblem(resolve.error, ['outcome']);
  const [outcome, setOutcome] = useState<EscalationOutcome | ''>('');
  const [showTimeline, setShowTimeline] = useState(false);
  const headingId = `escalation-${escalation.id}`;
  return (
    <Card withBorder padding="sm" component="article" aria-labelledby={headingId}>
      <Group justify="space-between">
        <Group gap="sm">
          <StatusBadge tone={LEVEL_TONE[Math.min(2, Math.max(0, escalation.level - 1))] ?? 'danger'}>
            {t('caseTabs.escalations.level', { level: escalation.level })}
          </StatusBadge>
          <Text fw={700} id={headingId}>
            {t(`caseTabs.escalations.triggers.${escalation.trigger}`)}
          </Text>
          <StatusBadge tone={escalation.state === 'OPEN' ? 'danger' : escalation.state === 'ACKNOWLEDGED' ? 'warn' : 'neutral'}>
            {t(`caseTabs.escalations.states.${escalation.state}`)}
          </StatusBadge>
        </Group>
        <Text size="sm" title={formats.dateTime(escalation.openedAt)}>
          {t('caseTabs.escalations.opened', { ago: formats.relative(escalation.openedAt) })}
        </Text>
      </Group>
      {escalation.outcome && (
        <Text size="sm">{t('caseTabs.escalations.outcomeWas', { outcome: t(`caseTabs.escalations.outcomes.${escalation.outcome}`) })}</Text>
      )}
      <ProblemAlert error={acknowledge.error} />
      <GeneralProblem message={problem.general} />
      {escalation.state !== 'RESOLVED' && (
        <Group mt="sm" align="flex-end">
          {escalation.state === 'OPEN' && (
            <Button loading={acknowledge.isPending} onClick={() => acknowledge.mutate(escalation.id)}>
              {t('caseTabs.escalations.acknowledge')}
            </Button>
          )}
          <NativeSelect
            label={t('caseTabs.escalations.outcome')}
            value={outcome}
            onChange={(event) => setOutcome(OUTCOMES.find((value) => value === event.currentTarget.value) ?? '')}
            error={problem.field('outcome')}
            data={[
              { value: '', label: t('caseTabs.escalations.chooseOutcome') },
              ...OUTCOMES.map((value) => ({ value, label: t(`caseTabs.escalations.outcomes.${value}`) })),
            ]}
          />
          <Button variant="default" disabled={!outcome} loading={resolve.isPending} onClick={() => outcome && resolve.mutate({ id: escalation.id, outcome })}>
            {t('caseTabs.escalations.resolve')}
          </Button>
        </Group>
      )}
      <Button mt="xs" size="xs" variant="subtle" aria-expanded={showTimeline} onClick={() => setShowTimeline(!showTimeline)}>
        {showTimeline ? t('caseTabs.escalations.hideTimeline') : t('caseTabs.escalations.showTimeline')}
      </Button>
      {showTimeline && <Timeline caseId={caseId} id={escalation.id} />}
    </Card>
  );
}

function Timeline({ caseId, id }: { caseId: string; id: string }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const detail = useEscalationTimeline(caseId, id, true);
  if (detail.error) return <ProblemAlert error={detail.error} />;
  if (!detail.data) return <Skeleton height={40} />;
  return (
    <ol className="tab-timeline" aria-label={t('caseTabs.escalations.timeline')}>
      {detail.data.timeline.map((event, index) => (
        <li key={`${event.at}-${index}`}>
          <Text size="sm">
            <time dateTime={event.at}>{formats.dateTime(event.at)}</time> — {t(`caseTabs.escalations.events.${event.kind}`)}
            {event.level ? ` (${t('caseTabs.escalations.level', { level: event.level })})` : ''}
          </Text>
        </li>
      ))}
    </ol>
  );
}
