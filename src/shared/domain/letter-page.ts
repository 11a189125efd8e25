/**
 * Page setup and wording of an office's letters, kept with each unit's letterhead. Regional
 * rules on *tata naskah dinas* differ: paper A4 or F4 (folio, 215 x 330 mm), about 3 cm left
 * margin for binding, Arial or Bookman Old Style 12 pt. Defaults follow the common rule, so a
 * letterhead saved before these fields existed prints the usual letter.
 */
import { z } from 'zod';

export const PAPER_SIZES = ['A4', 'F4'] as const;
export type PaperSize = (typeof PAPER_SIZES)[number];

/** The faces a rule prescribes; each prints with a metric-compatible open font shipped with the app. */
export const LETTER_FONTS = ['arial', 'bookman', 'times'] as const;
export type LetterFont = (typeof LETTER_FONTS)[number];

/** The classification part of *Sifat*; a *rahasia* case's letter is always Rahasia. */
export const LETTER_CLASSIFICATIONS = ['Biasa', 'Terbatas'] as const;

const Margin = z.number().int().min(5).max(60);

export const LetterMargins = z.object({ top: Margin, right: Margin, bottom: Margin, left: Margin });
export type LetterMargins = z.infer<typeof LetterMargins>;

const DEFAULT_MARGINS: LetterMargins = { top: 20, right: 20, bottom: 20, left: 30 };

/**
 * Tokens of the opening sentence: {NOMOR_ADUAN} {TANGGAL_ADUAN} {HAL}. Empty means the
 * built-in sentence.
 */
export const LETTER_TEMPLATE_TOKENS = ['{NOMOR_ADUAN}', '{TANGGAL_ADUAN}', '{HAL}'] as const;

export const LetterPageFields = {
  paper: z.enum(PAPER_SIZES).default('A4'),
  /** Millimetres. */
  margins: LetterMargins.default(DEFAULT_MARGINS),
  font: z.enum(LETTER_FONTS).default('arial'),
  fontSize: z.number().int().min(10).max(13).default(12),
  classificationLevel: z.enum(LETTER_CLASSIFICATIONS).default('Biasa'),
  opening: z.string().max(1000).default(''),
  closing: z.string().max(600).default(''),
};
