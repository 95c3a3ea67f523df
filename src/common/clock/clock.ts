/**
 * The one source of "now" for time-dependent logic (deadlines, expiries, windows), injected so
 * tests can move time. SQL that compares against the present takes this value as a parameter
 * instead of calling now().
 */
export abstract class Clock {
  abstract now(): Date;

  nowMs(): number {
    return this.now().getTime();
  }
}

export class SystemClock extends Clock {
  now(): Date {
    return new Date();
  }
}
