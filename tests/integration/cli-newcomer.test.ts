/**
 * A newcomer's first ten minutes with the `alur` command: `alur init` then `alur demo` on the
 * same folder, the demo saying where it wrote, and a Kalimantan Timur demo that reads like a
 * Kalimantan Timur office (its own Diskominfo, seat, area code and places), not Balangan's.
 */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli';
import { listRefs } from '../../src/main/backend/refdata/ref-store';
import { demoRegion } from '../../src/main/cli/demo/regions';
import { call, openTestContext, tempDir } from '../helpers/temp';

const alur = runCli;

describe('alur init, then alur demo', () => {
  it('fills the office made by init, certifying the officials with its administrator password, whose signed acts verify', async () => {
    const data = path.join(tempDir(), 'data');
    expect(
      (await alur(['--data', data, 'init', '--preset', 'balangan', '--office', 'Diskominfo Uji', '--admin-password', 'sandi-admin-1'])).code,
    ).toBe(0);
    const refsBefore = async () => {
      const ctx = await openTestContext(data);
      try {
        return (await listRefs(ctx.db, 'user')).length;
      } finally {
        await ctx.opened.close();
      }
    };
    const users = await refsBefore();
    // Without the administrator's password (no terminal to ask on): refused, nothing written.
    const refused = await alur(['--data', data, 'demo', '--cases', '8']);
    expect(refused.code).toBe(1);
    expect(refused.err[0]).toMatch(/^alur: .*--admin-password/);
    expect(await refsBefore()).toBe(users);

    const r = await alur(['--data', data, 'demo', '--cases', '8', '--seed', '3', '--admin-password', 'sandi-admin-1']);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out[0]).toBe(`Folder data: ${data}`);
    expect(r.out.join('\n')).toMatch(/administrator kantor: kata sandinya sendiri/);
    expect(r.out.join('\n')).toMatch(/^ {2}kabid\.ikp — /m);
    const ctx = await openTestContext(data);
    try {
      const signedCase = ctx.opened.sqlite.prepare('SELECT case_id AS id FROM event WHERE signature IS NOT NULL LIMIT 1').get() as
        { id: string } | undefined;
      expect(signedCase).toBeTruthy();
      // Before this fix the officials' keys stayed uncertified and every signature failed here.
      const admin = await call(ctx, 'session.login', null, { username: 'admin', password: 'sandi-admin-1' });
      const d = await call(ctx, 'case.get', admin.token, { caseId: signedCase?.id ?? '' });
      const checks = d.timeline.flatMap((e) => (e.signature ? [e.signature.status] : []));
      expect(checks.length).toBeGreaterThan(0);
      expect(
        checks.every((c) => c === 'valid'),
        checks.join(','),
      ).toBe(true);
      const official = (await listRefs(ctx.db, 'user')).find((u) => u.username === 'kadis');
      // Rank with golongan as offices write it, an 18-digit NIP whose birth and appointment fit.
      expect(official?.rank).toMatch(/^Pembina (Tingkat I|Utama Muda) \(IV\/[bc]\)$/);
      const nip = official?.nip ?? '';
      expect(nip).toMatch(/^\d{18}$/);
      const born = Number(nip.slice(0, 4));
      const appointed = Number(nip.slice(8, 12));
      expect(appointed - born).toBeGreaterThanOrEqual(18);
      expect(appointed - born).toBeLessThanOrEqual(35);
      expect(official?.fullName).toMatch(/, [SM]\.[A-Za-z.]+\.$/);
    } finally {
      await ctx.opened.close();
    }
  });

  it('--preset kaltim makes a Kalimantan Timur office with its own names and places', async () => {
    const data = path.join(tempDir(), 'data');
    const r = await alur(['--data', data, 'demo', '--preset', 'kaltim', '--cases', '12', '--seed', '2']);
    expect(r.code, r.err.join('\n')).toBe(0);
    const ctx = await openTestContext(data);
    try {
      const office = await ctx.office();
      expect(office.name).toBe('Dinas Komunikasi dan Informatika Provinsi Kalimantan Timur');
      const heads = await listRefs(ctx.db, 'letterhead');
      expect(heads.length).toBeGreaterThan(0);
      for (const h of heads) {
        expect(h.place).toBe('Samarinda');
        expect(h.contacts).toMatch(/\(0541\)/);
        expect(h.government).toBe('Pemerintah Provinsi Kalimantan Timur');
      }
      const locations = (ctx.opened.sqlite.prepare('SELECT location FROM cases').all() as Array<{ location: string | null }>).map(
        (c) => c.location ?? '',
      );
      const places = demoRegion('kaltim').places;
      expect(locations.length).toBe(12);
      for (const l of locations)
        expect(
          places.some((p) => l.includes(p)),
          l,
        ).toBe(true);
      const text = JSON.stringify(ctx.opened.sqlite.prepare('SELECT title, location FROM cases').all());
      expect(text).not.toMatch(/Balangan|Paringin/);
    } finally {
      await ctx.opened.close();
    }
  });
});
