import { Button, Card, Group, NativeSelect, Skeleton, Stack, Table, Text, TextInput, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import {
  useAddLeg,
  useDecidePlan,
  useExitStay,
  useJourney,
  useLegEvent,
  useRecordStay,
  useRequestPlan,
  useWithdrawPlan,
  type MovementLeg,
  type RelocationPlan,
  type Stay,
} from '@console/features/cases/api/journey';
import { useProfile } from '@console/features/session/api/session-store';
import { ProblemAlert } from '@console/app/problems';
import { GeneralProblem, StatusBadge, todayIso, type Tone, useFormats, useFormProblem } from './tab-kit';

/** Stay-clock warnings: 21 days before the limit, then 7. */
export const STAY_WARNING_DAYS = 21;
export const STAY_URGENT_DAYS = 7;

const PLAN_TONE: Record<RelocationPlan['status'], Tone> = { REQUESTED: 'warn', APPROVED: 'ok', REJECTED: 'danger', WITHDRAWN: 'neutral' };
const LEG_TONE: Record<MovementLeg['status'], Tone> = { PLANNED: 'info', UNDERWAY: 'warn', COMPLETED: 'ok', ABORTED: 'neutral' };

/** The journey: relocation plans and their approval, movement legs, stays and the stay clock. */
export function JourneyTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const journey = useJourney(caseId);
  if (journey.error) return <ProblemAlert error={journey.error} />;
  if (!journey.data) return <Skeleton height={200} />;
  const { relocationPlans, legs, stays, currentStay } = journey.data;
  return (
    <Stack gap="lg">
      <section aria-labelledby="journey-stay">
        <Title order={3} size="h4" id="journey-stay" mb="xs">
          {t('caseTabs.journey.stayTitle')}
        </Title>
        {currentStay ? <StayClock stay={currentStay} /> : <Text c="dimmed">{t('caseTabs.journey.noCurrentStay')}</Text>}
      </section>
      <section aria-labelledby="journey-plans">
        <Title order={3} size="h4" id="journey-plans" mb="xs">
          {t('caseTabs.journey.plansTitle')}
        </Title>
        <PlanList caseId={caseId} plans={relocationPlans} />
        <PlanForm caseId={caseId} />
      </section>
      <section aria-labelledby="journey-legs">
        <Title order={3} size="h4" id="journey-legs" mb="xs">
          {t('caseTabs.journey.legsTitle')}
        </Title>
        <LegList caseId={caseId} legs={legs} />
        <LegForm caseId={caseId} />
      </section>
      <section aria-labelledby="journey-stays">
        <Title order={3} size="h4" id="journey-stays" mb="xs">
          {t('caseTabs.journey.staysTitle')}
        </Title>
        <StayList caseId={caseId} stays={stays} />
        <StayForm caseId={caseId} />
      </section>
    </Stack>
  );
}

/** Days used of the days allowed, as a bar, with the 21- and 7-day warnings. */
function StayClock({ stay }: { stay: Stay }) {
  const { t } = useTranslation();
  const formats = useFormats();
  if (stay.allowedDays === null || stay.daysRemaining === null) {
    return <Text>{t('caseTabs.journey.stayNoRule', { country: stay.hostCountry, since: formats.day(stay.entryDate) })}</Text>;
  }
  const used = Math.min(stay.allowedDays, Math.max(0, stay.allowedDays - stay.daysRemaining));
  const level = stay.daysRemaining <= STAY_URGENT_DAYS ? 'urgent' : stay.daysRemaining <= STAY_WARNING_DAYS ? 'warning' : 'ok';
  return (
    <Card withBorder padding="sm">
      <Text>{t('caseTabs.journey.stayIn', { country: stay.hostCountry, since: formats.day(stay.entryDate), last: formats.day(stay.lastAllowedDay) })}</Text>
      <progress
        className={`stay-clock stay-clock-${level}`}
        max={stay.allowedDays}
        value={used}
        aria-label={t('caseTabs.journey.stayBar', { used, allowed: stay.allowedDays })}
      />
      <Text size="sm">{t('caseTabs.journey.daysRemaining', { count: stay.daysRemaining })}</Text>
      {level !== 'ok' && (
        <Text role="status" fw={700} className={level === 'urgent' ? 'tab-text-danger' : 'tab-text-warn'}>
          {level === 'urgent' ? t('caseTabs.journey.stayUrgent', { count: STAY_URGENT_DAYS }) : t('caseTabs.journey.stayWarning', { count: STAY_WARNING_DAYS })}
        </Text>
      )}
    </Card>
  );
}

