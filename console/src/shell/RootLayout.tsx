import { Outlet } from '@tanstack/react-router';
import { useScreen } from '../features/session/api/session-store';
import { LockScreen } from '../features/session/components/LockScreen';
import { NeutralPage } from '../features/session/components/NeutralPage';
import { useHideNow, useIdleLock } from '../features/session/use-guards';

/** Everything renders through here, so the lock and the neutral page replace the whole screen. */
export function RootLayout() {
  const screen = useScreen();
  useIdleLock();
  useHideNow();
  if (screen.kind === 'hidden') return <NeutralPage email={screen.email} returnTo={screen.returnTo} />;
  if (screen.kind === 'locked') return <LockScreen email={screen.email} returnTo={screen.returnTo} />;
  return <Outlet />;
}
