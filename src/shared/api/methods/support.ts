/** Contract methods for support: what an administrator can hand to the people who maintain Alur. */
import { z } from 'zod';
import { method } from '../method';

/** The support log (JSON lines, oldest first: event codes, ids and counts; see log/logger.ts). */
interface LogExport {
  fileName: string;
  text: string;
}

export const supportMethods = {
  /** The data folder's support log, for an administrator to send with a problem report. */
  'support.logExport': method<LogExport>()(z.object({}).strict(), 'admin'),
} as const;
