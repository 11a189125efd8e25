/** The letter's own sentences around the drafter's text, tembusan lines, and logo sizes. */
import { describe, expect, it } from 'vitest';
import {
  composeLetterText,
  DEFAULT_CLOSING,
  DEFAULT_OPENING,
  fillTemplate,
  tembusanLines,
} from '../../../src/main/backend/documents/letter-template';
import { fitLogo, imageSize } from '../../../src/main/backend/documents/page-setup';

describe('letter template', () => {
  const v = { ref: 'ADU-2026-0001', date: '8 Januari 2026', title: 'Jalan rusak' };

  it('fills the opening tokens, and drops "tanggal" with a missing date', () => {
    expect(fillTemplate(DEFAULT_OPENING, v)).toBe(
      'Menindaklanjuti aduan masyarakat Nomor ADU-2026-0001 tanggal 8 Januari 2026 perihal "Jalan rusak", dengan ini kami sampaikan tanggapan sebagai berikut:',
    );
    expect(fillTemplate(DEFAULT_OPENING, { ...v, date: '' })).toContain('Nomor ADU-2026-0001 perihal');
  });

  it('does not say the opening or the thanks twice when the drafter wrote their own', () => {
    const own = composeLetterText(
      'Menindaklanjuti laporan Saudara, jalan telah diperbaiki.\n\nDemikian kami sampaikan, terima kasih.',
      'PEMBUKA',
      DEFAULT_CLOSING,
    );
    expect(own).toEqual({
      opening: null,
      body: ['Menindaklanjuti laporan Saudara, jalan telah diperbaiki.', 'Demikian kami sampaikan, terima kasih.'],
      closing: null,
    });
    const plain = composeLetterText('Terima kasih atas laporan Saudara. Jalan diperbaiki pekan depan.', 'PEMBUKA', 'PENUTUP');
    expect(plain).toEqual({ opening: 'PEMBUKA', body: ['Terima kasih atas laporan Saudara. Jalan diperbaiki pekan depan.'], closing: 'PENUTUP' });
    expect(composeLetterText('Sudah ditangani. Terima kasih.', 'PEMBUKA', 'PENUTUP').closing).toBeNull();
  });

  it('writes tembusan as the rule does: no "Yth.", no archive copy', () => {
    expect(tembusanLines(['Yth. Bupati Balangan', 'Kepada Yth. Sekretaris Daerah', 'Arsip', 'arsip.', 'Inspektur'])).toEqual([
      'Bupati Balangan',
      'Sekretaris Daerah',
      'Inspektur',
    ]);
  });

  it("keeps a logo's proportions", () => {
    const png = Buffer.alloc(33);
    png.writeUInt32BE(0x89504e47, 0);
    png.writeUInt32BE(300, 16);
    png.writeUInt32BE(100, 20);
    expect(imageSize(png)).toEqual({ width: 300, height: 100 });
    expect(fitLogo(png, 85, 85)).toEqual({ width: 85, height: 28 });
    // A baseline JPEG: SOI, an APP0 segment, then SOF0 with height 50 and width 40.
    const jpeg = Buffer.from([
      0xff, 0xd8, 0xff, 0xe0, 0x00, 0x04, 0x00, 0x00, 0xff, 0xc0, 0x00, 0x0b, 0x08, 0x00, 0x32, 0x00, 0x28, 0x01, 0x01, 0x11, 0x00,
    ]);
    expect(imageSize(jpeg)).toEqual({ width: 40, height: 50 });
  });
});
