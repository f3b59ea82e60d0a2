/** A store failure the user can act on (bad URL, failed migration, invalid mute); the message says what to do. */
export class StoreError extends Error {
  constructor(
    message: string,
    readonly code: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}
