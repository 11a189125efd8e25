/** Views of signatures and documents (issue 6). */
import type { SignatureCheck } from '../signing/canonical';
import type { LETTER_CLASSIFICATIONS, LetterFont, LetterMargins, PaperSize } from '../domain/letter-page';

/** A generated document, ready to save, print or open. */
export interface DocumentFile {
  fileName: string;
  mime: string;
  dataBase64: string;
  sha256: string;
  letterNumber: string | null;
  verifyCode: string | null;
}

export interface DocumentVerification {
  /** True only for an unaltered copy Alur issued whose signature (if any) verifies. */
  valid: boolean;
  verdict: 'valid' | 'altered' | 'not_ours' | 'unknown' | 'signature_failed';
  message: string;
  kind: 'letter' | 'sheet' | null;
  caseId: string | null;
  caseRef: string | null;
  letterNumber: string | null;
  issuedAt: number | null;
  signature: SignatureCheck | null;
}

export interface KeyView {
  id: string;
  userId: string | null;
  userName: string | null;
  createdAt: number;
  certified: boolean;
  revokedAt: number | null;
  revokedReason: string | null;
  retiredAt: number | null;
}

export interface LetterheadView {
  unitId: string;
  unitName: string;
  government: string;
  agency: string;
  address: string;
  contacts: string;
  place: string;
  logo: { sha256: string; name: string; mime: string; size: number } | null;
  numberFormat: string;
  classification: string;
  tembusan: string[];
  paper: PaperSize;
  /** Millimetres. */
  margins: LetterMargins;
  font: LetterFont;
  fontSize: number;
  classificationLevel: (typeof LETTER_CLASSIFICATIONS)[number];
  opening: string;
  closing: string;
}
