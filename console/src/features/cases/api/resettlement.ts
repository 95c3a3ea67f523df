import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@console/api/client';
import type { components } from '@console/api/schema.gen';
import { TAB_STALE_MS, tabKey } from './tab-keys';

type Schemas = components['schemas'];
export type ResettlementApplication = Schemas['ResettlementApplicationView'];
export type NewApplication = Schemas['CreateResettlementApplicationDto'];
export type ResettlementStatus = Schemas['ResettlementStatusDto'];
export type NewMilestone = Schemas['CreateMilestoneDto'];
export type ChecklistStatus = Schemas['DocumentStatusDto']['status'];

export function useResettlement(caseId: string) {
  return useQuery({
    staleTime: TAB_STALE_MS,
    queryKey: tabKey(caseId, 'resettlement'),
    queryFn: async ({ signal }) => {
      const { data } = await api.GET('/api/v1/cases/{ref}/resettlement-applications', { params: { path: { ref: caseId } }, signal });
      return data ?? [];
    },
  });
}

function useResettlementMutation<T>(caseId: string, run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: tabKey(caseId, 'resettlement') });
      await queryClient.invalidateQueries({ queryKey: ['cases', 'detail', caseId] });
    },
  });
}

export const useOpenApplication = (caseId: string) =>
  useResettlementMutation(caseId, (body: NewApplication) =>
    api.POST('/api/v1/cases/{ref}/resettlement-applications', { params: { path: { ref: caseId } }, body }),
  );

/** Asks a coordinator to approve the submission (SUBMITTED is reached only that way). */
export const useRequestSubmission = (caseId: string) =>
  useResettlementMutation(caseId, (applicationId: string) =>
    api.POST('/api/v1/cases/{ref}/resettlement-applications/{applicationId}/submission-request', { params: { path: { ref: caseId, applicationId } } }),
  );

export const useSetApplicationStatus = (caseId: string) =>
  useResettlementMutation(caseId, ({ applicationId, body }: { applicationId: string; body: ResettlementStatus }) =>
    api.POST('/api/v1/cases/{ref}/resettlement-applications/{applicationId}/status', { params: { path: { ref: caseId, applicationId } }, body }),
  );

export const useAddMilestone = (caseId: string) =>
  useResettlementMutation(caseId, ({ applicationId, body }: { applicationId: string; body: NewMilestone }) =>
    api.POST('/api/v1/cases/{ref}/resettlement-applications/{applicationId}/milestones', { params: { path: { ref: caseId, applicationId } }, body }),
  );

export const useSetChecklistItem = (caseId: string) =>
  useResettlementMutation(caseId, ({ applicationId, item, status }: { applicationId: string; item: string; status: ChecklistStatus }) =>
    api.PUT('/api/v1/cases/{ref}/resettlement-applications/{applicationId}/documents/{item}', {
      params: { path: { ref: caseId, applicationId, item } },
      body: { status },
    }),
  );
