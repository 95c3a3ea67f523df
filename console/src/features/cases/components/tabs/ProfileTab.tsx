import { Alert, Button, VisuallyHidden, Card, Group, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '@console/app/problem-messages';
import { useCaseFile, type CaseFile } from '@console/features/cases/api/case-file';

type Group = CaseFile['access']['fieldGroups'][number];

/** A definition list of label → value, blank values left out. */
function Facts({ rows }: { rows: Array<[string, ReactNode]> }) {
  const shown = rows.filter(([, value]) => value !== undefined && value !== null && value !== '');
  if (shown.length === 0) return <Text size="sm">—</Text>;
  return (
    <dl style={{ margin: 0 }}>
      {shown.map(([label, value]) => (
        <div key={label}>
          <Text component="dt" size="sm" fw={600}>
            {label}
          </Text>
          <Text component="dd" size="sm" ml={0} mb="xs" style={{ whiteSpace: 'pre-line' }}>
            {value}
          </Text>
        </div>
      ))}
    </dl>
  );
}

/**
 * The case's protected fields, each group hidden until revealed (a glance over a shoulder sees
 * nothing); only the groups my role may see are in the answer at all.
 */
export function ProfileTab({ caseId }: { caseId: string }) {
  const { t, i18n } = useTranslation();
  const found = useCaseFile(caseId);
  const [revealed, setRevealed] = useState<ReadonlySet<Group>>(new Set());
  if (found.error)
    return (
      <Alert color="red" role="alert">
        {problemMessage(t, found.error)}
      </Alert>
    );
  if (!found.data) return <Skeleton height={160} />;
  const file = found.data;
  const p = file.protected;
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const yes = (value: boolean) => (value ? t('casePage.profile.yes') : t('casePage.profile.no'));

  const content: Partial<Record<Group, ReactNode>> = {
    identity: p.identity && (
      <Facts
        rows={[
          [t('intake.person.givenName'), p.identity.givenName],
          [t('intake.person.familyName'), p.identity.familyName],
          [t('intake.person.patronymic'), p.identity.patronymic],
          [t('intake.person.aliases'), p.identity.aliases?.join(', ')],
          [t('intake.person.dateOfBirth'), p.identity.dateOfBirth],
          [t('intake.person.gender'), p.identity.gender],
        ]}
      />
    ),
    contact: p.contact && (
      <Facts
        rows={[
          [
            t('casePage.profile.channels'),
            p.contact.channels.map((channel) => `${t(`intake.channel.${channel.type}`, { defaultValue: channel.type })}: ${channel.value}`).join('\n'),
          ],
          [t('intake.contact.safeContactInstructions'), p.contact.safeContactInstructions],
        ]}
      />
    ),
    location: p.location && (
      <Facts
        rows={[
          [t('intake.location.city'), p.location.city],
          [t('intake.location.address'), p.location.address],
          [t('intake.location.safeHouse'), p.location.safeHouse],
        ]}
      />
    ),
    narrative: p.narrative !== undefined && <Facts rows={[[t('intake.narrative'), p.narrative]]} />,
    sogiesc: p.sogiesc && (
      <Facts
        rows={[
          [t('intake.sogiesc.sexualOrientation'), p.sogiesc.sexualOrientation],
          [t('intake.sogiesc.genderIdentity'), p.sogiesc.genderIdentity],
          [t('intake.sogiesc.genderExpression'), p.sogiesc.genderExpression],
          [t('intake.sogiesc.sexCharacteristics'), p.sogiesc.sexCharacteristics],
          [t('intake.sogiesc.notes'), p.sogiesc.notes],
        ]}
      />
    ),
    health: p.health !== undefined && <Facts rows={[[t('intake.healthNeeds'), p.health]]} />,
    documents: p.documents && (
      <Facts
        rows={p.documents.map((d, i) => [
          `${t('intake.documents.type')} ${i + 1}`,
          [d.type, d.number, d.issuingCountry, d.expiresOn].filter(Boolean).join(' · '),
        ])}
      />
    ),
    dependants: p.dependants && (
      <Facts
        rows={p.dependants.map((d, i) => [
          `${t('intake.dependants.legend')} ${i + 1}`,
          [`${d.givenName} ${d.familyName}`, d.relationship, d.dateOfBirth].filter(Boolean).join(' · '),
        ])}
      />
    ),
  };

  const toggle = (group: Group) => {
    const next = new Set(revealed);
    if (next.has(group)) next.delete(group);
    else next.add(group);
    setRevealed(next);
  };

  return (
    <Stack>
      <Card withBorder padding="sm">
        <Title order={2} size="h5" mb="xs">
          {t('casePage.profile.case')}
        </Title>
        <Table variant="vertical" layout="fixed" withTableBorder={false}>
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={220}>{t('case.origin')}</Table.Th>
              <Table.Td>{file.originCountry}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('case.current')}</Table.Th>
              <Table.Td>{file.currentCountry ?? '—'}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('casePage.profile.verification')}</Table.Th>
              <Table.Td>{t(`casePage.verification.${file.verification}`, { defaultValue: file.verification })}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('casePage.profile.consent')}</Table.Th>
              <Table.Td>
                {t('intake.consent.services')}: {yes(file.consent.services)} · {t('intake.consent.sharing')}: {yes(file.consent.sharing)} ·{' '}
                {t('intake.consent.resettlement')}: {yes(file.consent.resettlement)}
                {file.consent.method && ` · ${t(`intake.consentMethod.${file.consent.method}`, { defaultValue: file.consent.method })}`}
                {file.consent.obtainedAt && ` · ${dates.format(new Date(file.consent.obtainedAt))}`}
              </Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>{t('casePage.profile.opened')}</Table.Th>
              <Table.Td>{dates.format(new Date(file.createdAt))}</Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Card>
      <Text size="sm" c="dimmed">
        {t('casePage.profile.protectedHint')}
      </Text>
      <div className="form-grid">
        {file.access.fieldGroups.map((group) => {
          const open = revealed.has(group);
          const panelId = `profile-group-${group}`;
          return (
            <Card key={group} withBorder padding="sm" component="section" aria-labelledby={`${panelId}-title`}>
              <Group justify="space-between" mb="xs">
                <Title order={2} size="h5" id={`${panelId}-title`}>
                  {t(`casePage.group.${group}`)}
                </Title>
                {group !== 'notes' && (
                  <Button size="compact-xs" variant="light" aria-expanded={open} aria-controls={panelId} onClick={() => toggle(group)}>
                    {open ? t('casePage.profile.hide') : t('casePage.profile.reveal')}
                    <VisuallyHidden> {t(`casePage.group.${group}`)}</VisuallyHidden>
                  </Button>
                )}
              </Group>
              <div id={panelId}>
                {group === 'notes' ? (
                  <Text size="sm" c="dimmed">
                    {t('casePage.profile.notesElsewhere')}
                  </Text>
                ) : open ? (
                  (content[group] ?? <Text size="sm">—</Text>)
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('casePage.profile.hidden')}
                  </Text>
                )}
              </div>
            </Card>
          );
        })}
      </div>
    </Stack>
  );
}
