import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@console/api/client';
import type { components } from '@console/api/schema.gen';
import { useSession } from '@console/features/session/api/session-store';

export type Tasks = components['schemas']['TasksView'];
export type EscalationTask = components['schemas']['EscalationTaskView'];

export const TASKS_KEY = ['me', 'tasks'] as const;

/**
 * What waits for me now (GET /api/v1/me/tasks). Live events invalidate it the moment something
 * new arrives; the minute's refetch catches what becomes due with time alone (an overdue check-in).
 */
export function useTasks() {
  const session = useSession();
  return useQuery({
    queryKey: TASKS_KEY,
    enabled: session !== null,
    refetchInterval: 60_000,
    queryFn: async ({ signal }): Promise<Tasks> => {
      const { data } = await api.GET('/api/v1/me/tasks', { signal });
      if (!data) throw new Error('unexpected tasks answer');
      return data;
    },
  });
}

/** Acknowledge an open escalation (stops its climb). */
export function useAcknowledge() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (escalationId: string) => {
      await api.POST('/api/v1/escalations/{id}/acknowledgement', { params: { path: { id: escalationId } } });
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: TASKS_KEY }),
  });
}
