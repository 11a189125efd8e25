/**
 * The shape of `window.alur`, the object the Electron preload exposes to the renderer. A pure
 * type: the renderer imports it (type only) without touching Electron, and the preload checks
 * what it builds against it with `satisfies`.
 */
import type { MethodName, ServerEvent } from './contract';
import type { Result } from '../result';

/** One named function per contract method (never a generic invoke), plus the event feed. */
export type AlurBridge = {
  [M in MethodName]: (token: string | null, input: unknown) => Promise<Result<unknown>>;
} & {
  /** Subscribes to backend events; returns the unsubscribe function. */
  onEvent(listener: (event: ServerEvent) => void): () => void;
};
