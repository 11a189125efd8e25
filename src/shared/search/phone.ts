/** Phone numbers as the search compares them. */

/** The digits of a phone number, a leading country code 62 read as 0 ("+62 812-34" → "081234"). */
export function phoneDigits(s: string | null | undefined): string {
  return (s ?? '').replace(/\D/g, '').replace(/^62/, '0');
}
