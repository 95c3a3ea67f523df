import { createRootRoute, createRoute, createRouter, redirect } from '@tanstack/react-router';
import { CasePage } from '../features/cases/components/CasePage';
import { CaseloadPage } from '../features/cases/components/CaseloadPage';
import { DuplicateReviewPage } from '../features/duplicates/components/DuplicateReviewPage';
import { IntakePage } from '../features/intake/components/IntakePage';
import { ensureSession } from '../features/session/api/session';
import { EnrolPage } from '../features/session/components/EnrolPage';
import { ProfilePage } from '../features/session/components/ProfilePage';
import { SignInPage } from '../features/session/components/SignInPage';
import { TodayPage } from '../features/today/components/TodayPage';
import { AppLayout } from '../shell/AppLayout';
import { NotFoundPage } from '../shell/NotFoundPage';
import { RootLayout } from '../shell/RootLayout';

const rootRoute = createRootRoute({ component: RootLayout, notFoundComponent: NotFoundPage });

/** Signed in already (a reload restored the session from its cookie): straight to work. */
const signInRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/sign-in',
  component: SignInPage,
  beforeLoad: async () => {
    // TanStack Router's redirects are thrown values by design.
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (await ensureSession()) throw redirect({ to: '/today' });
  },
});
const enrolRoute = createRoute({ getParentRoute: () => rootRoute, path: '/enrol', component: EnrolPage });

/** Every page behind sign-in; after a reload the refresh cookie restores the session first. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  component: AppLayout,
  beforeLoad: async () => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    if (!(await ensureSession())) throw redirect({ to: '/sign-in' });
  },
});
const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    // eslint-disable-next-line @typescript-eslint/only-throw-error
    throw redirect({ to: '/today' });
  },
});
const todayRoute = createRoute({ getParentRoute: () => appRoute, path: '/today', component: TodayPage });
const profileRoute = createRoute({ getParentRoute: () => appRoute, path: '/profile', component: ProfilePage });
const caseloadRoute = createRoute({ getParentRoute: () => appRoute, path: '/cases', component: CaseloadPage });
const caseRoute = createRoute({ getParentRoute: () => appRoute, path: '/cases/$ref', component: CasePage });
const intakeRoute = createRoute({ getParentRoute: () => appRoute, path: '/intake', component: IntakePage });
const duplicateReviewRoute = createRoute({ getParentRoute: () => appRoute, path: '/cases/$ref/duplicates/$otherRef', component: DuplicateReviewPage });

const routeTree = rootRoute.addChildren([
  signInRoute,
  enrolRoute,
  appRoute.addChildren([indexRoute, todayRoute, profileRoute, caseloadRoute, caseRoute, intakeRoute, duplicateReviewRoute]),
]);

export const router = createRouter({ routeTree, defaultPreload: false, scrollRestoration: false });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
