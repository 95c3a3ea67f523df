import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@console/api/client';
import type { components } from '@console/api/schema.gen';
import { answered, TAB_STALE_MS, tabKey } from './tab-keys';

type Schemas = components['schemas'];
export type Journey = Schemas['JourneyView'];
export type RelocationPlan = Schemas['RelocationPlanView'];
export type MovementLeg = Schemas['MovementLegView'];
export type Stay = Schemas['StayView'];
export type NewPlan = Schemas['CreateRelocationPlanDto'];
export type NewLeg = Schemas['CreateMovementLegDto'];
export type NewStay = Schemas['RecordStayDto'];
export type PlanDecision = Schemas['PlanDecisionDto']['decision'];
export type LegEvent = 'departure' | 'arrival' | 'abort';

/** The case's journey: relocation plans, movement legs, stays and the current stay's clock. */
export function useJourney(caseId: string) {
  return useQuery({
    staleTime: TAB_STALE_MS,
    queryKey: tabKey(caseId, 'journey'),
    queryFn: async ({ signal }) => {
      const { data } = await api.GET('/api/v1/cases/{ref}/journey', { params: { path: { ref: caseId } }, signal });
      return answered(data);
    },
  });
}

/** Every journey change refreshes the journey and the case header (its stage guards may change). */
function useJourneyMutation<T>(caseId: string, run: (input: T) => Promise<unknown>) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: run,
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: tabKey(caseId, 'journey') });
      await queryClient.invalidateQueries({ queryKey: ['cases', 'detail', caseId] });
    },
  });
}

/** A new relocation plan is a request for a coordinator's approval. */
export const useRequestPlan = (caseId: string) =>
  useJourneyMutation(caseId, (body: NewPlan) => api.POST('/api/v1/cases/{ref}/relocation-plans', { params: { path: { ref: caseId } }, body }));

export const useDecidePlan = (caseId: string) =>
  useJourneyMutation(caseId, ({ planId, decision }: { planId: string; decision: PlanDecision }) =>
    api.POST('/api/v1/cases/{ref}/relocation-plans/{planId}/approval', { params: { path: { ref: caseId, planId } }, body: { decision } }),
  );

export const useWithdrawPlan = (caseId: string) =>
  useJourneyMutation(caseId, (planId: string) =>
    api.POST('/api/v1/cases/{ref}/relocation-plans/{planId}/withdrawal', { params: { path: { ref: caseId, planId } } }),
  );

export const useAddLeg = (caseId: string) =>
  useJourneyMutation(caseId, (body: NewLeg) => api.POST('/api/v1/cases/{ref}/legs', { params: { path: { ref: caseId } }, body }));

export const useLegEvent = (caseId: string) =>
  useJourneyMutation(caseId, ({ legId, event }: { legId: string; event: LegEvent }) => {
    const params = { path: { ref: caseId, legId } };
    if (event === 'departure') return api.POST('/api/v1/cases/{ref}/legs/{legId}/departure', { params, body: {} });
    if (event === 'arrival') return api.POST('/api/v1/cases/{ref}/legs/{legId}/arrival', { params, body: {} });
    return api.POST('/api/v1/cases/{ref}/legs/{legId}/abort', { params, body: {} });
  });

export const useRecordStay = (caseId: string) =>
  useJourneyMutation(caseId, (body: NewStay) => api.POST('/api/v1/cases/{ref}/stays', { params: { path: { ref: caseId } }, body }));

export const useExitStay = (caseId: string) =>
  useJourneyMutation(caseId, ({ stayId, exitDate }: { stayId: string; exitDate: string }) =>
    api.POST('/api/v1/cases/{ref}/stays/{stayId}/exit', { params: { path: { ref: caseId, stayId } }, body: { exitDate } }),
  );
