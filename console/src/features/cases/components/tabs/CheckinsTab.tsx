import { Button, Card, CopyButton, Group, NativeSelect, PasswordInput, Skeleton, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { TotpQrCode } from '@console/features/session/components/TotpQrCode';
import {
  useCheckinHistory,
  useIssueLink,
  useRecordCheckin,
  useSchedule,
  useSetPins,
  type IssuedLink,
  type LinkKind,
  type NewCheckin,
} from '@console/features/cases/api/checkins';
import { ProblemAlert } from '@console/app/problems';
import { GeneralProblem, humanize, StatusBadge, useFormats, useFormProblem } from './tab-kit';

/** Check-ins: the schedule and next due time, the history, a staff check-in, the PINs and one-time links. */
export function CheckinsTab({ caseId }: { caseId: string }) {
  return (
    <Stack gap="lg">
      <ScheduleCard caseId={caseId} />
      <RecordCheckinForm caseId={caseId} />
      <LinksCard caseId={caseId} />
      <PinsForm caseId={caseId} />
      <CheckinHistory caseId={caseId} />
    </Stack>
  );
}

function ScheduleCard({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const schedule = useSchedule(caseId);
  if (schedule.error) return <ProblemAlert error={schedule.error} />;
  if (!schedule.data) return <Skeleton height={80} />;
  const { dueAt, lastCheckinAt, intervalMinutes, status } = schedule.data;
  const overdue = dueAt !== null && new Date(dueAt).getTime() < Date.now();
  return (
    <section aria-labelledby="checkins-schedule">
      <Title order={3} size="h4" id="checkins-schedule" mb="xs">
        {t('caseTabs.checkins.scheduleTitle')}
      </Title>
      <Card withBorder padding="sm">
        <Group gap="xl">
          <div>
            <Text size="sm" c="dimmed">
              {t('caseTabs.checkins.nextDue')}
            </Text>
            <Group gap="xs">
              <Text fw={700}>{dueAt ? formats.dateTime(dueAt) : t('caseTabs.checkins.notScheduled')}</Text>
              {overdue && <StatusBadge tone="danger">{t('caseTabs.checkins.overdue')}</StatusBadge>}
            </Group>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('caseTabs.checkins.lastCheckin')}
            </Text>
            <Text>{formats.dateTime(lastCheckinAt)}</Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('caseTabs.checkins.interval')}
            </Text>
            <Text>{intervalMinutes === null ? '—' : t('caseTabs.checkins.everyHours', { count: Math.round(intervalMinutes / 60) })}</Text>
          </div>
          <div>
            <Text size="sm" c="dimmed">
              {t('caseTabs.checkins.scheduleStatus')}
            </Text>
            <Text>{t(`caseTabs.checkins.scheduleStatuses.${status}`, { defaultValue: humanize(status) })}</Text>
          </div>
        </Group>
      </Card>
    </section>
  );
}

const CHANNELS = ['CALL', 'VISIT', 'MESSAGE'] as const;

function RecordCheckinForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const record = useRecordCheckin(caseId);
  const problem = useFormProblem(record.error, ['channel', 'note']);
  const [channel, setChannel] = useState<NewCheckin['channel']>('CALL');
  const [note, setNote] = useState('');
  const [done, setDone] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setDone(false);
    record.mutate(
      { channel, ...(note.trim() ? { note: note.trim() } : {}) },
      {
        onSuccess: () => {
          setNote('');
          setDone(true);
        },
      },
    );
  };
  return (
    <section aria-labelledby="checkins-record">
      <Title order={3} size="h4" id="checkins-record" mb="xs">
        {t('caseTabs.checkins.recordTitle')}
      </Title>
      <Card withBorder component="form" onSubmit={submit} aria-labelledby="checkins-record">
        <GeneralProblem message={problem.general} />
        <Group grow align="flex-start">
          <NativeSelect
            label={t('caseTabs.checkins.channel')}
            value={channel}
            onChange={(event) => setChannel(CHANNELS.find((value) => value === event.currentTarget.value) ?? 'CALL')}
            error={problem.field('channel')}
            data={CHANNELS.map((value) => ({ value, label: t(`caseTabs.checkins.channels.${value}`) }))}
          />
        </Group>
        <Textarea label={t('caseTabs.checkins.note')} value={note} onChange={(event) => setNote(event.currentTarget.value)} error={problem.field('note')} />
        <Group mt="sm">
          <Button type="submit" loading={record.isPending}>
            {t('caseTabs.checkins.record')}
          </Button>
          {done && <Text role="status">{t('caseTabs.checkins.recorded')}</Text>}
        </Group>
      </Card>
    </section>
  );
}

