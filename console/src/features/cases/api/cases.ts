import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '@console/api/client';
import { list, optionalText, record, text } from '@console/api/read';

export interface CaseRow {
  reference: string;
  stage: string;
  priority: string;
  originCountry: string;
  currentCountry: string | null;
  possibleDuplicate: boolean;
  createdAt: string;
}

const toRow = (value: unknown): CaseRow => {
  const item = record(value);
  return {
    reference: text(item.reference),
    stage: text(item.stage),
    priority: text(item.priority),
    originCountry: text(item.originCountry),
    currentCountry: optionalText(item.currentCountry),
    possibleDuplicate: item.possibleDuplicate === true,
    createdAt: text(item.createdAt),
  };
};

/** One keyset page of the caseload. */
export function useCaseload(cursor: string | null) {
  return useQuery({
    queryKey: ['cases', 'list', cursor],
    placeholderData: keepPreviousData,
    queryFn: async ({ signal }) => {
      const { data } = await api.GET('/api/v1/cases', { params: { query: { limit: 50, ...(cursor ? { cursor } : {}) } }, signal });
      const page = record(data);
      return { items: list(page.items).map(toRow), nextCursor: optionalText(page.nextCursor) };
    },
  });
}

export interface CaseHeader extends CaseRow {
  givenName: string | null;
  familyName: string | null;
}

/** The case file (the read is audited by the server). */
export function useCase(reference: string) {
  return useQuery({
    queryKey: ['cases', 'detail', reference],
    queryFn: async ({ signal }): Promise<CaseHeader> => {
      const { data } = await api.GET('/api/v1/cases/{ref}', { params: { path: { ref: reference } }, signal });
      const person = record(record(record(data).protected).identity);
      return { ...toRow(data), givenName: optionalText(person.givenName), familyName: optionalText(person.familyName) };
    },
  });
}
