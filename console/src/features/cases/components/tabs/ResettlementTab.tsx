import { Button, Card, Checkbox, Group, NativeSelect, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useAddMilestone,
  useOpenApplication,
  useRequestSubmission,
  useResettlement,
  useSetApplicationStatus,
  useSetChecklistItem,
  type NewApplication,
  type NewMilestone,
  type ResettlementApplication,
  type ResettlementStatus,
} from '@console/features/cases/api/resettlement';
import { ProblemAlert } from '@console/app/problems';
import { GeneralProblem, humanize, StatusBadge, useFormats, useFormProblem } from './tab-kit';

const PATHWAYS: ReadonlyArray<NewApplication['pathway']> = ['UNHCR_REFERRAL', 'STATE_PROGRAM', 'PRIVATE_SPONSORSHIP', 'EMERGENCY_VISA'];
const MILESTONES: ReadonlyArray<NewMilestone['type']> = [
  'REFERRAL_SENT',
  'INTERVIEW_SCHEDULED',
  'INTERVIEW_HELD',
  'MEDICAL_EXAM',
  'SECURITY_CLEARANCE',
  'DECISION_RECEIVED',
  'VISA_ISSUED',
  'FLIGHT_BOOKED',
  'OTHER',
];
/** Statuses set directly (SUBMITTED comes only through an approved submission request). */
const SETTABLE: ReadonlyArray<ResettlementStatus['status']> = ['PREPARING', 'INTERVIEW', 'ACCEPTED', 'DENIED', 'DEFERRED', 'DEPARTURE_ARRANGED'];
const NEXT_STEPS: ReadonlyArray<NonNullable<ResettlementStatus['nextStep']>> = ['ANOTHER_PATHWAY', 'APPEAL'];

/** Resettlement applications: status, milestones, the document checklist and the submission request. */
export function ResettlementTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const applications = useResettlement(caseId);
  if (applications.error) return <ProblemAlert error={applications.error} />;
  if (!applications.data) return <Skeleton height={160} />;
  return (
    <Stack gap="lg">
      {applications.data.length === 0 && <Text c="dimmed">{t('caseTabs.resettlement.none')}</Text>}
      {applications.data.map((application) => (
        <ApplicationCard key={application.id} caseId={caseId} application={application} />
      ))}
      <ApplicationForm caseId={caseId} />
    </Stack>
  );
}

