import { ExitError } from '../errors.js';

/** A spec that cannot be read or expanded: exit 2, nothing rendered or written. */
export class SpecError extends ExitError {
  constructor(message: string) {
    super(message, 2);
    this.name = 'SpecError';
  }
}
