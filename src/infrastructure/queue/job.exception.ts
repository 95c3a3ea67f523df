/** Thrown by a handler when retrying cannot help (the job is parked as failed at once). */
export class PermanentJobError extends Error {
  constructor(readonly code: string) {
    super(code);
    this.name = 'PermanentJobError';
  }
}

export class JobRegistrationError extends Error {
  constructor(problems: string[]) {
    super(`Job handlers are not registered correctly:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'JobRegistrationError';
  }
}
