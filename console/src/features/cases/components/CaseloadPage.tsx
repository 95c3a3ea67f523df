import { Alert, Anchor, Badge, Button, Group, Skeleton, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '@console/app/problem-messages';
import { MaskedName } from '@console/features/masking/components/MaskedName';
import { MaskNamesSwitch } from '@console/features/masking/components/MaskNamesSwitch';
import { useCaseload, type CaseListItem, type CaseloadFilters as Filters } from '../api/cases';
import { CaseloadFilters } from './CaseloadFilters';
import { StageBadge } from './StageBadge';

const NO_FILTERS: Filters = { stage: null, priority: null, checkinOverdue: false, name: '' };

/** My caseload: a keyset-paged table of the cases assigned to me, with filters and name search. */
export function CaseloadPage() {
  const { t } = useTranslation();
  const [filters, setFilters] = useState<Filters>(NO_FILTERS);
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useCaseload(filters, cursor);
  const changeFilters = (next: Filters) => {
    setFilters(next);
    setCursors([null]);
  };
  return (
    <>
      <Title order={1} size="h2" mb="md">
        {t('caseload.title')}
      </Title>
      <CaseloadFilters value={filters} onChange={changeFilters} />
      <Group mb="md">
        <MaskNamesSwitch />
      </Group>
      {page.error && (
        <Alert color="red" role="alert" mb="md">
          {problemMessage(t, page.error)}
        </Alert>
      )}
      {page.isPending ? (
        <Skeleton height={200} />
      ) : (
        <Table.ScrollContainer minWidth={760}>
          <Table striped highlightOnHover captionSide="top">
            <Table.Caption>{t('caseload.caption', { count: page.data?.items.length ?? 0 })}</Table.Caption>
            <Table.Thead>
              <Table.Tr>
                <Table.Th scope="col">{t('case.name')}</Table.Th>
                <Table.Th scope="col">{t('case.reference')}</Table.Th>
                <Table.Th scope="col">{t('case.priority')}</Table.Th>
                <Table.Th scope="col">{t('case.stage')}</Table.Th>
                <Table.Th scope="col">{t('case.nextCheckin')}</Table.Th>
                <Table.Th scope="col">{t('case.openEscalations')}</Table.Th>
                <Table.Th scope="col">{t('case.daysLeft')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {page.data?.items.map((row) => (
                <CaseRow key={row.reference} row={row} />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <Group mt="md">
        <Button variant="default" disabled={cursors.length < 2} onClick={() => setCursors(cursors.slice(0, -1))}>
          {t('caseload.previous')}
        </Button>
        <Button variant="default" disabled={!page.data?.nextCursor} onClick={() => page.data?.nextCursor && setCursors([...cursors, page.data.nextCursor])}>
          {t('caseload.next')}
        </Button>
      </Group>
    </>
  );
}

function CaseRow({ row }: { row: CaseListItem }) {
  const { t, i18n } = useTranslation();
  const dates = new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short' });
  const name = row.name ? [row.name.givenName, row.name.familyName].join(' ') : t('case.nameHidden');
  return (
    <Table.Tr>
      <Table.Td>{row.name ? <MaskedName name={name} reference={row.reference} /> : name}</Table.Td>
      <Table.Td>
        <Anchor ff="monospace" renderRoot={(props) => <Link {...props} to="/cases/$ref" params={{ ref: row.reference }} />}>
          {row.reference}
        </Anchor>
        {row.possibleDuplicate && (
          <Badge ml="xs" color="orange" variant="light">
            {t('case.possibleDuplicate')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>{t(`priority.${row.priority}`)}</Table.Td>
      <Table.Td>
        <StageBadge stage={row.stage} />
      </Table.Td>
      <Table.Td>
        {row.nextCheckin ? (
          <Text size="sm" c={row.nextCheckin.overdue ? 'red.9' : undefined} fw={row.nextCheckin.overdue ? 700 : undefined}>
            {dates.format(new Date(row.nextCheckin.dueAt))}
            {row.nextCheckin.overdue && ` · ${t('case.overdue')}`}
          </Text>
        ) : (
          '—'
        )}
      </Table.Td>
      <Table.Td>{row.openEscalations > 0 ? <Badge color="red">{row.openEscalations}</Badge> : '0'}</Table.Td>
      <Table.Td>{row.stay?.daysLeft != null ? t('case.days', { count: row.stay.daysLeft }) : '—'}</Table.Td>
    </Table.Tr>
  );
}
