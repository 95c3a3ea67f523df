import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@console/api/client';
import type { components } from '@console/api/schema.gen';

export type CaseListItem = components['schemas']['CaseListItemView'];
export type CaseStage = CaseListItem['stage'];
export type CasePriority = CaseListItem['priority'];

export interface CaseloadFilters {
  stage: CaseStage | null;
  priority: CasePriority | null;
  checkinOverdue: boolean;
  /** Two name words or more: searched across scripts by the server (audited). */
  name: string;
}

/** One keyset page of my caseload: the list, or the name search when a name is given. */
export function useCaseload(filters: CaseloadFilters, cursor: string | null) {
  return useQuery({
    queryKey: ['cases', 'list', filters, cursor],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const common = {
        limit: 50,
        mine: true,
        ...(cursor ? { cursor } : {}),
        ...(filters.stage ? { stage: filters.stage } : {}),
        ...(filters.priority ? { priority: filters.priority } : {}),
        ...(filters.checkinOverdue ? { checkinOverdue: true } : {}),
      };
      if (filters.name.trim()) {
        const { data } = await api.POST('/api/v1/cases/search', { body: { ...common, names: true, name: filters.name.trim() }, signal });
        return data;
      }
      const { data } = await api.GET('/api/v1/cases', { params: { query: common }, signal });
      return data;
    },
  });
}

export interface CaseHeader {
  reference: string;
  stage: string;
  priority: string;
  givenName: string | null;
  familyName: string | null;
}

/** The case file (the read is audited by the server); the header's fields of CaseDetailView. */
export function useCase(reference: string) {
  return useQuery({
    queryKey: ['cases', 'detail', reference],
    queryFn: async ({ signal }): Promise<CaseHeader> => {
      const { data } = await api.GET('/api/v1/cases/{ref}', { params: { path: { ref: reference } }, signal });
      if (!data) throw new Error('unexpected case answer');
      const person = data.protected.identity;
      return {
        reference: data.reference,
        stage: data.stage,
        priority: data.priority,
        givenName: person?.givenName ?? null,
        familyName: person?.familyName ?? null,
      };
    },
  });
}
