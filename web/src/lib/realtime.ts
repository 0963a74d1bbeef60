/**
 * The realtime connection: socket.io at /api/socket.io with the session cookie.
 * Components subscribe through {@link useRealtime} whether or not the socket is up yet;
 * the socket reconnects by itself after network drops.
 */
import { useEffect, useRef } from 'react';
import { io, type Socket } from 'socket.io-client';
import type { RealtimeEventName, RealtimeEvents } from '@kith/sdk';

type Handler<E extends RealtimeEventName> = (payload: RealtimeEvents[E]) => void;

const listeners = new Map<RealtimeEventName, Set<Handler<RealtimeEventName>>>();
let socket: Socket | null = null;

function dispatch(event: string, payload: unknown): void {
  const set = listeners.get(event as RealtimeEventName);
  if (!set) return;
  for (const h of [...set]) h(payload as RealtimeEvents[RealtimeEventName]);
}

/** Opens the socket (after log-in); a no-op when already open. */
export function connectRealtime(): void {
  if (socket) return;
  socket = io({ path: '/api/socket.io', withCredentials: true });
  socket.onAny(dispatch);
}

/**
 * Opens a guest's socket for one exchange (a stranger on `/x/<token>`, no account): the invite
 * token authenticates it and the server puts it in that exchange's room only. Its events reach
 * the same {@link useRealtime} subscribers. @returns a function that closes it.
 */
export function connectGuestRealtime(guestToken: string): () => void {
  const guest = io({ path: '/api/socket.io', auth: { guestToken } });
  guest.onAny(dispatch);
  return () => {
    guest.disconnect();
  };
}

/** Closes the socket (on log-out). */
export function disconnectRealtime(): void {
  socket?.disconnect();
  socket = null;
}

/** Subscribes `handler` to a realtime event for the component's lifetime; the latest handler is always called. */
export function useRealtime<E extends RealtimeEventName>(event: E, handler: Handler<E>): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const h = ((p: RealtimeEvents[E]) => ref.current(p)) as Handler<RealtimeEventName>;
    let set = listeners.get(event);
    if (!set) listeners.set(event, (set = new Set()));
    set.add(h);
    return () => {
      set.delete(h);
    };
  }, [event]);
}

/**
 * Like {@link useRealtime} for several events, but coalesces bursts (a 50-photo upload
 * sends 50 'asset.created') into one call after `delayMs` of quiet.
 */
export function useRealtimeRefresh(events: RealtimeEventName[], refresh: () => void, delayMs = 400): void {
  const ref = useRef(refresh);
  ref.current = refresh;
  const key = events.join(',');
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const h = () => {
      clearTimeout(timer);
      timer = setTimeout(() => ref.current(), delayMs);
    };
    const names = key.split(',') as RealtimeEventName[];
    for (const name of names) {
      let set = listeners.get(name);
      if (!set) listeners.set(name, (set = new Set()));
      set.add(h);
    }
    return () => {
      clearTimeout(timer);
      for (const name of names) listeners.get(name)?.delete(h);
    };
  }, [key, delayMs]);
}