function ApplicationCard({ caseId, application }: { caseId: string; application: ResettlementApplication }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const request = useRequestSubmission(caseId);
  const checklist = useSetChecklistItem(caseId);
  const headingId = `application-${application.id}`;
  const { submission } = application;
  return (
    <Card withBorder component="article" aria-labelledby={headingId}>
      <Group justify="space-between">
        <Title order={3} size="h4" id={headingId}>
          {t('caseTabs.resettlement.heading', { country: application.destinationCountry, pathway: t(`caseTabs.resettlement.pathways.${application.pathway}`) })}
        </Title>
        <StatusBadge tone="info">{t(`caseTabs.resettlement.statuses.${application.status}`)}</StatusBadge>
      </Group>
      {application.sponsoringBody && <Text size="sm">{t('caseTabs.resettlement.sponsor', { name: application.sponsoringBody })}</Text>}
      {application.nextStep && (
        <Text size="sm">{t('caseTabs.resettlement.nextStepIs', { step: t(`caseTabs.resettlement.nextSteps.${application.nextStep}`) })}</Text>
      )}

      <Title order={4} size="h5" mt="md">
        {t('caseTabs.resettlement.submission')}
      </Title>
      <ProblemAlert error={request.error} />
      <Text size="sm">
        {submission.approvedAt
          ? t('caseTabs.resettlement.submissionApproved', { at: formats.dateTime(submission.approvedAt) })
          : submission.requestedAt
            ? t('caseTabs.resettlement.submissionRequested', { at: formats.dateTime(submission.requestedAt) })
            : t('caseTabs.resettlement.submissionNotRequested')}
      </Text>
      {application.status === 'PREPARING' && !submission.requestedAt && (
        <Button mt="xs" size="xs" loading={request.isPending} onClick={() => request.mutate(application.id)}>
          {t('caseTabs.resettlement.requestSubmission')}
        </Button>
      )}

      <Title order={4} size="h5" mt="md">
        {t('caseTabs.resettlement.documents')}
      </Title>
      <ProblemAlert error={checklist.error} />
      <Stack gap={4} mt="xs">
        {application.documents.map((entry) => (
          <Checkbox
            key={entry.item}
            label={t(`caseTabs.resettlement.items.${entry.item}`, { defaultValue: humanize(entry.item) })}
            // While the change is on its way the box shows it (TanStack's optimistic-by-variables pattern).
            checked={checklist.isPending && checklist.variables.item === entry.item ? checklist.variables.status === 'OBTAINED' : entry.status === 'OBTAINED'}
            disabled={checklist.isPending}
            onChange={(event) =>
              checklist.mutate({ applicationId: application.id, item: entry.item, status: event.currentTarget.checked ? 'OBTAINED' : 'PENDING' })
            }
          />
        ))}
      </Stack>

      <Title order={4} size="h5" mt="md">
        {t('caseTabs.resettlement.milestones')}
      </Title>
      {application.milestones.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('caseTabs.resettlement.noMilestones')}
        </Text>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('caseTabs.resettlement.milestoneDate')}</Table.Th>
              <Table.Th scope="col">{t('caseTabs.resettlement.milestoneType')}</Table.Th>
              <Table.Th scope="col">{t('caseTabs.resettlement.milestoneNote')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {application.milestones.map((milestone) => (
              <Table.Tr key={milestone.id}>
                <Table.Td>{formats.day(milestone.date)}</Table.Td>
                <Table.Td>{t(`caseTabs.resettlement.milestoneTypes.${milestone.type}`)}</Table.Td>
                <Table.Td>{milestone.note ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      <MilestoneForm caseId={caseId} applicationId={application.id} />
      <StatusForm caseId={caseId} application={application} />
    </Card>
  );
}

function MilestoneForm({ caseId, applicationId }: { caseId: string; applicationId: string }) {
  const { t } = useTranslation();
  const add = useAddMilestone(caseId);
  const problem = useFormProblem(add.error, ['type', 'date', 'note']);
  const [type, setType] = useState<NewMilestone['type']>('REFERRAL_SENT');
  const [date, setDate] = useState('');
  const [note, setNote] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      { applicationId, body: { type, date, ...(note.trim() ? { note: note.trim() } : {}) } },
      {
        onSuccess: () => {
          setDate('');
          setNote('');
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('caseTabs.resettlement.addMilestone')}>
      <GeneralProblem message={problem.general} />
      <Group align="flex-end" mt="xs">
        <NativeSelect
          label={t('caseTabs.resettlement.milestoneType')}
          value={type}
          onChange={(event) => setType(MILESTONES.find((value) => value === event.currentTarget.value) ?? 'OTHER')}
          error={problem.field('type')}
          data={MILESTONES.map((value) => ({ value, label: t(`caseTabs.resettlement.milestoneTypes.${value}`) }))}
        />
        <TextInput
          type="date"
          label={t('caseTabs.resettlement.milestoneDate')}
          required
          value={date}
          onChange={(event) => setDate(event.currentTarget.value)}
          error={problem.field('date')}
        />
        <TextInput
          label={t('caseTabs.resettlement.milestoneNote')}
          value={note}
          onChange={(event) => setNote(event.currentTarget.value)}
          error={problem.field('note')}
        />
        <Button type="submit" variant="default" loading={add.isPending}>
          {t('caseTabs.resettlement.addMilestone')}
        </Button>
      </Group>
    </form>
  );
}

function StatusForm({ caseId, application }: { caseId: string; application: ResettlementApplication }) {
  const { t } = useTranslation();
  const setStatus = useSetApplicationStatus(caseId);
  const problem = useFormProblem(setStatus.error, ['status', 'nextStep']);
  const [status, setStatusValue] = useState<ResettlementStatus['status']>(application.status === 'SUBMITTED' ? 'INTERVIEW' : application.status);
  const [nextStep, setNextStep] = useState<ResettlementStatus['nextStep'] | ''>('');
  const needsNextStep = status === 'DENIED' || status === 'DEFERRED';
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setStatus.mutate({ applicationId: application.id, body: { status, ...(needsNextStep && nextStep ? { nextStep } : {}) } });
  };
  return (
    <form onSubmit={submit} aria-label={t('caseTabs.resettlement.changeStatus')}>
      <GeneralProblem message={problem.general} />
      <Group align="flex-end" mt="md">
        <NativeSelect
          label={t('caseTabs.resettlement.newStatus')}
          value={status}
          onChange={(event) => setStatusValue(SETTABLE.find((value) => value === event.currentTarget.value) ?? 'PREPARING')}
          error={problem.field('status')}
          data={SETTABLE.map((value) => ({ value, label: t(`caseTabs.resettlement.statuses.${value}`) }))}
        />
        {needsNextStep && (
          <NativeSelect
            label={t('caseTabs.resettlement.nextStep')}
            value={nextStep ?? ''}
            onChange={(event) => setNextStep(NEXT_STEPS.find((value) => value === event.currentTarget.value) ?? '')}
            error={problem.field('nextStep')}
            data={[{ value: '', label: '—' }, ...NEXT_STEPS.map((value) => ({ value, label: t(`caseTabs.resettlement.nextSteps.${value}`) }))]}
          />
        )}
        <Button type="submit" variant="default" loading={setStatus.isPending}>
          {t('caseTabs.resettlement.changeStatus')}
        </Button>
      </Group>
    </form>
  );
}

function ApplicationForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const open = useOpenApplication(caseId);
  const problem = useFormProblem(open.error, ['destinationCountry', 'pathway', 'sponsoringBody']);
  const [destinationCountry, setDestination] = useState('');
  const [pathway, setPathway] = useState<NewApplication['pathway']>('UNHCR_REFERRAL');
  const [sponsoringBody, setSponsor] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    open.mutate(
      { destinationCountry: destinationCountry.trim().toUpperCase(), pathway, ...(sponsoringBody.trim() ? { sponsoringBody: sponsoringBody.trim() } : {}) },
      {
        onSuccess: () => {
          setDestination('');
          setSponsor('');
        },
      },
    );
  };
  return (
    <Card withBorder component="form" onSubmit={submit} aria-labelledby="resettlement-new">
      <Title order={3} size="h4" id="resettlement-new" mb="xs">
        {t('caseTabs.resettlement.newTitle')}
      </Title>
      <GeneralProblem message={problem.general} />
      <Group grow align="flex-start">
        <TextInput
          label={t('caseTabs.resettlement.destination')}
          required
          maxLength={2}
          value={destinationCountry}
          onChange={(event) => setDestination(event.currentTarget.value)}
          error={problem.field('destinationCountry')}
        />
        <NativeSelect
          label={t('caseTabs.resettlement.pathway')}
          value={pathway}
          onChange={(event) => setPathway(PATHWAYS.find((value) => value === event.currentTarget.value) ?? 'UNHCR_REFERRAL')}
          error={problem.field('pathway')}
          data={PATHWAYS.map((value) => ({ value, label: t(`caseTabs.resettlement.pathways.${value}`) }))}
        />
        <TextInput
          label={t('caseTabs.resettlement.sponsoringBody')}
          value={sponsoringBody}
          onChange={(event) => setSponsor(event.currentTarget.value)}
          error={problem.field('sponsoringBody')}
        />
      </Group>
      <Group mt="sm">
        <Button type="submit" loading={open.isPending}>
          {t('caseTabs.resettlement.open')}
        </Button>
      </Group>
    </Card>
  );
}
