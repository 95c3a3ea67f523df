import { useQuery } from '@tanstack/react-query';
import { api } from '@console/api/client';

/** Query keys of the case page's work tabs: one subtree per case, dropped on sign-out with the rest. */
export const tabKey = (caseId: string, tab: string, ...rest: unknown[]) => ['cases', 'tab', caseId, tab, ...rest] as const;

/** A tab shows fresh data each time it opens (a partner or the person may have acted meanwhile). */
export const TAB_STALE_MS = 0;

/** What the signed-in user may do (from GET /api/v1/me), to offer only the actions the server allows. */
export function usePermissions() {
  return useQuery({
    queryKey: ['me', 'permissions'],
    queryFn: async ({ signal }) => {
      const { data } = await api.GET('/api/v1/me', { signal });
      return new Set<string>(data?.permissions ?? []);
    },
    staleTime: 5 * 60_000,
  });
}

/**
 * The body of a successful answer. The client's middleware throws every error answer as a
 * problem, so a success without a body is a broken contract, reported as such.
 */
export function answered<T>(data: T | undefined): T {
  if (data === undefined) throw new Error('the API answered without a body');
  return data;
}
