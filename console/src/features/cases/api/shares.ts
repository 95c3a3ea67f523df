import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@console/api/client';
import type { components } from '@console/api/schema.gen';
import { answered, TAB_STALE_MS, tabKey } from './tab-keys';

type Schemas = components['schemas'];
export type Share = Schemas['ShareView'];
export type NewShare = Schemas['CreateShareDto'];
export type SharedField = NewShare['fields'][number];
export type SharePurpose = NewShare['purpose'];

export function useShares(caseId: string) {
  return useQuery({
    staleTime: TAB_STALE_MS,
    queryKey: tabKey(caseId, 'shares'),
    queryFn: async ({ signal }) => {
      const { data } = await api.GET('/api/v1/cases/{ref}/shares', { params: { path: { ref: caseId }, query: { limit: 100 } }, signal });
      return answered(data);
    },
  });
}

function useShareMutation<T>(caseId: string, run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({ mutationFn: run, onSuccess: () => queryClient.invalidateQueries({ queryKey: tabKey(caseId, 'shares') }) });
}

export const useCreateShare = (caseId: string) =>
  useShareMutation(caseId, (body: NewShare) => api.POST('/api/v1/cases/{ref}/shares', { params: { path: { ref: caseId } }, body }));

export const useRevokeShare = (caseId: string) =>
  useShareMutation(caseId, (shareId: string) => api.POST('/api/v1/cases/{ref}/shares/{shareId}/revoke', { params: { path: { ref: caseId, shareId } } }));
