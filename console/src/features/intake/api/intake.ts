import { useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@console/api/client';
import type { components } from '@console/api/schema.gen';

export type IntakeBody = components['schemas']['IntakeDto'];
export type IntakeResult = components['schemas']['IntakeResultView'];
export type ContactChannelType = components['schemas']['ContactChannelDto']['type'];
export type ConsentMethod = components['schemas']['ConsentDto']['method'];
export type IntakePriority = NonNullable<IntakeBody['priority']>;

export const CHANNEL_TYPES: readonly ContactChannelType[] = ['SIGNAL', 'WHATSAPP', 'TELEGRAM', 'PHONE', 'EMAIL', 'OTHER'];
export const CONSENT_METHODS: readonly ConsentMethod[] = ['IN_PERSON', 'PHONE', 'MESSAGING', 'PARTNER_ATTESTED'];
export const PRIORITIES: readonly IntakePriority[] = ['EMERGENCY', 'URGENT', 'NORMAL'];

/** Opens a case (`POST /api/v1/cases`); the caseload is read again afterwards. */
export function useIntake() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: IntakeBody): Promise<IntakeResult | undefined> => (await api.POST('/api/v1/cases', { body })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases', 'list'] }),
  });
}
