import { useInfiniteQuery } from '@tanstack/react-query';
import { api } from '@console/api/client';
import type { components } from '@console/api/schema.gen';
import { answered, TAB_STALE_MS, tabKey } from './tab-keys';

export type HistoryEntry = components['schemas']['CaseHistoryView'];

/** The case's history timeline, keyset page after page. */
export function useCaseHistory(caseId: string) {
  return useInfiniteQuery({
    staleTime: TAB_STALE_MS,
    queryKey: tabKey(caseId, 'history'),
    initialPageParam: null as string | null,
    queryFn: async ({ pageParam, signal }) => {
      const { data } = await api.GET('/api/v1/cases/{ref}/history', {
        params: { path: { ref: caseId }, query: { limit: 25, ...(pageParam ? { cursor: pageParam } : {}) } },
        signal,
      });
      return answered(data);
    },
    getNextPageParam: (last) => last.nextCursor,
  });
}
