/** Where the demo writes: a terminal gets a progress bar, anything else plain lines. */
export interface DemoOutput {
  write(text: string): void;
  readonly isTTY?: boolean;
}

const BAR_WIDTH = 28;

/** The readable account of the story as it happens, each line stamped with elapsed time. */
export class Timeline {
  private readonly startedAt = Date.now();
  private barShown = false;

  constructor(private readonly out: DemoOutput) {}

  private stamp(): string {
    const seconds = Math.floor((Date.now() - this.startedAt) / 1000);
    return `${String(Math.floor(seconds / 60)).padStart(2, '0')}:${String(seconds % 60).padStart(2, '0')}`;
  }

  private clearBar(): void {
    if (this.barShown) this.out.write('\r\x1b[2K');
    this.barShown = false;
  }

  say(line: string): void {
    this.clearBar();
    this.out.write(`[${this.stamp()}] ${line}\n`);
  }

  detail(line: string): void {
    this.clearBar();
    this.out.write(`         ${line}\n`);
  }

  heading(title: string): void {
    this.clearBar();
    this.out.write(`\n== ${title}\n`);
  }

  raw(text: string): void {
    this.clearBar();
    this.out.write(text);
  }

  /** Progress of a step over many people; redrawn in place on a terminal, silent otherwise. */
  progress(label: string, done: number, total: number): void {
    if (!this.out.isTTY || total === 0) return;
    const filled = Math.round((done / total) * BAR_WIDTH);
    this.out.write(`\r\x1b[2K         ${label} [${'#'.repeat(filled)}${'.'.repeat(BAR_WIDTH - filled)}] ${done}/${total}`);
    this.barShown = true;
  }

  done(): void {
    this.clearBar();
  }
}
