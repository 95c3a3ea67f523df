import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '@console/api/client';
import type { components } from '@console/api/schema.gen';
import { answered, TAB_STALE_MS, tabKey } from './tab-keys';

type Schemas = components['schemas'];
export type Schedule = Schemas['ScheduleView'];
export type CheckinItem = Schemas['CheckinListItemView'];
export type NewCheckin = Schemas['RecordCheckinDto'];
export type CheckinPins = Schemas['SetCheckinPinsDto'];
export type IssuedLink = Schemas['IssuedCheckinLinkView'];
export type LinkKind = IssuedLink['kind'];

export function useSchedule(caseId: string) {
  return useQuery({
    staleTime: TAB_STALE_MS,
    queryKey: tabKey(caseId, 'checkins', 'schedule'),
    queryFn: async ({ signal }) => {
      const { data } = await api.GET('/api/v1/cases/{ref}/schedule', { params: { path: { ref: caseId } }, signal });
      return answered(data);
    },
  });
}

/** One keyset page of the case's check-ins, newest first as the server orders them. */
export function useCheckinHistory(caseId: string, cursor: string | null) {
  return useQuery({
    staleTime: TAB_STALE_MS,
    queryKey: tabKey(caseId, 'checkins', 'history', cursor),
    queryFn: async ({ signal }) => {
      const { data } = await api.GET('/api/v1/cases/{ref}/check-ins', {
        params: { path: { ref: caseId }, query: { limit: 20, ...(cursor ? { cursor } : {}) } },
        signal,
      });
      return answered(data);
    },
  });
}

export function useRecordCheckin(caseId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: NewCheckin) => api.POST('/api/v1/cases/{ref}/check-ins', { params: { path: { ref: caseId } }, body }),
    onSuccess: async () => {
      await queryClient.invalidateQueries({ queryKey: tabKey(caseId, 'checkins') });
      // A check-in may resolve a missed-check-in escalation.
      await queryClient.invalidateQueries({ queryKey: tabKey(caseId, 'escalations') });
    },
  });
}

/** Sets both PINs at once; the answer says nothing about either (204). */
export function useSetPins(caseId: string) {
  return useMutation({
    mutationFn: (body: CheckinPins) => api.PUT('/api/v1/cases/{ref}/checkin-pins', { params: { path: { ref: caseId } }, body }),
  });
}

/** A one-time link (check-in or PIN enrolment): its URL is in the answer only, held in the component's state. */
export function useIssueLink(caseId: string) {
  return useMutation({
    mutationFn: async (kind: LinkKind) => {
      const { data } = await api.POST('/api/v1/cases/{ref}/checkin-links', { params: { path: { ref: caseId } }, body: { kind } });
      return answered(data);
    },
  });
}
