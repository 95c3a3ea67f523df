import { caseworkerOf, sleep, staffCredential, type DemoCase, type DemoContext } from './context';

const CHANNELS = ['MESSAGE', 'CALL', 'MESSAGE', 'VISIT'] as const;

/**
 * The people who keep in touch: in the background, each open case is checked in by its
 * caseworker about twice per (compressed) interval, so on-time cases never miss a deadline while
 * the story moves on. Those who go silent stop once they have reached safety.
 */
export class CheckinKeeper {
  private running = false;
  private loop: Promise<void> = Promise.resolve();
  private failure: Error | null = null;

  constructor(private readonly ctx: DemoContext) {}

  start(): void {
    this.running = true;
    this.loop = this.run();
  }

  /** Stops and rethrows what went wrong in the background, if anything did. */
  async stop(): Promise<void> {
    this.running = false;
    await this.loop;
    if (this.failure) throw this.failure;
  }

  /** Between steps: a background failure stops the story at once. */
  assertHealthy(): void {
    if (this.failure) throw this.failure;
  }

  private keepsInTouch(c: DemoCase): boolean {
    return c.reference !== null && c.caseworker !== null && !(c.goesSilent && c.arrived);
  }

  private async run(): Promise<void> {
    const { ctx } = this;
    const half = ctx.checkinIntervalMs / 2;
    try {
      while (this.running) {
        const due = ctx.cases.filter((c) => this.keepsInTouch(c) && Date.now() - c.lastTouchMs > half);
        for (const c of due) {
          if (!this.running) break;
          // The silent ones may have arrived while this round was under way.
          if (!this.keepsInTouch(c)) continue;
          await ctx.http.call(staffCredential(caseworkerOf(c)), 'POST', `/api/v1/cases/${c.reference}/check-ins`, { channel: CHANNELS[ctx.checkinsRecorded % CHANNELS.length] });
          c.lastTouchMs = Date.now();
          ctx.checkinsRecorded += 1;
        }
        await sleep(Math.max(200, Math.min(2_000, ctx.checkinIntervalMs / 10)));
      }
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.running = false;
    }
  }
}
