import { useInfiniteQuery, useMutation, useQueryClient } from '@tanstack/react-query';
import { api } from '@console/api/client';
import type { components } from '@console/api/schema.gen';
import { answered, TAB_STALE_MS, tabKey } from './tab-keys';

export type Note = components['schemas']['NoteView'];

/** The case's notes, keyset page after page ("show more"). */
export function useNotes(caseId: string) {
  return useInfiniteQuery({
    staleTime: TAB_STALE_MS,
    queryKey: tabKey(caseId, 'notes'),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const { data } = await api.GET('/api/v1/cases/{ref}/notes', {
        params: { path: { ref: caseId }, query: { limit: 20, ...(pageParam ? { cursor: pageParam } : {}) } },
        signal,
      });
      return answered(data);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}

export function useAddNote(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => api.POST('/api/v1/cases/{ref}/notes', { params: { path: { ref: caseId } }, body: { body } }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: tabKey(caseId, 'notes') }),
  });
}
