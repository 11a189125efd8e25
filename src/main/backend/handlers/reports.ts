/** Handlers of reports methods (see src/shared/api/methods/reports.ts). */
import { PassThrough } from 'node:stream';
import type { reportMethods } from '../../../shared/api/methods/reports';
import { dashboardStats, reportData, writeReport } from '../reports/report.service';
import { need, type HandlersOf } from './types';

export const reportHandlers: HandlersOf<typeof reportMethods> = {
  'report.data': (ctx, c, input) => reportData(ctx, need(c), input.kind, input.period),
  'report.export': async (ctx, c, input) => {
    const sink = new PassThrough();
    const chunks: Buffer[] = [];
    sink.on('data', (b: Buffer) => chunks.push(b));
    const file = await writeReport(ctx, need(c), input.kind, input.period, input.format, sink);
    return { ...file, dataBase64: Buffer.concat(chunks).toString('base64') };
  },
  'dashboard.stats': (ctx, c, input) => dashboardStats(ctx, need(c), input.from, input.to),
};
