/** Query keys of the case page's work tabs: one subtree per case, dropped on sign-out with the rest. */
export const tabKey = (caseId: string, tab: string, ...rest: unknown[]) => ['cases', 'tab', caseId, tab, ...rest] as const;

/** A tab shows fresh data each time it opens (a partner or the person may have acted meanwhile). */
export const TAB_STALE_MS = 0;

/**
 * The body of a successful answer. The client's middleware throws every error answer as a
 * problem, so a success without a body is a broken contract, reported as such.
 */
export function answered<T>(data: T | undefined): T {
  if (data === undefined) throw new Error('the API answered without a body');
  return data;
}
