/**
 * The relay's one error type. Carries a code from the shared map so the gateway can turn it into
 * an error frame and the HTTP layer into a status, without string matching.
 */
import { ERROR_CODES, type ErrorCode } from '@eyelevel/shared';

export class RelayError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'RelayError';
    this.code = code;
  }

  get httpStatus(): number {
    return ERROR_CODES[this.code].http;
  }

  get closeCode(): number {
    return ERROR_CODES[this.code].close;
  }
}

export function isRelayError(error: unknown): error is RelayError {
  return error instanceof RelayError;
}
