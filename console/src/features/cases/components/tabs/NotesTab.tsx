import { Button, Card, Group, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useAddNote, useNotes } from '@console/features/cases/api/notes';
import { ProblemAlert } from '@console/app/problems';
import { GeneralProblem, useFormats, useFormProblem } from './tab-kit';

/** The case's notes (sealed at rest; shown only to those who may read them) and a new note. */
export function NotesTab({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const formats = useFormats();
  const notes = useNotes(caseId);
  const add = useAddNote(caseId);
  const problem = useFormProblem(add.error, ['body']);
  const [body, setBody] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate(body.trim(), { onSuccess: () => setBody('') });
  };
  const items = notes.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <Stack gap="lg">
      <Card withBorder component="form" onSubmit={submit} aria-labelledby="notes-add">
        <Title order={3} size="h4" id="notes-add" mb="xs">
          {t('caseTabs.notes.addTitle')}
        </Title>
        <GeneralProblem message={problem.general} />
        <Textarea
          label={t('caseTabs.notes.body')}
          required
          autosize
          minRows={3}
          maxLength={8000}
          value={body}
          onChange={(event) => setBody(event.currentTarget.value)}
          error={problem.field('body')}
        />
        <Group mt="sm">
          <Button type="submit" loading={add.isPending} disabled={!body.trim()}>
            {t('caseTabs.notes.add')}
          </Button>
        </Group>
      </Card>
      <section aria-labelledby="notes-list">
        <Title order={3} size="h4" id="notes-list" mb="xs">
          {t('caseTabs.notes.listTitle')}
        </Title>
        <ProblemAlert error={notes.error} />
        {notes.isPending && <Skeleton height={80} />}
        {notes.data && items.length === 0 && <Text c="dimmed">{t('caseTabs.notes.none')}</Text>}
        <Stack gap="sm">
          {items.map((note) => (
            <Card key={note.id} withBorder padding="sm" component="article">
              <Text size="xs" c="dimmed">
                <time dateTime={note.createdAt}>{formats.dateTime(note.createdAt)}</time>
              </Text>
              <Text className="tab-note-body">{note.body}</Text>
            </Card>
          ))}
        </Stack>
        {notes.hasNextPage && (
          <Button mt="sm" variant="default" size="xs" loading={notes.isFetchingNextPage} onClick={() => void notes.fetchNextPage()}>
            {t('caseTabs.showMore')}
          </Button>
        )}
      </section>
    </Stack>
  );
}
