/** Building blocks of the contract: a method is an input schema, an access level and a result type. */
import type { z } from 'zod';

/** Who may call: anyone (before login), any logged-in user, or an administrator. */
export type Access = 'public' | 'user' | 'admin';

export interface MethodSpec<I extends z.ZodType, R> {
  input: I;
  access: Access;
  /** Phantom: carries the result type; never set at run time. */
  readonly result?: R;
}

/** `method<Result>()(inputSchema, access)`: the result type rides along as a phantom. */
export function method<R>() {
  return function spec<I extends z.ZodType>(input: I, access: Access): MethodSpec<I, R> {
    return { input, access };
  };
}
