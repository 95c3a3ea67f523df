import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@console/api/client';
import type { components } from '@console/api/schema.gen';

export type CaseFile = components['schemas']['CaseDetailView'];
export type TransitionOption = components['schemas']['TransitionOptionView'];
export type TransitionBody = components['schemas']['TransitionDto'];
export type TriageBody = components['schemas']['TriageDto'];
export type TriageResult = components['schemas']['TriageResultView'];
export type RiskFactor = TriageBody['factors'][number];
export type ClosureReason = NonNullable<TransitionBody['closureReason']>;

/** The query key of a case file; everything under ['cases', 'detail', reference] is read again after a change. */
export const caseFileKey = (reference: string) => ['cases', 'detail', reference, 'file'] as const;

/** The whole case file as the contract describes it (the read is audited by the server). */
export function useCaseFile(reference: string) {
  return useQuery({
    queryKey: caseFileKey(reference),
    retry: false,
    queryFn: async ({ signal }) => (await api.GET('/api/v1/cases/{ref}', { params: { path: { ref: reference } }, signal })).data,
  });
}

/** Moves the case to another stage; a refusal (409) names the guards still unmet. */
export function useTransition(reference: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TransitionBody) => (await api.POST('/api/v1/cases/{ref}/transitions', { params: { path: { ref: reference } }, body })).data,
    // Refused or done, the open moves and their unmet guards are read again.
    onSettled: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}

/** Records a triage assessment (suggested priority from the factors; override with a reason). */
export function useTriage(reference: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async (body: TriageBody) => (await api.POST('/api/v1/cases/{ref}/triage', { params: { path: { ref: reference } }, body })).data,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['cases'] }),
  });
}

/** Every risk factor the server weighs (a type error here if the contract adds one). */
export const RISK_FACTORS = [
  'DETAINED_OR_RECENTLY_RELEASED',
  'POLICE_SUMMONS_OR_SEARCH',
  'NAMED_BY_DETAINEE',
  'OUTED',
  'FAMILY_OR_COMMUNITY_THREATS',
  'IN_HIDING',
  'VISIBLY_GENDER_NONCONFORMING_OR_TRANS',
  'URGENT_HEALTH_NEED',
  'DEPENDANTS_AT_RISK',
  'MINOR',
  'HOLDS_VALID_TRAVEL_DOCUMENT',
] as const satisfies readonly RiskFactor[];
type UnlistedFactor = Exclude<RiskFactor, (typeof RISK_FACTORS)[number]>;
export const EVERY_FACTOR_LISTED: [UnlistedFactor] extends [never] ? true : never = true;

export const CLOSURE_REASONS = [
  'RESETTLED_AND_HANDED_OVER',
  'WITHDRAWN',
  'NOT_ELIGIBLE',
  'DUPLICATE',
  'NO_LONGER_AT_RISK',
  'LOST_CONTACT',
  'DECEASED',
] as const satisfies readonly ClosureReason[];

/** The usual path of a case (spec 3.2); CLOSED can follow any stage. */
export const STAGE_PATH = [
  'INTAKE',
  'VERIFICATION',
  'TRIAGED',
  'RELOCATION_PLANNED',
  'IN_TRANSIT',
  'IN_SAFE_COUNTRY',
  'RESETTLEMENT_IN_PROGRESS',
  'DEPARTED',
  'RESETTLED',
] as const;
