import { Alert, Anchor, Badge, Button, Group, Skeleton, Table, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '@console/app/problem-messages';
import { useCaseload } from '../api/cases';
import { StageBadge } from './StageBadge';

export function CaseloadPage() {
  const { t } = useTranslation();
  const [cursors, setCursors] = useState<Array<string | null>>([null]);
  const cursor = cursors[cursors.length - 1] ?? null;
  const page = useCaseload(cursor);
  return (
    <>
      <Title order={1} size="h2" mb="md">
        {t('caseload.title')}
      </Title>
      {page.error && (
        <Alert color="red" role="alert">
          {problemMessage(t, page.error)}
        </Alert>
      )}
      {page.isPending ? (
        <Skeleton height={200} />
      ) : (
        <Table striped highlightOnHover captionSide="top">
          <Table.Caption>{t('caseload.caption', { count: page.data?.items.length ?? 0 })}</Table.Caption>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('case.reference')}</Table.Th>
              <Table.Th scope="col">{t('case.priority')}</Table.Th>
              <Table.Th scope="col">{t('case.stage')}</Table.Th>
              <Table.Th scope="col">{t('case.origin')}</Table.Th>
              <Table.Th scope="col">{t('case.current')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {page.data?.items.map((row) => (
              <Table.Tr key={row.reference}>
                <Table.Td>
                  <Anchor renderRoot={(props) => <Link {...props} to="/cases/$ref" params={{ ref: row.reference }} />}>
                    {row.reference}
                  </Anchor>
                  {row.possibleDuplicate && (
                    <Badge ml="xs" color="orange" variant="light">
                      {t('case.possibleDuplicate')}
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>{t(`priority.${row.priority}`, { defaultValue: row.priority })}</Table.Td>
                <Table.Td>
                  <StageBadge stage={row.stage} />
                </Table.Td>
                <Table.Td>{row.originCountry}</Table.Td>
                <Table.Td>{row.currentCountry ?? '—'}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
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
