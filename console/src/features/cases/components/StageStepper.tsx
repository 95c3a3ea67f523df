import { Alert, Badge, VisuallyHidden, Button, Card, Group, List, NativeSelect, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '@console/app/problem-messages';
import { CLOSURE_REASONS, STAGE_PATH, useTransition, type CaseFile, type ClosureReason, type TransitionBody, type TransitionOption } from '../api/case-file';

/**
 * Where the case stands on its path, and each move open from here with what it still lacks (the
 * server's unmet guards); an allowed move is made here.
 */
export function StageStepper({ file }: { file: CaseFile }) {
  const { t } = useTranslation();
  const current = STAGE_PATH.indexOf(file.stage as (typeof STAGE_PATH)[number]);
  return (
    <section aria-labelledby="stage-heading">
      <Title order={2} size="h4" id="stage-heading" mb="xs">
        {t('casePage.stages')}
      </Title>
      <Group component="ol" gap="xs" aria-label={t('casePage.path')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
        {STAGE_PATH.map((stage, index) => {
          const state = file.stage === 'CLOSED' ? 'later' : index < current ? 'done' : index === current ? 'current' : 'later';
          return (
            <li key={stage} aria-current={state === 'current' ? 'step' : undefined}>
              <Badge variant={state === 'current' ? 'filled' : 'light'} color={state === 'later' ? 'gray' : 'blue'} style={{ textTransform: 'none' }}>
                {t(`stage.${stage}`)}
                {state === 'done' && <VisuallyHidden> ({t('casePage.stageDone')})</VisuallyHidden>}
                {state === 'current' && <VisuallyHidden> ({t('casePage.stageCurrent')})</VisuallyHidden>}
              </Badge>
            </li>
          );
        })}
        {file.stage === 'CLOSED' && (
          <li aria-current="step">
            <Badge variant="filled" color="gray" style={{ textTransform: 'none' }}>
              {t('stage.CLOSED')}
            </Badge>
          </li>
        )}
      </Group>
      <Title order={3} size="h5" mt="md" mb="xs">
        {t('casePage.nextMoves')}
      </Title>
      {file.transitions.length === 0 ? (
        <Text size="sm">{t('casePage.noMoves')}</Text>
      ) : (
        <div className="form-grid">
          {file.transitions.map((option) => (
            <MoveCard key={option.to} reference={file.reference} option={option} />
          ))}
        </div>
      )}
    </section>
  );
}

function MoveCard({ reference, option }: { reference: string; option: TransitionOption }) {
  const { t } = useTranslation();
  const move = useTransition(reference);
  const [closureReason, setClosureReason] = useState<ClosureReason | ''>('');
  const [reopenReason, setReopenReason] = useState('');
  const needsClosure = option.requires.includes('closureReason');
  const needsReopen = option.requires.includes('reopenReason');
  const reopenTooShort = needsReopen && reopenReason.trim().length < 3;
  const ready = option.allowed && !(needsClosure && closureReason === '') && !reopenTooShort;
  const stage = t(`stage.${option.to}`);
  const perform = () => {
    const body: TransitionBody = { to: option.to };
    if (needsClosure && closureReason !== '') body.closureReason = closureReason;
    if (needsReopen) body.reopenReason = reopenReason.trim();
    move.mutate(body);
  };
  return (
    <Card withBorder padding="sm" component="article" aria-label={`${t('casePage.moveTo')} ${stage}`}>
      <Group justify="space-between" mb="xs">
        <Text fw={600}>{stage}</Text>
        <Badge color={option.allowed ? 'blue' : 'gray'} variant="light" style={{ textTransform: 'none' }}>
          {option.allowed ? t('casePage.moveReady') : t('casePage.moveBlocked')}
        </Badge>
      </Group>
      {option.unmet.length > 0 && (
        <>
          <Text size="sm" fw={500}>
            {t('casePage.stillMissing')}
          </Text>
          <List size="sm" mb="xs">
            {option.unmet.map((guard) => (
              <List.Item key={guard.guard}>
                {t(`casePage.guard.${guard.guard}`, { defaultValue: guard.description })}
                <Text span size="xs" c="dimmed">
                  {' '}
                  — {guard.detail}
                </Text>
              </List.Item>
            ))}
          </List>
        </>
      )}
      <Stack gap="xs">
        {needsClosure && (
          <NativeSelect
            label={t('casePage.closureReason')}
            value={closureReason}
            onChange={(event) => setClosureReason(event.currentTarget.value as ClosureReason | '')}
            data={[
              { value: '', label: t('casePage.chooseReason') },
              ...CLOSURE_REASONS.map((reason) => ({ value: reason, label: t(`casePage.closure.${reason}`) })),
            ]}
          />
        )}
        {needsReopen && (
          <Textarea label={t('casePage.reopenReason')} value={reopenReason} onChange={(event) => setReopenReason(event.currentTarget.value)} maxLength={2000} />
        )}
        {move.error && (
          <Alert color="red" role="alert">
            {problemMessage(t, move.error)}
          </Alert>
        )}
        <Group>
          <Button size="xs" disabled={!ready} loading={move.isPending} onClick={perform}>
            {t('casePage.moveTo')} {stage}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}
