import { MantineProvider, type MantineColorSchemeManager } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { RouterProvider } from '@tanstack/react-router';
import { ApiProblem, NetworkProblem } from '../api/problem';
import { router } from './router';

/** One more try for a lost network or a server error; a 4xx answer is final (shown at once). */
const retryOnce = (failures: number, error: unknown): boolean =>
  failures < 1 && (error instanceof NetworkProblem || (error instanceof ApiProblem && error.status >= 500));

/** Answers live in memory only, briefly: nothing is persisted, and sign-out clears it all. */
const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 15_000, gcTime: 60_000, retry: retryOnce, refetchOnWindowFocus: false } },
});

/** Mantine's default manager keeps the colour scheme in localStorage; the console stores nothing. */
const memoryColorScheme: MantineColorSchemeManager = {
  get: (defaultValue) => defaultValue,
  set: () => undefined,
  subscribe: () => undefined,
  unsubscribe: () => undefined,
  clear: () => undefined,
};

/**
 * Under the console's CSP (style-src 'self') Mantine may not add <style> elements: its default
 * theme's CSS variables come from @mantine/core/styles.css (imported in main.tsx), and no
 * component with responsive style props (rendered as <style>) is used.
 */
export function App() {
  return (
    <MantineProvider withCssVariables={false} withGlobalClasses={false} colorSchemeManager={memoryColorScheme} forceColorScheme="light">
      <Notifications />
      <QueryClientProvider client={queryClient}>
        <RouterProvider router={router} />
      </QueryClientProvider>
    </MantineProvider>
  );
}
