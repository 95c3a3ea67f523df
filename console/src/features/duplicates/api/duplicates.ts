import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@console/api/client';
import type { components } from '@console/api/schema.gen';

export type DuplicatePair = components['schemas']['DuplicatePairView'];
export type DuplicateSide = components['schemas']['DuplicateSideView'];
export type DuplicateDecisionBody = components['schemas']['DuplicateDecisionDto'];
export type DuplicateOutcome = components['schemas']['DuplicateDecisionView'];

/** Both cases of a flagged pair, side by side (the server audits both reads). */
export function useDuplicatePair(reference: string, otherReference: string) {
  return useQuery({
    queryKey: ['cases', 'duplicates', reference, otherReference],
    retry: false,
    queryFn: async ({ signal }) =>
      (await api.GET('/api/v1/cases/{ref}/duplicates/{otherRef}', { params: { path: { ref: reference, otherRef: otherReference } }, signal })).data,
  });
}

/** Decides the pair once (SAME_PERSON closes one case as DUPLICATE; NOT_SAME dismisses the pair). */
export function useDecideDuplicate(reference: string, otherReference: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: DuplicateDecisionBody) =>
      (await api.POST('/api/v1/cases/{ref}/duplicates/{otherRef}/decision', { params: { path: { ref: reference, otherRef: otherReference } }, body })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}
