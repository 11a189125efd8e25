/**
 * The letter's own sentences around the drafter's text: an opening that cites the complaint and
 * a closing, both edited per letterhead. Drafters often write their own "Menindaklanjuti ..." or
 * "... terima kasih"; the letter then does not say it twice.
 */
import { LETTER_TEMPLATE_TOKENS } from '../../../shared/domain/letter-page';

export const DEFAULT_OPENING =
  'Menindaklanjuti aduan masyarakat Nomor {NOMOR_ADUAN} tanggal {TANGGAL_ADUAN} perihal "{HAL}", dengan ini kami sampaikan tanggapan sebagai berikut:';
export const DEFAULT_CLOSING = 'Demikian tanggapan ini kami sampaikan. Atas perhatian dan kerja samanya diucapkan terima kasih.';

const OWN_OPENING = /^(menindaklanjuti|menanggapi|sehubungan dengan|berkenaan dengan|merujuk|memperhatikan|dengan hormat)\b/i;
const OWN_CLOSING = /^demikian\b|terima\s*kasih\W*$/i;

interface LetterText {
  opening: string | null;
  body: string[];
  closing: string | null;
}

/** Fills {NOMOR_ADUAN} {TANGGAL_ADUAN} {HAL}; a missing date drops its "tanggal" with it. */
export function fillTemplate(template: string, v: { ref: string; date: string; title: string }): string {
  const values: Record<(typeof LETTER_TEMPLATE_TOKENS)[number], string> = { '{NOMOR_ADUAN}': v.ref, '{TANGGAL_ADUAN}': v.date, '{HAL}': v.title };
  let out = v.date ? template : template.replace(/\s*tanggal\s+\{TANGGAL_ADUAN\}/g, '');
  for (const [k, val] of Object.entries(values)) out = out.split(k).join(val);
  return out.replace(/\s+/g, ' ').trim();
}

/** Paragraphs of the response text, blank lines and single line breaks alike. */
function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n|\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * Opening, body and closing of the letter: the template's sentences unless the drafter's text
 * already opens or closes in its own words.
 */
export function composeLetterText(response: string, opening: string, closing: string): LetterText {
  const body = paragraphs(response);
  const first = body[0] ?? '';
  const last = body[body.length - 1] ?? '';
  return {
    opening: opening && !OWN_OPENING.test(first) ? opening : null,
    body,
    closing: closing && !(body.length > 0 && OWN_CLOSING.test(last)) ? closing : null,
  };
}

/** Tembusan lines as the rule writes them: addressees only, no "Yth.", no archive copy. */
export function tembusanLines(list: readonly string[]): string[] {
  return list.map((t) => t.replace(/^\s*(yth\.?|kepada\s+yth\.?)\s*/i, '').trim()).filter((t) => t && !/^arsip\b/i.test(t));
}
