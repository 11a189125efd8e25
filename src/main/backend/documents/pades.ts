/**
 * PAdES: signing the PDF file itself with the office's BSrE certificate (.p12), so that any
 * standard PDF reader shows the signature. This is in addition to Alur's own signature on the
 * approval: the Ed25519 signature says who decided, the PAdES one that this file is the
 * office's and unchanged.
 */
import { PDFDocument } from 'pdf-lib';
import { pdflibAddPlaceholder } from '@signpdf/placeholder-pdf-lib';
import { P12Signer } from '@signpdf/signer-p12';
// The named class, not the default instance: the package is CommonJS with `exports.default`,
// which Node's ESM loader (tsx, the CLI) and bundlers resolve differently.
import { SignPdf } from '@signpdf/signpdf';
import { AppError } from '../../../shared/result';
import { signatureTextTokens } from './pades-text';

interface PadesOptions {
  p12: Buffer;
  passphrase: string;
  /** Shown by PDF readers beside the signature. */
  reason: string;
  name: string;
  location: string;
  contactInfo: string;
  signingTime: Date;
  /** A visible signature: the widget laid over the box drawn on the signature block. */
  appearance?: { page: number; rect: [number, number, number, number] } | null;
}

const MAX_P12 = 100 * 1024;

export async function signPdfPades(pdf: Buffer, o: PadesOptions): Promise<Buffer> {
  if (o.p12.length === 0 || o.p12.length > MAX_P12) throw new AppError('VALIDATION', 'Berkas sertifikat .p12 kosong atau terlalu besar.');
  // An ASN.1 SEQUENCE starts every PKCS#12 file; anything else is not a certificate file.
  if (o.p12[0] !== 0x30) throw new AppError('VALIDATION', 'Berkas itu bukan sertifikat .p12 (PKCS#12).');
  let signer: P12Signer;
  try {
    signer = new P12Signer(o.p12, { passphrase: o.passphrase });
  } catch {
    throw new AppError('VALIDATION', 'Sertifikat .p12 tidak dapat dibuka.');
  }
  const doc = await PDFDocument.load(pdf, { updateMetadata: false });
  const text = signatureTextTokens({ reason: o.reason, name: o.name, location: o.location, contactInfo: o.contactInfo });
  const page = o.appearance ? doc.getPages()[o.appearance.page] : undefined;
  if (o.appearance && !page) throw new AppError('INTERNAL', 'Halaman kotak tanda tangan tidak ditemukan.');
  pdflibAddPlaceholder({
    ...(page ? { pdfPage: page, widgetRect: o.appearance?.rect } : { pdfDoc: doc }),
    ...text.tokens,
    signingTime: o.signingTime,
    subFilter: 'ETSI.CAdES.detached',
    appName: 'Alur',
    signatureLength: 16_384,
  });
  text.apply(doc);
  const withPlaceholder = Buffer.from(await doc.save({ useObjectStreams: false }));
  try {
    return await new SignPdf().sign(withPlaceholder, signer, o.signingTime);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/password|mac|decrypt|pkcs12/i.test(msg))
      throw new AppError('VALIDATION', 'Kata sandi sertifikat .p12 salah, atau berkasnya rusak. Tidak ada yang ditandatangani.');
    throw new AppError('VALIDATION', `Penandatanganan PAdES gagal: ${msg.split('\n')[0]}`);
  }
}
