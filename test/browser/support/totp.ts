import { readFileSync, writeFileSync } from 'node:fs';
import { base32Decode, totpCode, totpStep } from '@demo/totp';

/**
 * Codes an authenticator app would show, never one the server has seen: it refuses a step at or
 * before the last one used, and accepts one step either side of now. The last step per secret
 * is kept in a file the global setup names (CORRIDOR_BROWSER_TOTP_FILE), because Playwright
 * starts a new worker process after a failed test.
 */
function load(): Record<string, number> {
  const file = process.env.CORRIDOR_BROWSER_TOTP_FILE;
  if (!file) return {};
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

function remember(secret: string, step: number): void {
  const file = process.env.CORRIDOR_BROWSER_TOTP_FILE;
  if (file) writeFileSync(file, JSON.stringify({ ...load(), [secret]: step }));
}

export async function nextCode(secret: string): Promise<string> {
  const key = base32Decode(secret);
  const last = load()[secret] ?? -1;
  for (;;) {
    const now = totpStep(Date.now());
    for (const step of [now - 1, now, now + 1]) {
      if (step > last) {
        remember(secret, step);
        return totpCode(key, step);
      }
    }
    // All three steps around now are spent: the next one comes within 30 s.
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
