/** The shape of a contract handler, shared by every area's handler table. */
import type { MethodName, ParsedInputOf, ResultOf } from '../../../shared/api/contract';
import { AppError } from '../../../shared/result';
import type { Caller } from '../services/auth.service';
import type { BackendContext } from '../services/context';

export type Handler<M extends MethodName> = (ctx: BackendContext, caller: Caller | null, input: ParsedInputOf<M>) => Promise<ResultOf<M>>;

/** A handler for every method of one area's method table. */
export type HandlersOf<T> = { [M in keyof T & MethodName]: Handler<M> };

/** The caller of a non-public method (the dispatcher already authenticated it). */
export function need(caller: Caller | null): Caller {
  if (!caller) throw new AppError('UNAUTHENTICATED', 'Silakan masuk terlebih dahulu.');
  return caller;
}
