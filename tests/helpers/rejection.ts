/** The AppError a promise rejects with; fails the test when it resolves or throws something else. */
import { AppError } from '../../src/shared/result';

export async function rejection(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected a rejection');
}
