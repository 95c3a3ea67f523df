import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { api } from '@console/api/client';
import { useSession } from '@console/features/session/api/session-store';
import { TASKS_KEY } from './tasks';
import type { LiveNotification } from './urgent-rule';

function parse(data: string): LiveNotification | null {
  try {
    const value: unknown = JSON.parse(data);
    if (!value || typeof value !== 'object') return null;
    const item = value as Record<string, unknown>;
    if (typeof item.id !== 'string' || typeof item.kind !== 'string') return null;
    return {
      id: item.id,
      kind: item.kind,
      subjectType: typeof item.subjectType === 'string' ? item.subjectType : null,
      subjectId: typeof item.subjectId === 'string' ? item.subjectId : null,
      details: item.details && typeof item.details === 'object' ? (item.details as Record<string, unknown>) : {},
      createdAt: typeof item.createdAt === 'string' ? item.createdAt : '',
    };
  } catch {
    return null;
  }
}

const MAX_BACKOFF_MS = 30_000;

/**
 * My notifications as Server-Sent Events (GET /api/v1/me/events) while signed in. A browser
 * EventSource cannot send Authorization, so each connection spends a single-use ticket
 * (POST /api/v1/me/events/ticket, 30 s) and never puts the access token in a URL. A dropped
 * stream is reopened here with a new ticket (EventSource's own retry would reuse the spent one),
 * resuming after the last event received. Each event refreshes the action queue's counts.
 */
export type LiveState = 'connecting' | 'open' | 'retrying';

export function useLiveEvents(onNotification: (notification: LiveNotification) => void): LiveState {
  const [state, setState] = useState<LiveState>('connecting');
  const session = useSession();
  const queryClient = useQueryClient();
  const handler = useRef(onNotification);
  handler.current = onNotification;
  const signedIn = session !== null;

  useEffect(() => {
    if (!signedIn) return;
    let source: EventSource | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let stopped = false;
    let lastEventId: string | null = null;
    let failures = 0;

    const retry = () => {
      if (stopped) return;
      setState('retrying');
      failures += 1;
      timer = setTimeout(() => void open(), Math.min(MAX_BACKOFF_MS, 1000 * 2 ** Math.min(failures, 5)));
    };

    const open = async () => {
      let ticket: string;
      try {
        const { data } = await api.POST('/api/v1/me/events/ticket');
        if (!data) throw new Error('no ticket');
        ticket = data.ticket;
      } catch {
        retry();
        return;
      }
      if (stopped) return;
      const query = new URLSearchParams({ ticket });
      if (lastEventId) query.set('lastEventId', lastEventId);
      source = new EventSource(`/api/v1/me/events?${query.toString()}`);
      source.onopen = () => {
        failures = 0;
        setState('open');
        // Anything that happened while the stream was down is in the queue's fresh counts.
        void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
      };
      source.addEventListener('notification', (event: MessageEvent<string>) => {
        if (event.lastEventId) lastEventId = event.lastEventId;
        void queryClient.invalidateQueries({ queryKey: TASKS_KEY });
        const notification = parse(event.data);
        if (notification) handler.current(notification);
      });
      source.addEventListener('end', () => {
        source?.close();
        source = null;
        retry();
      });
      source.onerror = () => {
        source?.close();
        source = null;
        retry();
      };
    };

    setState('connecting');
    void open();
    return () => {
      stopped = true;
      clearTimeout(timer);
      source?.close();
    };
  }, [signedIn, queryClient]);
  return state;
}
