import { Switch } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { problemMessage } from '@console/app/problem-messages';
import { useMe, useSetMaskNames } from '../api/me';

/** My "mask names in lists" setting, saved to my staff profile on the server. */
export function MaskNamesSwitch() {
  const { t } = useTranslation();
  const me = useMe();
  const save = useSetMaskNames();
  const checked = save.isPending && save.variables !== undefined ? save.variables : (me.data?.maskNames ?? false);
  return (
    <Switch
      label={t('masking.setting')}
      checked={checked}
      disabled={!me.data || save.isPending}
      onChange={(event) => save.mutate(event.currentTarget.checked)}
      error={save.error ? problemMessage(t, save.error) : undefined}
    />
  );
}
