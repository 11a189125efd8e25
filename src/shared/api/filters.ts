/** The case-list filters, shared by `case.list` and saved searches. */
import { z } from 'zod';
import { CaseStatus, CaseType, Channel } from '../domain/enums';
import { Id } from '../domain/org';

export const CaseListInput = z
  .object({
    status: CaseStatus.optional(),
    channel: Channel.optional(),
    type: CaseType.optional(),
    categoryId: z.string().max(48).optional(),
    unitId: Id.optional(),
    search: z.string().trim().max(200).optional(),
    overdue: z.boolean().optional(),
    /** Only cases with an act that no longer applied (two officials on the same step offline). */
    conflicts: z.boolean().optional(),
    receivedFrom: z.number().int().optional(),
    receivedTo: z.number().int().optional(),
    limit: z.number().int().min(1).max(500).default(50),
    offset: z.number().int().min(0).default(0),
  })
  .strict();
export type CaseListInput = z.input<typeof CaseListInput>;
