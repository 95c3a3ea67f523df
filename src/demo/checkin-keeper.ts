import { caseworkerOf, inPool, sleep, staffCredential, type DemoCase, type DemoContext } from './context';

const CHANNELS = ['MESSAGE', 'CALL', 'MESSAGE', 'VISIT'] as const;

/**
 * The people who keep in touch: in the background, each open case is checked in by its
 * caseworker well within each (compressed) interval, a few at a time, so on-time cases never miss
 * a deadline while the story moves on. Those who go silent stop once they have reached safety.
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
    // Checked in once 40 % of the interval has passed: the rest is headroom for a busy machine.
    const threshold = ctx.checkinIntervalMs * 0.4;
    try {
      while (this.running) {
        const due = ctx.cases.filter((c) => this.keepsInTouch(c) && Date.now() - c.lastTouchMs > threshold);
        await inPool(due, ctx.concurrency, async (c) => {
          // The silent ones may have arrived while this round was under way.
          if (!this.running || !this.keepsInTouch(c)) return;
          await ctx.http.call(staffCredential(caseworkerOf(c)), 'POST', `/api/v1/cases/${c.reference}/check-ins`, {
            channel: CHANNELS[ctx.checkinsRecorded % CHANNELS.length],
          });
          c.lastTouchMs = Date.now();
          ctx.checkinsRecorded += 1;
        });
        await sleep(Math.max(200, Math.min(2_000, ctx.checkinIntervalMs / 10)));
      }
    } catch (error) {
      this.failure = error instanceof Error ? error : new Error(String(error));
      this.running = false;
    }
  }
}
