/**
 * Faults are errors with a stable code and a message that says what to fix. Expected outcomes
 * (not found, partial results, refused votes) are values, not these.
 */
export class TriageError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'TriageError';
  }
}

/** Input that is not an alert, or not readable: the message names what is missing. */
export class InvalidAlertError extends TriageError {
  constructor(message: string) {
    super('invalid_alert', message);
    this.name = 'InvalidAlertError';
  }
}

export class ConfigError extends TriageError {
  constructor(readonly problems: string[]) {
    super('invalid_config', `configuration has ${problems.length} problem(s):\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}
