/** Office settings the administrator sets, and this workstation's own code in tracking numbers. */
import type { ParsedInputOf } from '../../../shared/api/contract';
import type { OfficeSettingsView } from '../../../shared/api/views';
import { putRef } from '../refdata/ref-store';
import type { Caller } from './auth.service';
import type { BackendContext } from './context';
import { appendAudit } from './audit';
import { persistClock } from './commit';

async function stationCode(ctx: BackendContext): Promise<string> {
  const row = await ctx.db.selectFrom('local_meta').select('value').where('key', '=', 'station').executeTakeFirst();
  return row?.value ?? ctx.deviceId.slice(0, 2).toUpperCase();
}

export async function getSettings(ctx: BackendContext): Promise<OfficeSettingsView> {
  const o = await ctx.office();
  return {
    name: o.name,
    refFormat: o.refFormat,
    idleLockMinutes: o.idleLockMinutes,
    attachmentLimitMb: o.attachmentLimitMb,
    updateUrl: o.updateUrl,
    station: await stationCode(ctx),
  };
}

export async function saveSettings(ctx: BackendContext, caller: Caller, input: ParsedInputOf<'settings.save'>): Promise<OfficeSettingsView> {
  const { station, ...office } = input;
  await ctx.db.transaction().execute(async (trx) => {
    await putRef(trx, 'office', 'office', office, ctx.clock.tick());
    await trx
      .insertInto('local_meta')
      .values({ key: 'station', value: station })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value: station }))
      .execute();
    await appendAudit(ctx, trx, ctx.now(), { userId: caller.user.id, action: 'settings.save', target: 'office', detail: { ...input } });
    await persistClock(trx, ctx);
  });
  return getSettings(ctx);
}
