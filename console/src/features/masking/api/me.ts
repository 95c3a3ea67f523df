import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@console/api/client';
import type { components } from '@console/api/schema.gen';

export type Me = components['schemas']['MeView'];

/** `GET /api/v1/me` as the server answers it (shared key: any screen reading "who I am" reuses it). */
export const ME_QUERY_KEY = ['me'] as const;

export function useMe() {
  return useQuery({
    queryKey: ME_QUERY_KEY,
    staleTime: 60_000,
    queryFn: async ({ signal }): Promise<Me | undefined> => (await api.GET('/api/v1/me', { signal })).data,
  });
}

/**
 * Whether names are masked in lists. The setting lives on the server (my staff profile), never in
 * browser storage; until it is known, names are masked (the safer guess).
 */
export function useMaskNames(): boolean {
  const me = useMe();
  return me.data?.maskNames ?? true;
}

export function useSetMaskNames() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (maskNames: boolean) => (await api.PATCH('/api/v1/me', { body: { maskNames } })).data,
    onSuccess: (me) => {
      if (me) queryClient.setQueryData(ME_QUERY_KEY, me);
    },
  });
}
