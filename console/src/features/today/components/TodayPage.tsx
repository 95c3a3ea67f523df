import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useEffect, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormat } from '@console/app/format';
import { ProblemAlert } from '@console/app/problems';
import { useAcknowledge, useTasks, type EscalationTask, type Tasks } from '../api/tasks';

/** Seconds until an ISO time, ticking every second. */
function useSecondsUntil(iso: string | null): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!iso) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [iso]);
  return iso ? Math.max(0, Math.round((Date.parse(iso) - now) / 1000)) : null;
}

function CaseLink({ reference }: { reference: string }) {
  return (
    <Anchor ff="monospace" renderRoot={(props) => <Link {...props} to="/cases/$ref" params={{ ref: reference }} />}>
      {reference}
    </Anchor>
  );
}

function Section({ id, title, count, children }: { id: string; title: string; count: number; children: ReactNode }) {
  const { t } = useTranslation();
  const { number } = useFormat();
  return (
    <Paper component="section" withBorder p="md" aria-labelledby={`today-${id}`} data-section={id}>
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id={`today-${id}`}>
          {title}
        </Title>
        <Badge color={count > 0 ? 'blue' : 'gray'} variant="light" aria-label={t('today.itemCount', { count })}>
          {number(count)}
        </Badge>
      </Group>
      {count === 0 ? (
        <Text size="sm" c="dimmed">
          {t('today.none')}
        </Text>
      ) : (
        <Table.ScrollContainer minWidth={560}>
          <Table>{children}</Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}

function TimeLeft({ task }: { task: EscalationTask }) {
  const { t } = useTranslation();
  const { duration } = useFormat();
  const seconds = useSecondsUntil(task.climbsAt);
  if (task.state !== 'OPEN') return <Text size="sm">{t('today.acknowledged')}</Text>;
  if (seconds === null) return <Text size="sm">{t('today.topLevel')}</Text>;
  return (
    <Text size="sm" c={seconds < 300 ? 'red.9' : undefined} fw={seconds < 300 ? 700 : undefined}>
      {t('today.timeLeft')} {duration(seconds)}
    </Text>
  );
}

function Escalations({ tasks }: { tasks: Tasks }) {
  const { t } = useTranslation();
  const acknowledge = useAcknowledge();
  return (
    <>
      <ProblemAlert error={acknowledge.error} />
      <Section id="escalations" title={t('today.escalations')} count={tasks.counts.escalations}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('case.reference')}</Table.Th>
            <Table.Th scope="col">{t('today.trigger')}</Table.Th>
            <Table.Th scope="col">{t('today.level')}</Table.Th>
            <Table.Th scope="col">{t('today.toAcknowledge')}</Table.Th>
            <Table.Th scope="col">
              <VisuallyHidden>{t('today.actions')}</VisuallyHidden>
            </Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.escalations.map((task) => (
            <Table.Tr key={task.escalationId} data-escalation={task.escalationId}>
              <Table.Td>
                <CaseLink reference={task.caseReference} />
              </Table.Td>
              <Table.Td>{t(`today.triggers.${task.trigger}`, { defaultValue: task.trigger })}</Table.Td>
              <Table.Td>
                <Badge color={task.level >= 3 ? 'red.9' : 'dark'} variant={task.level === 1 ? 'default' : 'filled'}>
                  {t('today.levelN', { count: task.level })}
                </Badge>
              </Table.Td>
              <Table.Td>
                <TimeLeft task={task} />
              </Table.Td>
              <Table.Td>
                {task.state === 'OPEN' && (
                  <Button
                    size="xs"
                    loading={acknowledge.isPending && acknowledge.variables === task.escalationId}
                    onClick={() => acknowledge.mutate(task.escalationId)}
                  >
                    {t('today.acknowledge')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Section>
    </>
  );
}

function QueueSections({ tasks }: { tasks: Tasks }) {
  const { t } = useTranslation();
  const { dateTime, relative } = useFormat();
  const { i18n } = useTranslation();
  const regions = new Intl.DisplayNames([i18n.language], { type: 'region' });
  const ago = (iso: string) => relative(Math.round((Date.parse(iso) - Date.now()) / 1000));
  return (
    <Stack gap="md">
      <Escalations tasks={tasks} />
      <Section id="overdue-checkins" title={t('today.overdueCheckins')} count={tasks.counts.overdueCheckins}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('case.reference')}</Table.Th>
            <Table.Th scope="col">{t('case.priority')}</Table.Th>
            <Table.Th scope="col">{t('today.dueAt')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.overdueCheckins.map((task) => (
            <Table.Tr key={task.caseReference}>
              <Table.Td>
                <CaseLink reference={task.caseReference} />
              </Table.Td>
              <Table.Td>{t(`priority.${task.priority}`)}</Table.Td>
              <Table.Td>
                <Text size="sm" c="red.9" fw={700}>
                  {dateTime(task.dueAt)} · {ago(task.dueAt)}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Section>
      <Section id="stays" title={t('today.staysNearLimit')} count={tasks.counts.staysNearLimit}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('case.reference')}</Table.Th>
            <Table.Th scope="col">{t('today.hostCountry')}</Table.Th>
            <Table.Th scope="col">{t('case.daysLeft')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.staysNearLimit.map((task) => (
            <Table.Tr key={task.stayId}>
              <Table.Td>
                <CaseLink reference={task.caseReference} />
              </Table.Td>
              <Table.Td>{regions.of(task.hostCountry) ?? task.hostCountry}</Table.Td>
              <Table.Td>
                <Text size="sm" c={task.daysRemaining <= 7 ? 'red.9' : undefined} fw={task.daysRemaining <= 7 ? 700 : undefined}>
                  {task.daysRemaining > 0 ? t('case.days', { count: task.daysRemaining }) : t('today.stayPassed')}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Section>
      <Section id="referrals" title={t('today.newReferrals')} count={tasks.counts.unassignedReferrals}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('case.reference')}</Table.Th>
            <Table.Th scope="col">{t('case.priority')}</Table.Th>
            <Table.Th scope="col">{t('today.source')}</Table.Th>
            <Table.Th scope="col">{t('today.received')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {tasks.unassignedReferrals.map((task) => (
            <Table.Tr key={task.caseReference}>
              <Table.Td>
                <CaseLink reference={task.caseReference} />
              </Table.Td>
              <Table.Td>{t(`priority.${task.priority}`)}</Table.Td>
              <Table.Td>{task.referred ? t('today.referredByPartner') : t('today.openedByStaff')}</Table.Td>
              <Table.Td>{dateTime(task.createdAt)}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Section>
      {tasks.counts.relocationPlanApprovals + tasks.counts.resettlementSubmissionApprovals > 0 && (
        <Section id="approvals" title={t('today.approvals')} count={tasks.counts.relocationPlanApprovals + tasks.counts.resettlementSubmissionApprovals}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('case.reference')}</Table.Th>
              <Table.Th scope="col">{t('today.approvalKind')}</Table.Th>
              <Table.Th scope="col">{t('today.requested')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {[
              ...tasks.relocationPlanApprovals.map((task) => ({ ...task, kind: t('today.relocationPlan') })),
              ...tasks.resettlementSubmissionApprovals.map((task) => ({ ...task, kind: t('today.resettlementSubmission') })),
            ].map((task) => (
              <Table.Tr key={task.id}>
                <Table.Td>
                  <CaseLink reference={task.caseReference} />
                </Table.Td>
                <Table.Td>{task.kind}</Table.Td>
                <Table.Td>{dateTime(task.requestedAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Section>
      )}
      {tasks.counts.expediteOverdue > 0 && (
        <Section id="expedite" title={t('today.expediteOverdue')} count={tasks.counts.expediteOverdue}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('case.reference')}</Table.Th>
              <Table.Th scope="col">{t('today.deadline')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tasks.expediteOverdue.map((task) => (
              <Table.Tr key={task.requestId}>
                <Table.Td>
                  <CaseLink reference={task.caseReference} />
                </Table.Td>
                <Table.Td>{dateTime(task.deadlineAt)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Section>
      )}
    </Stack>
  );
}

/** Browser notifications for urgent alerts: asked for by a click, never on page load. */
function NotificationPermission() {
  const { t } = useTranslation();
  const [permission, setPermission] = useState(() => (typeof Notification === 'undefined' ? 'denied' : Notification.permission));
  if (permission !== 'default') return null;
  return (
    <Button size="xs" variant="default" onClick={() => void Notification.requestPermission().then(setPermission)}>
      {t('today.allowNotifications')}
    </Button>
  );
}

/** The action queue: what waits for me now, most pressing first, kept live by the event stream. */
export function TodayPage() {
  const { t } = useTranslation();
  const { dateTime } = useFormat();
  const tasks = useTasks();
  return (
    <>
      <Group justify="space-between" mb="md">
        <Title order={1} size="h2">
          {t('today.title')}
        </Title>
        <NotificationPermission />
      </Group>
      <ProblemAlert error={tasks.error} onRetry={() => void tasks.refetch()} />
      {tasks.isPending && !tasks.error ? (
        <Skeleton height={240} />
      ) : tasks.data ? (
        <>
          <Text size="sm" c="dimmed" mb="sm">
            {t('today.total', { count: tasks.data.counts.total })} · {t('today.updated')} {dateTime(tasks.data.generatedAt)}
          </Text>
          <QueueSections tasks={tasks.data} />
        </>
      ) : null}
    </>
  );
}
