import { Alert, Anchor, Button, Group, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { ProblemAlert } from '@console/app/problems';
import { useAcknowledge } from '../api/tasks';
import { dismissUrgentAlert, useUrgentAlerts } from '../api/urgent-alerts';
import type { UrgentAlert } from '../api/urgent-rule';

function UrgentAlertItem({ alert }: { alert: UrgentAlert }) {
  const { t } = useTranslation();
  const acknowledge = useAcknowledge();
  const title = alert.trigger === 'DURESS' ? t('today.alertDuressTitle') : t('today.alertLevel3Title');
  return (
    <Alert color="red" variant="filled" role="alert" title={title} data-urgent-alert={alert.caseReference}>
      <Stack gap="xs">
        <Text size="sm">
          {t(`today.triggers.${alert.trigger}`, { defaultValue: alert.trigger })} · {t('today.levelN', { count: alert.level })} ·{' '}
          <Anchor c="white" fw={700} ff="monospace" renderRoot={(props) => <Link {...props} to="/cases/$ref" params={{ ref: alert.caseReference }} />}>
            {alert.caseReference}
          </Anchor>
        </Text>
        <ProblemAlert error={acknowledge.error} mb="0" />
        <Group gap="xs">
          {alert.escalationId && (
            <Button
              size="xs"
              color="red.9"
              variant="white"
              loading={acknowledge.isPending}
              onClick={() => alert.escalationId && acknowledge.mutate(alert.escalationId, { onSuccess: () => dismissUrgentAlert(alert.id) })}
            >
              {t('today.acknowledge')}
            </Button>
          )}
          <Button size="xs" variant="outline" color="white" onClick={() => dismissUrgentAlert(alert.id)}>
            {t('today.dismiss')}
          </Button>
        </Group>
      </Stack>
    </Alert>
  );
}

/** Level-3 and duress escalations, above every page until acknowledged or dismissed. */
export function UrgentAlerts() {
  const alerts = useUrgentAlerts();
  if (alerts.length === 0) return null;
  return (
    <Stack gap="xs" mb="md" className="urgent-alerts">
      {alerts.map((alert) => (
        <UrgentAlertItem key={alert.id} alert={alert} />
      ))}
    </Stack>
  );
}
