import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@console/api/client';
import type { components } from '@console/api/schema.gen';
import { answered, TAB_STALE_MS, tabKey } from './tab-keys';

type Schemas = components['schemas'];
export type Escalation = Schemas['EscalationView'];
export type EscalationOutcome = Schemas['ResolveEscalationDto']['outcome'];

/** The case's escalations (up to 100, oldest first; a case rarely has more than a handful). */
export function useCaseEscalations(caseId: string) {
  return useQuery({
    staleTime: TAB_STALE_MS,
    queryKey: tabKey(caseId, 'escalations', 'list'),
    queryFn: async ({ signal }) => {
      const { data } = await api.GET('/api/v1/escalations', { params: { query: { caseReference: caseId, limit: 100 } }, signal });
      return answered(data);
    },
  });
}

/** One escalation with its timeline (opened, climbs, acknowledgement, reassignment, resolution). */
export function useEscalationTimeline(caseId: string, id: string, enabled: boolean) {
  return useQuery({
    staleTime: TAB_STALE_MS,
    queryKey: tabKey(caseId, 'escalations', 'detail', id),
    enabled,
    queryFn: async ({ signal }) => {
      const { data } = await api.GET('/api/v1/escalations/{id}', { params: { path: { id } }, signal });
      return answered(data);
    },
  });
}

function useEscalationMutation<T>(caseId: string, run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: tabKey(caseId, 'escalations') });
      await queryClient.invalidateQueries({ queryKey: ['tasks'] });
    },
  });
}

export const useAcknowledgeEscalation = (caseId: string) =>
  useEscalationMutation(caseId, (id: string) => api.POST('/api/v1/escalations/{id}/acknowledgement', { params: { path: { id } } }));

export const useResolveEscalation = (caseId: string) =>
  useEscalationMutation(caseId, ({ id, outcome }: { id: string; outcome: EscalationOutcome }) =>
    api.POST('/api/v1/escalations/{id}/resolution', { params: { path: { id } }, body: { outcome } }),
  );
