import { useSyncExternalStore } from 'react';
import type { UrgentAlert } from './urgent-rule';

/**
 * Level-3 and duress escalations as they arrive: a visible alert at the top of every page, a
 * sound, and a browser notification when the user allowed them. What is held and shown is the
 * case reference and codes the event carries, never a name; the system notification (which the
 * operating system may keep in its history) says only that something urgent waits.
 */

let alerts: UrgentAlert[] = [];
const listeners = new Set<() => void>();
const emit = () => {
  for (const listener of listeners) listener();
};

export function useUrgentAlerts(): UrgentAlert[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => alerts,
  );
}

export function dismissUrgentAlert(id: string): void {
  alerts = alerts.filter((alert) => alert.id !== id);
  emit();
}

/** Sign-out, lock, hide: no alert outlives the session. */
export function clearUrgentAlerts(): void {
  if (alerts.length === 0) return;
  alerts = [];
  emit();
}

/** Raises the alert: on screen, by sound, and by a system notification when permitted. */
export function raiseUrgentAlert(alert: UrgentAlert, words: { notificationTitle: string; notificationBody: string }): void {
  if (alerts.some((existing) => existing.id === alert.id)) return;
  alerts = [alert, ...alerts];
  emit();
  playAlarm();
  notifySystem(words);
}

let audio: AudioContext | null = null;

/**
 * Three short tones made with WebAudio (no audio file, no inline script: CSP-clean). Browsers
 * start audio only after the user has interacted with the page, which signing in has done.
 */
export function playAlarm(): void {
  try {
    audio ??= new AudioContext();
    void audio.resume();
    const start = audio.currentTime + 0.05;
    for (let beep = 0; beep < 3; beep += 1) {
      const oscillator = audio.createOscillator();
      const gain = audio.createGain();
      oscillator.type = 'square';
      oscillator.frequency.value = beep % 2 === 0 ? 880 : 660;
      const at = start + beep * 0.3;
      gain.gain.setValueAtTime(0.0001, at);
      gain.gain.exponentialRampToValueAtTime(0.2, at + 0.02);
      gain.gain.exponentialRampToValueAtTime(0.0001, at + 0.25);
      oscillator.connect(gain).connect(audio.destination);
      oscillator.start(at);
      oscillator.stop(at + 0.26);
    }
  } catch {
    // No audio device: the visible alert remains.
  }
}

function notifySystem({ notificationTitle, notificationBody }: { notificationTitle: string; notificationBody: string }): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    // A fixed tag: one entry in the system's list, replaced rather than piling up.
    new Notification(notificationTitle, { body: notificationBody, tag: 'corridor-urgent', requireInteraction: true });
  } catch {
    // Some platforms allow notifications only from a service worker, which the console has none of.
  }
}
