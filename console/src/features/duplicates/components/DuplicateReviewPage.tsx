import { Alert, Anchor, Badge, Button, Group, Paper, Radio, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Link, useParams } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '@console/app/problem-messages';
import { useDecideDuplicate, useDuplicatePair, type DuplicateOutcome, type DuplicateSide } from '../api/duplicates';

type Choice = '' | 'NOT_SAME' | `SAME:${string}`;

interface Row {
  label: string;
  values: [string, string];
  /** A field about the person: equal values are marked. */
  compared: boolean;
}

/** One side's groups as lines of text (absent groups — not shown to this role — are empty). */
function describe(side: DuplicateSide, t: (key: string) => string, dates: Intl.DateTimeFormat): Record<string, string> {
  const { identity, contact, documents = [], dependants = [] } = side.protected;
  const join = (parts: Array<string | null | undefined>) => parts.filter((part): part is string => Boolean(part && part.trim())).join(' · ');
  return {
    stage: t(`stage.${side.stage}`),
    priority: t(`priority.${side.priority}`),
    createdAt: dates.format(new Date(side.createdAt)),
    originCountry: side.originCountry,
    currentCountry: side.currentCountry ?? '',
    name: [identity?.givenName, identity?.patronymic, identity?.familyName].filter((part) => part && part.trim()).join(' '),
    aliases: (identity?.aliases ?? []).join(', '),
    dateOfBirth: identity?.dateOfBirth ?? '',
    gender: identity?.gender ?? '',
    channels: (contact?.channels ?? []).map((channel) => join([channel.type, channel.value])).join('\n'),
    safeContact: contact?.safeContactInstructions ?? '',
    documents: documents.map((document) => join([document.type, document.number, document.issuingCountry, document.expiresOn])).join('\n'),
    dependants: dependants
      .map((dependant) => join([`${dependant.givenName} ${dependant.familyName}`, dependant.relationship, dependant.dateOfBirth]))
      .join('\n'),
  };
}

/** Fields about the person (the rest describe the cases). */
const COMPARED = new Set<string>([
  'name',
  'aliases',
  'dateOfBirth',
  'gender',
  'channels',
  'safeContact',
  'documents',
  'dependants',
  'originCountry',
  'currentCountry',
]);
const FIELDS = [
  'name',
  'aliases',
  'dateOfBirth',
  'gender',
  'channels',
  'safeContact',
  'documents',
  'dependants',
  'originCountry',
  'currentCountry',
  'stage',
  'priority',
  'createdAt',
] as const;

