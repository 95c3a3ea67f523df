import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@console/api/client';
import { record, optionalText, text } from '@console/api/read';
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

/**
 * The case file (the read is audited by the server). Its answer has no schema in the contract
 * yet, so only the header's fields are read, at run time.
 */
export function useCase(reference: string) {
  return useQuery({
    queryKey: ['cases', 'detail', reference],
    queryFn: async ({ signal }): Promise<CaseHeader> => {
      const { data } = await api.GET('/api/v1/cases/{ref}', { params: { path: { ref: reference } }, signal });
      const detail = record(data);
      const person = record(record(detail.protected).identity);
      return {
        reference: text(detail.reference),
        stage: text(detail.stage),
        priority: text(detail.priority),
        givenName: optionalText(person.givenName),
        familyName: optionalText(person.familyName),
      };
    },
  });
}
