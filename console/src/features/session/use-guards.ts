import { useQueryClient } from '@tanstack/react-query';
import { useRouter, useRouterState } from '@tanstack/react-router';
import { useEffect, useRef } from 'react';
import { lock } from './api/session';
import { useSession } from './api/session-store';

/** The idle-lock time the server put into index.html (CONSOLE_IDLE_LOCK_SECONDS). */
export function idleLockSeconds(): number {
  const value = Number(document.querySelector<HTMLMetaElement>('meta[name="corridor-idle-lock-seconds"]')?.content);
  return Number.isFinite(value) && value > 0 ? value : 600;
}

/** The address bar must not keep naming a case either: it shows the sign-in page's address. */
async function lockAndLeave(router: ReturnType<typeof useRouter>, locking: Promise<void>): Promise<void> {
  await locking;
  await router.navigate({ to: '/sign-in', replace: true });
}

const ACTIVITY = ['pointerdown', 'pointermove', 'keydown', 'wheel', 'touchstart', 'focusin'] as const;

/** Locks the console after the configured time without keyboard, mouse or touch input. */
export function useIdleLock(): void {
  const session = useSession();
  const router = useRouter();
  const queryClient = useQueryClient();
  const path = useRouterState({ select: (state) => state.location.href });
  const where = useRef(path);
  where.current = path;
  useEffect(() => {
    if (!session) return;
    const limitMs = idleLockSeconds() * 1000;
    let last = Date.now();
    const touch = () => {
      last = Date.now();
    };
    for (const event of ACTIVITY) window.addEventListener(event, touch, { passive: true, capture: true });
    const timer = setInterval(() => {
      if (Date.now() - last >= limitMs) void lockAndLeave(router, lock(queryClient, 'locked', where.current));
    }, 1000);
    return () => {
      clearInterval(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, touch, { capture: true });
    };
  }, [session, queryClient, router]);
}

/** Escape twice within a second: the neutral page at once, and the session ends. */
export function useHideNow(): void {
  const queryClient = useQueryClient();
  const router = useRouter();
  const path = useRouterState({ select: (state) => state.location.href });
  const where = useRef(path);
  where.current = path;
  useEffect(() => {
    let previous = 0;
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'Escape') return;
      const now = performance.now();
      if (now - previous <= 1000) {
        previous = 0;
        void lockAndLeave(router, lock(queryClient, 'hidden', where.current));
      } else previous = now;
    };
    window.addEventListener('keydown', onKey, { capture: true });
    return () => window.removeEventListener('keydown', onKey, { capture: true });
  }, [queryClient, router]);
}