/** Two cases side by side, and the decision: the same person (which case closes) or not. */
export function DuplicateReviewPage() {
  const { t, i18n } = useTranslation();
  const { ref, otherRef } = useParams({ from: '/app/cases/$ref/duplicates/$otherRef' });
  const pair = useDuplicatePair(ref, otherRef);
  const decide = useDecideDuplicate(ref, otherRef);
  const [choice, setChoice] = useState<Choice>('');
  const [outcome, setOutcome] = useState<DuplicateOutcome | null>(null);
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });

  const heading = (
    <Title order={1} size="h2" mb="md">
      {t('duplicates.title')}
    </Title>
  );
  if (outcome)
    return (
      <>
        {heading}
        <DuplicateDecided outcome={outcome} />
      </>
    );
  if (pair.error)
    return (
      <>
        {heading}
        <Alert color="red" role="alert">
          {problemMessage(t, pair.error)}
        </Alert>
      </>
    );
  if (!pair.data)
    return (
      <>
        {heading}
        <Skeleton height={240} />
      </>
    );

  const [first, second] = pair.data.cases;
  if (!first || !second) return heading;
  const a = describe(first, t, dates);
  const b = describe(second, t, dates);
  const rows: Row[] = FIELDS.map((field) => ({
    label: t(`duplicates.field.${field}`),
    values: [a[field] ?? '', b[field] ?? ''],
    compared: COMPARED.has(field),
  }));
  // The newer case usually closes as the duplicate of the older one.
  const newer = new Date(first.createdAt) > new Date(second.createdAt) ? first : second;
  const older = newer === first ? second : first;

  const submit = () => {
    if (choice === '') return;
    const body = choice === 'NOT_SAME' ? { decision: 'NOT_SAME' as const } : { decision: 'SAME_PERSON' as const, closeReference: choice.slice('SAME:'.length) };
    decide.mutate(body, { onSuccess: (result) => result && setOutcome(result) });
  };

  return (
    <>
      {heading}
      <Text mb="sm">{t('duplicates.intro')}</Text>
      <Group gap="xs" mb="md">
        <Text size="sm">{t('duplicates.reasons')}</Text>
        {pair.data.reasons.map((reason) => (
          <Badge key={reason} color={reason.startsWith('conflict:') ? 'gray' : 'orange'} variant="light">
            {reason}
          </Badge>
        ))}
      </Group>
      <Table.ScrollContainer minWidth={640}>
        <Table withTableBorder withColumnBorders captionSide="top">
          <Table.Caption>{t('duplicates.caption')}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('duplicates.field.label')}</Table.Th>
              {[first, second].map((side) => (
                <Table.Th key={side.reference} scope="col">
                  <Anchor ff="monospace" renderRoot={(props) => <Link {...props} to="/cases/$ref" params={{ ref: side.reference }} />}>
                    {side.reference}
                  </Anchor>
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => {
              const same = row.compared && row.values[0] !== '' && row.values[0] === row.values[1];
              return (
                <Table.Tr key={row.label}>
                  <Table.Th scope="row">
                    {row.label}
                    {same && (
                      <Badge ml="xs" size="xs" color="orange" variant="light">
                        {t('duplicates.same')}
                      </Badge>
                    )}
                  </Table.Th>
                  {row.values.map((value, index) => (
                    <Table.Td key={index} style={{ whiteSpace: 'pre-line' }}>
                      {value || '—'}
                    </Table.Td>
                  ))}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Stack mt="lg" maw={640}>
        <Radio.Group label={t('duplicates.decision')} value={choice} onChange={(value) => setChoice(value)}>
          <Stack mt="xs">
            <Radio value={`SAME:${newer.reference}`} label={`${t('duplicates.sameClose')} ${newer.reference} (${t('duplicates.newer')})`} />
            <Radio value={`SAME:${older.reference}`} label={`${t('duplicates.sameClose')} ${older.reference}`} />
            <Radio value="NOT_SAME" label={t('duplicates.notSame')} />
          </Stack>
        </Radio.Group>
        <Text size="sm" c="dimmed">
          {t('duplicates.final')}
        </Text>
        {decide.error && (
          <Alert color="red" role="alert">
            {problemMessage(t, decide.error)}
          </Alert>
        )}
        <Group>
          <Button onClick={submit} disabled={choice === ''} loading={decide.isPending}>
            {t('duplicates.record')}
          </Button>
        </Group>
      </Stack>
    </>
  );
}

function DuplicateDecided({ outcome }: { outcome: DuplicateOutcome }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" role="status">
      <Stack gap="xs">
        <Text fw={600}>{outcome.decision === 'SAME_PERSON' ? t('duplicates.decidedSame') : t('duplicates.decidedNotSame')}</Text>
        {outcome.cases.map((side) => (
          <Group key={side.reference} gap="xs">
            <Anchor ff="monospace" renderRoot={(props) => <Link {...props} to="/cases/$ref" params={{ ref: side.reference }} />}>
              {side.reference}
            </Anchor>
            <Text size="sm">{t(`stage.${side.stage}`)}</Text>
            {side.closureReason === 'DUPLICATE' && (
              <Badge color="gray" variant="light">
                {t('duplicates.closedAsDuplicate')}
              </Badge>
            )}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