/** One-time links: shown once, never stored; copied or scanned from a QR code drawn here. */
function LinksCard({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const issue = useIssueLink(caseId);
  const [issued, setIssued] = useState<IssuedLink | null>(null);
  const run = (kind: LinkKind) => {
    setIssued(null);
    issue.mutate(kind, { onSuccess: setIssued });
  };
  return (
    <section aria-labelledby="checkins-links">
      <Title order={3} size="h4" id="checkins-links" mb="xs">
        {t('caseTabs.checkins.linksTitle')}
      </Title>
      <Card withBorder padding="sm">
        <Text size="sm" mb="sm">
          {t('caseTabs.checkins.linksHelp')}
        </Text>
        <ProblemAlert error={issue.error} />
        <Group>
          <Button loading={issue.isPending} onClick={() => run('CHECKIN')}>
            {t('caseTabs.checkins.issueCheckinLink')}
          </Button>
          <Button variant="default" loading={issue.isPending} onClick={() => run('ENROL')}>
            {t('caseTabs.checkins.issueEnrolLink')}
          </Button>
        </Group>
        {issued && <IssuedLinkView link={issued} />}
      </Card>
    </section>
  );
}

function IssuedLinkView({ link }: { link: IssuedLink }) {
  const { t } = useTranslation();
  const formats = useFormats();
  return (
    <Group mt="md" align="flex-start">
      <TotpQrCode uri={link.url} label={t('caseTabs.checkins.qrLabel')} />
      <Stack gap="xs">
        <Text fw={700}>{link.kind === 'ENROL' ? t('caseTabs.checkins.enrolLinkIssued') : t('caseTabs.checkins.checkinLinkIssued')}</Text>
        <TextInput label={t('caseTabs.checkins.link')} value={link.url} readOnly />
        <CopyButton value={link.url}>
          {({ copied, copy }) => (
            <Button variant="default" onClick={copy}>
              {copied ? t('caseTabs.checkins.copied') : t('caseTabs.checkins.copy')}
            </Button>
          )}
        </CopyButton>
        <Text size="sm">{t('caseTabs.checkins.expires', { at: formats.dateTime(link.expiresAt) })}</Text>
        <Text size="sm" c="dimmed">
          {t('caseTabs.checkins.shownOnce')}
        </Text>
      </Stack>
    </Group>
  );
}

/** Both PINs at once; the console never says which one a check-in used. */
function PinsForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const setPins = useSetPins(caseId);
  const problem = useFormProblem(setPins.error, ['safetyPin', 'duressPin']);
  const [safetyPin, setSafetyPin] = useState('');
  const [duressPin, setDuressPin] = useState('');
  const [saved, setSaved] = useState(false);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSaved(false);
    setPins.mutate(
      { safetyPin, duressPin },
      {
        onSuccess: () => {
          setSafetyPin('');
          setDuressPin('');
          setSaved(true);
        },
      },
    );
  };
  return (
    <section aria-labelledby="checkins-pins">
      <Title order={3} size="h4" id="checkins-pins" mb="xs">
        {t('caseTabs.checkins.pinsTitle')}
      </Title>
      <Card withBorder component="form" onSubmit={submit} aria-labelledby="checkins-pins" autoComplete="off">
        <Text size="sm" mb="sm">
          {t('caseTabs.checkins.pinsHelp')}
        </Text>
        <GeneralProblem message={problem.general} />
        <Group grow align="flex-start">
          <PasswordInput
            label={t('caseTabs.checkins.safetyPin')}
            inputMode="numeric"
            autoComplete="off"
            required
            value={safetyPin}
            onChange={(event) => setSafetyPin(event.currentTarget.value)}
            error={problem.field('safetyPin')}
          />
          <PasswordInput
            label={t('caseTabs.checkins.duressPin')}
            inputMode="numeric"
            autoComplete="off"
            required
            value={duressPin}
            onChange={(event) => setDuressPin(event.currentTarget.value)}
            error={problem.field('duressPin')}
          />
        </Group>
        <Group mt="sm">
          <Button type="submit" loading={setPins.isPending}>
            {t('caseTabs.checkins.savePins')}
          </Button>
          {saved && <Text role="status">{t('caseTabs.checkins.pinsSaved')}</Text>}
        </Group>
      </Card>
    </section>
  );
}

function CheckinHistory({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const page = useCheckinHistory(caseId, cursors[cursors.length - 1] ?? null);
  return (
    <section aria-labelledby="checkins-history">
      <Title order={3} size="h4" id="checkins-history" mb="xs">
        {t('caseTabs.checkins.historyTitle')}
      </Title>
      <ProblemAlert error={page.error} />
      {page.data && page.data.items.length === 0 && <Text c="dimmed">{t('caseTabs.checkins.noHistory')}</Text>}
      {page.data && page.data.items.length > 0 && (
        <Table aria-labelledby="checkins-history">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('caseTabs.checkins.when')}</Table.Th>
              <Table.Th scope="col">{t('caseTabs.checkins.channel')}</Table.Th>
              <Table.Th scope="col">{t('caseTabs.checkins.source')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.data.items.map((item) => (
              <Table.Tr key={item.id}>
                <Table.Td>{formats.dateTime(item.occurredAt)}</Table.Td>
                <Table.Td>{t(`caseTabs.checkins.channels.${item.channel}`)}</Table.Td>
                <Table.Td>{t(`caseTabs.checkins.sources.${item.source}`)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <Group mt="sm">
        <Button variant="default" size="xs" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('caseTabs.previous')}
        </Button>
        <Button
          variant="default"
          size="xs"
          disabled={!page.data?.nextCursor}
          onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}
        >
          {t('caseTabs.next')}
        </Button>
      </Group>
    </section>
  );
}
