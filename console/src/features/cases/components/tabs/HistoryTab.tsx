import { Button, Skeleton, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCaseHistory, type HistoryEntry } from '@console/features/cases/api/history';
import { ProblemAlert } from '@console/app/problems';
import { humanize, useFormats } from './tab-kit';

/** The case's history timeline, newest pages loaded on demand (keyset). */
export function HistoryTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const history = useCaseHistory(caseId);
  const items = history.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="history-title">
      <Title order={3} size="h4" id="history-title" mb="xs">
        {t('caseTabs.history.title')}
      </Title>
      <ProblemAlert error={history.error} />
      {history.isPending && <Skeleton height={120} />}
      {history.data && items.length === 0 && <Text c="dimmed">{t('caseTabs.history.none')}</Text>}
      <ol className="tab-timeline">
        {items.map((entry, index) => (
          <HistoryItem key={`${entry.at}-${index}`} entry={entry} />
        ))}
      </ol>
      {history.hasNextPage && (
        <Button mt="sm" variant="default" size="xs" loading={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
          {t('caseTabs.showMore')}
        </Button>
      )}
    </section>
  );
}

function HistoryItem({ entry }: { entry: HistoryEntry }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const kind = t(`caseTabs.history.kinds.${entry.kind.replace(/\./g, '_')}`, { defaultValue: humanize(entry.kind) });
  const stage = (value: string | null) => (value ? t(`stage.${value}`, { defaultValue: value }) : '—');
  return (
    <li>
      <Text size="sm">
        <time dateTime={entry.at}>{formats.dateTime(entry.at)}</time> — <strong>{kind}</strong>
        {(entry.fromStage || entry.toStage) && ` (${stage(entry.fromStage)} → ${stage(entry.toStage)})`}
      </Text>
      <Text size="xs" c="dimmed">
        {t(`caseTabs.history.actors.${entry.actorType}`, { defaultValue: entry.actorType })}
      </Text>
    </li>
  );
}