function PlanList({ caseId, plans }: { caseId: string; plans: RelocationPlan[] }) {
  const { t } = useTranslation();
  const formats = useFormats();
  // What I may do comes with my profile (GET /api/v1/me at sign-in); the server decides anyway.
  const profile = useProfile();
  const decide = useDecidePlan(caseId);
  const withdraw = useWithdrawPlan(caseId);
  const mayApprove = profile?.permissions.includes('journeys:approve') ?? false;
  if (plans.length === 0) return <Text c="dimmed">{t('caseTabs.journey.noPlans')}</Text>;
  return (
    <>
      <ProblemAlert error={decide.error ?? withdraw.error} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('caseTabs.journey.route')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.journey.plannedDeparture')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.journey.cost')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.journey.approval')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {plans.map((plan) => (
            <Table.Tr key={plan.id}>
              <Table.Td>{[plan.originCountry, plan.transitCountry, plan.destinationCountry].join(' → ')}</Table.Td>
              <Table.Td>{formats.day(plan.plannedDepartureDate)}</Table.Td>
              <Table.Td>{plan.estimatedCost ? formats.money(plan.estimatedCost.amountMinor, plan.estimatedCost.currency) : '—'}</Table.Td>
              <Table.Td>
                <StatusBadge tone={PLAN_TONE[plan.status]}>{t(`caseTabs.journey.planStatus.${plan.status}`)}</StatusBadge>
                <Text size="xs" c="dimmed">
                  {plan.decidedAt
                    ? t('caseTabs.journey.decidedAt', { at: formats.dateTime(plan.decidedAt) })
                    : t('caseTabs.journey.requestedAt', { at: formats.dateTime(plan.requestedAt) })}
                </Text>
              </Table.Td>
              <Table.Td>
                {plan.status === 'REQUESTED' && (
                  <Group gap="xs">
                    {mayApprove && (
                      <>
                        <Button size="xs" loading={decide.isPending} onClick={() => decide.mutate({ planId: plan.id, decision: 'APPROVE' })}>
                          {t('caseTabs.journey.approve')}
                        </Button>
                        <Button size="xs" variant="default" loading={decide.isPending} onClick={() => decide.mutate({ planId: plan.id, decision: 'REJECT' })}>
                          {t('caseTabs.journey.reject')}
                        </Button>
                      </>
                    )}
                    <Button size="xs" variant="subtle" loading={withdraw.isPending} onClick={() => withdraw.mutate(plan.id)}>
                      {t('caseTabs.journey.withdraw')}
                    </Button>
                  </Group>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

const PLAN_FIELDS = ['originCountry', 'transitCountry', 'destinationCountry', 'plannedDepartureDate', 'estimatedCostMinor', 'currency', 'notes'] as const;

/** Requests a coordinator's approval of a new plan. */
function PlanForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const request = useRequestPlan(caseId);
  const problem = useFormProblem(request.error, PLAN_FIELDS);
  const [form, setForm] = useState({
    originCountry: '',
    transitCountry: '',
    destinationCountry: '',
    plannedDepartureDate: '',
    cost: '',
    currency: '',
    notes: '',
  });
  const set = (key: keyof typeof form) => (event: { currentTarget: { value: string } }) => setForm({ ...form, [key]: event.currentTarget.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const cost = form.cost.trim() ? Math.round(Number(form.cost.replace(',', '.')) * 100) : undefined;
    request.mutate(
      {
        originCountry: form.originCountry.trim().toUpperCase(),
        transitCountry: form.transitCountry.trim().toUpperCase(),
        destinationCountry: form.destinationCountry.trim().toUpperCase(),
        ...(form.plannedDepartureDate ? { plannedDepartureDate: form.plannedDepartureDate } : {}),
        ...(cost !== undefined ? { estimatedCostMinor: cost, currency: form.currency.trim().toUpperCase() } : {}),
        ...(form.notes.trim() ? { notes: form.notes.trim() } : {}),
      },
      {
        onSuccess: () =>
          setForm({ originCountry: '', transitCountry: '', destinationCountry: '', plannedDepartureDate: '', cost: '', currency: '', notes: '' }),
      },
    );
  };
  return (
    <Card withBorder mt="sm" component="form" onSubmit={submit} aria-label={t('caseTabs.journey.requestPlan')}>
      <GeneralProblem message={problem.general} />
      <Group grow align="flex-start">
        <TextInput
          label={t('caseTabs.journey.origin')}
          required
          maxLength={2}
          value={form.originCountry}
          onChange={set('originCountry')}
          error={problem.field('originCountry')}
        />
        <TextInput
          label={t('caseTabs.journey.transit')}
          required
          maxLength={2}
          value={form.transitCountry}
          onChange={set('transitCountry')}
          error={problem.field('transitCountry')}
        />
        <TextInput
          label={t('caseTabs.journey.destination')}
          required
          maxLength={2}
          value={form.destinationCountry}
          onChange={set('destinationCountry')}
          error={problem.field('destinationCountry')}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t('caseTabs.journey.plannedDeparture')}
          value={form.plannedDepartureDate}
          onChange={set('plannedDepartureDate')}
          error={problem.field('plannedDepartureDate')}
        />
        <TextInput
          label={t('caseTabs.journey.cost')}
          inputMode="decimal"
          value={form.cost}
          onChange={set('cost')}
          error={problem.field('estimatedCostMinor')}
        />
        <TextInput label={t('caseTabs.journey.currency')} maxLength={3} value={form.currency} onChange={set('currency')} error={problem.field('currency')} />
      </Group>
      <Textarea label={t('caseTabs.journey.planNotes')} value={form.notes} onChange={set('notes')} error={problem.field('notes')} />
      <Group mt="sm">
        <Button type="submit" loading={request.isPending}>
          {t('caseTabs.journey.requestPlan')}
        </Button>
      </Group>
    </Card>
  );
}

function LegList({ caseId, legs }: { caseId: string; legs: MovementLeg[] }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const event = useLegEvent(caseId);
  if (legs.length === 0) return <Text c="dimmed">{t('caseTabs.journey.noLegs')}</Text>;
  return (
    <>
      <ProblemAlert error={event.error} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('caseTabs.journey.route')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.journey.mode')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.journey.legStatusTitle')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.journey.departure')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.journey.arrival')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {legs.map((leg) => (
            <Table.Tr key={leg.id}>
              <Table.Td>
                {leg.fromCountry} → {leg.toCountry}
              </Table.Td>
              <Table.Td>{t(`caseTabs.journey.modes.${leg.mode}`)}</Table.Td>
              <Table.Td>
                <StatusBadge tone={LEG_TONE[leg.status]}>{t(`caseTabs.journey.legStatus.${leg.status}`)}</StatusBadge>
              </Table.Td>
              <Table.Td>
                {leg.departedAt ? formats.dateTime(leg.departedAt) : t('caseTabs.journey.planned', { day: formats.day(leg.plannedDepartureDate) })}
              </Table.Td>
              <Table.Td>
                {leg.arrivedAt ? formats.dateTime(leg.arrivedAt) : t('caseTabs.journey.planned', { day: formats.day(leg.plannedArrivalDate) })}
              </Table.Td>
              <Table.Td>
                <Group gap="xs">
                  {leg.status === 'PLANNED' && (
                    <Button size="xs" loading={event.isPending} onClick={() => event.mutate({ legId: leg.id, event: 'departure' })}>
                      {t('caseTabs.journey.markDeparted')}
                    </Button>
                  )}
                  {leg.status === 'UNDERWAY' && (
                    <Button size="xs" loading={event.isPending} onClick={() => event.mutate({ legId: leg.id, event: 'arrival' })}>
                      {t('caseTabs.journey.markArrived')}
                    </Button>
                  )}
                  {(leg.status === 'PLANNED' || leg.status === 'UNDERWAY') && (
                    <Button size="xs" variant="default" loading={event.isPending} onClick={() => event.mutate({ legId: leg.id, event: 'abort' })}>
                      {t('caseTabs.journey.abort')}
                    </Button>
                  )}
                </Group>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

const LEG_FIELDS = ['fromCountry', 'toCountry', 'mode', 'plannedDepartureDate', 'plannedArrivalDate'] as const;
const MODES = ['LAND', 'AIR', 'SEA'] as const;

function LegForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const add = useAddLeg(caseId);
  const problem = useFormProblem(add.error, LEG_FIELDS);
  const empty = { fromCountry: '', toCountry: '', mode: 'LAND' as (typeof MODES)[number], plannedDepartureDate: '', plannedArrivalDate: '' };
  const [form, setForm] = useState(empty);
  const set = (key: keyof typeof form) => (event: { currentTarget: { value: string } }) => setForm({ ...form, [key]: event.currentTarget.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(
      {
        fromCountry: form.fromCountry.trim().toUpperCase(),
        toCountry: form.toCountry.trim().toUpperCase(),
        mode: form.mode,
        ...(form.plannedDepartureDate ? { plannedDepartureDate: form.plannedDepartureDate } : {}),
        ...(form.plannedArrivalDate ? { plannedArrivalDate: form.plannedArrivalDate } : {}),
      },
      { onSuccess: () => setForm(empty) },
    );
  };
  return (
    <Card withBorder mt="sm" component="form" onSubmit={submit} aria-label={t('caseTabs.journey.addLeg')}>
      <GeneralProblem message={problem.general} />
      <Group grow align="flex-start">
        <TextInput
          label={t('caseTabs.journey.from')}
          required
          maxLength={2}
          value={form.fromCountry}
          onChange={set('fromCountry')}
          error={problem.field('fromCountry')}
        />
        <TextInput
          label={t('caseTabs.journey.to')}
          required
          maxLength={2}
          value={form.toCountry}
          onChange={set('toCountry')}
          error={problem.field('toCountry')}
        />
        <NativeSelect
          label={t('caseTabs.journey.mode')}
          value={form.mode}
          onChange={set('mode')}
          error={problem.field('mode')}
          data={MODES.map((mode) => ({ value: mode, label: t(`caseTabs.journey.modes.${mode}`) }))}
        />
      </Group>
      <Group grow align="flex-start">
        <TextInput
          type="date"
          label={t('caseTabs.journey.plannedDeparture')}
          value={form.plannedDepartureDate}
          onChange={set('plannedDepartureDate')}
          error={problem.field('plannedDepartureDate')}
        />
        <TextInput
          type="date"
          label={t('caseTabs.journey.plannedArrival')}
          value={form.plannedArrivalDate}
          onChange={set('plannedArrivalDate')}
          error={problem.field('plannedArrivalDate')}
        />
      </Group>
      <Group mt="sm">
        <Button type="submit" loading={add.isPending}>
          {t('caseTabs.journey.addLeg')}
        </Button>
      </Group>
    </Card>
  );
}

function StayList({ caseId, stays }: { caseId: string; stays: Stay[] }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const exit = useExitStay(caseId);
  if (stays.length === 0) return <Text c="dimmed">{t('caseTabs.journey.noStays')}</Text>;
  return (
    <>
      <ProblemAlert error={exit.error} />
      <Table>
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('caseTabs.journey.hostCountry')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.journey.entryDate')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.journey.allowedDays')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.journey.lastAllowedDay')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.journey.exitDate')}</Table.Th>
            <Table.Th scope="col">{t('caseTabs.actions')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {stays.map((stay) => (
            <Table.Tr key={stay.id}>
              <Table.Td>{stay.hostCountry}</Table.Td>
              <Table.Td>{formats.day(stay.entryDate)}</Table.Td>
              <Table.Td>{stay.allowedDays === null ? '—' : formats.number(stay.allowedDays)}</Table.Td>
              <Table.Td>{formats.day(stay.lastAllowedDay)}</Table.Td>
              <Table.Td>{formats.day(stay.exitDate)}</Table.Td>
              <Table.Td>
                {!stay.exitDate && (
                  <Button size="xs" variant="default" loading={exit.isPending} onClick={() => exit.mutate({ stayId: stay.id, exitDate: todayIso() })}>
                    {t('caseTabs.journey.exitToday')}
                  </Button>
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  );
}

const STAY_FIELDS = ['hostCountry', 'entryDate', 'accommodationType', 'accommodationLocation'] as const;
const ACCOMMODATION = ['SAFE_HOUSE', 'PARTNER_SHELTER', 'RENTED', 'OTHER'] as const;

function StayForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const record = useRecordStay(caseId);
  const problem = useFormProblem(record.error, STAY_FIELDS);
  const empty = { hostCountry: '', entryDate: '', accommodationType: '', accommodationLocation: '' };
  const [form, setForm] = useState(empty);
  const set = (key: keyof typeof form) => (event: { currentTarget: { value: string } }) => setForm({ ...form, [key]: event.currentTarget.value });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const type = ACCOMMODATION.find((value) => value === form.accommodationType);
    record.mutate(
      {
        hostCountry: form.hostCountry.trim().toUpperCase(),
        entryDate: form.entryDate,
        ...(type ? { accommodationType: type } : {}),
        ...(form.accommodationLocation.trim() ? { accommodationLocation: form.accommodationLocation.trim() } : {}),
      },
      { onSuccess: () => setForm(empty) },
    );
  };
  return (
    <Card withBorder mt="sm" component="form" onSubmit={submit} aria-label={t('caseTabs.journey.recordStay')}>
      <GeneralProblem message={problem.general} />
      <Group grow align="flex-start">
        <TextInput
          label={t('caseTabs.journey.hostCountry')}
          required
          maxLength={2}
          value={form.hostCountry}
          onChange={set('hostCountry')}
          error={problem.field('hostCountry')}
        />
        <TextInput
          type="date"
          label={t('caseTabs.journey.entryDate')}
          required
          value={form.entryDate}
          onChange={set('entryDate')}
          error={problem.field('entryDate')}
        />
        <NativeSelect
          label={t('caseTabs.journey.accommodation')}
          value={form.accommodationType}
          onChange={set('accommodationType')}
          error={problem.field('accommodationType')}
          data={[{ value: '', label: '—' }, ...ACCOMMODATION.map((value) => ({ value, label: t(`caseTabs.journey.accommodationTypes.${value}`) }))]}
        />
      </Group>
      <TextInput
        label={t('caseTabs.journey.accommodationLocation')}
        value={form.accommodationLocation}
        onChange={set('accommodationLocation')}
        error={problem.field('accommodationLocation')}
      />
      <Group mt="sm">
        <Button type="submit" loading={record.isPending}>
          {t('caseTabs.journey.recordStay')}
        </Button>
      </Group>
    </Card>
  );
}
