import { Button, Card, Checkbox, Group, NativeSelect, Skeleton, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateShare, useRevokeShare, useShares, type Share, type SharedField, type SharePurpose } from '@console/features/cases/api/shares';
import { ProblemAlert } from '@console/app/problems';
import { GeneralProblem, StatusBadge, type Tone, useFormats, useFormProblem } from './tab-kit';

const FIELDS: readonly SharedField[] = [
  'firstName',
  'contactChannels',
  'city',
  'currentCountry',
  'needs',
  'dependantsCount',
  'stage',
  'priority',
  'nextCheckinDue',
];
const PURPOSES: readonly SharePurpose[] = ['SHELTER', 'TRANSIT_SUPPORT', 'CHECKINS', 'MEDICAL', 'DOCUMENTATION', 'LEGAL', 'RESETTLEMENT'];
const STATUS_TONE: Record<Share['status'], Tone> = { ACTIVE: 'ok', EXPIRED: 'neutral', REVOKED: 'danger' };

/** Partner shares: which fields each agency sees, until when; revoke; share with a new agency. */
export function SharesTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const shares = useShares(caseId);
  const revoke = useRevokeShare(caseId);
  return (
    <Stack gap="lg">
      <section aria-labelledby="shares-list">
        <Title order={3} size="h4" id="shares-list" mb="xs">
          {t('caseTabs.shares.listTitle')}
        </Title>
        <ProblemAlert error={shares.error ?? revoke.error} />
        {shares.isPending && <Skeleton height={80} />}
        {shares.data && shares.data.items.length === 0 && <Text c="dimmed">{t('caseTabs.shares.none')}</Text>}
        {shares.data && shares.data.items.length > 0 && (
          <Table aria-labelledby="shares-list">
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('caseTabs.shares.agency')}</Table.Th>
                <Table.Th scope="col">{t('caseTabs.shares.purpose')}</Table.Th>
                <Table.Th scope="col">{t('caseTabs.shares.fields')}</Table.Th>
                <Table.Th scope="col">{t('caseTabs.shares.expires')}</Table.Th>
                <Table.Th scope="col">{t('caseTabs.shares.status')}</Table.Th>
                <Table.Th scope="col">{t('caseTabs.actions')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shares.data.items.map((share) => (
                <Table.Tr key={share.id}>
                  <Table.Td>
                    <Text ff="monospace" size="xs">
                      {share.agencyId}
                    </Text>
                  </Table.Td>
                  <Table.Td>{t(`caseTabs.shares.purposes.${share.purpose}`)}</Table.Td>
                  <Table.Td>{share.fields.map((field) => t(`caseTabs.shares.fieldNames.${field}`)).join(', ')}</Table.Td>
                  <Table.Td>{formats.dateTime(share.expiresAt)}</Table.Td>
                  <Table.Td>
                    <StatusBadge tone={STATUS_TONE[share.status]}>{t(`caseTabs.shares.statuses.${share.status}`)}</StatusBadge>
                    {share.revokedAt && <Text size="xs">{formats.dateTime(share.revokedAt)}</Text>}
                  </Table.Td>
                  <Table.Td>
                    {share.status === 'ACTIVE' && (
                      <Button size="xs" color="red" variant="light" loading={revoke.isPending} onClick={() => revoke.mutate(share.id)}>
                        {t('caseTabs.shares.revoke')}
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )}
      </section>
      <ShareForm caseId={caseId} />
    </Stack>
  );
}

const SHARE_FIELDS = ['agencyId', 'fields', 'purpose', 'expiresAt'] as const;

function ShareForm({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const create = useCreateShare(caseId);
  const problem = useFormProblem(create.error, SHARE_FIELDS);
  const [agencyId, setAgencyId] = useState('');
  const [purpose, setPurpose] = useState<SharePurpose>('SHELTER');
  const [fields, setFields] = useState<SharedField[]>(['firstName']);
  const [expiresOn, setExpiresOn] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    create.mutate(
      { agencyId: agencyId.trim(), purpose, fields, expiresAt: expiresOn ? new Date(`${expiresOn}T23:59:00Z`).toISOString() : '' },
      {
        onSuccess: () => {
          setAgencyId('');
          setExpiresOn('');
        },
      },
    );
  };
  return (
    <Card withBorder component="form" onSubmit={submit} aria-labelledby="shares-new">
      <Title order={3} size="h4" id="shares-new" mb="xs">
        {t('caseTabs.shares.newTitle')}
      </Title>
      <GeneralProblem message={problem.general} />
      <Group grow align="flex-start">
        <TextInput
          label={t('caseTabs.shares.agencyId')}
          required
          value={agencyId}
          onChange={(event) => setAgencyId(event.currentTarget.value)}
          error={problem.field('agencyId')}
        />
        <NativeSelect
          label={t('caseTabs.shares.purpose')}
          value={purpose}
          onChange={(event) => setPurpose(PURPOSES.find((value) => value === event.currentTarget.value) ?? 'SHELTER')}
          error={problem.field('purpose')}
          data={PURPOSES.map((value) => ({ value, label: t(`caseTabs.shares.purposes.${value}`) }))}
        />
        <TextInput
          type="date"
          label={t('caseTabs.shares.expiresOn')}
          required
          value={expiresOn}
          onChange={(event) => setExpiresOn(event.currentTarget.value)}
          error={problem.field('expiresAt')}
        />
      </Group>
      <Checkbox.Group
        mt="sm"
        label={t('caseTabs.shares.fields')}
        value={fields}
        onChange={(value) => setFields(FIELDS.filter((field) => value.includes(field)))}
        error={problem.field('fields')}
      >
        <Group mt="xs">
          {FIELDS.map((field) => (
            <Checkbox key={field} value={field} label={t(`caseTabs.shares.fieldNames.${field}`)} />
          ))}
        </Group>
      </Checkbox.Group>
      <Group mt="sm">
        <Button type="submit" loading={create.isPending}>
          {t('caseTabs.shares.create')}
        </Button>
      </Group>
    </Card>
  );
}
