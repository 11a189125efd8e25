/**
 * Text in the PAdES signature dictionary (signer name, reason, location, contact) as PDF text
 * strings that hold any character. The placeholder library writes them as PDFDocEncoding
 * literals, which mangle anything outside Latin-1 ("Ḥusain", "Ṣāliḥ"); readers show the /Name
 * as the signer. Each value goes in as a unique ASCII token and is swapped, before the file is
 * saved and its byte range fixed, for a UTF-16 hex string.
 */
import { PDFHexString, PDFInvalidObject, type PDFDocument } from 'pdf-lib';

interface SignatureText {
  reason: string;
  name: string;
  location: string;
  contactInfo: string;
}

/** ASCII tokens to hand to the placeholder, and the step that puts the real text in. */
export function signatureTextTokens(values: SignatureText): { tokens: SignatureText; apply(doc: PDFDocument): void } {
  const keys = ['reason', 'name', 'location', 'contactInfo'] as const;
  const tokens = {
    reason: 'ALURTEXT0REASON',
    name: 'ALURTEXT1NAME',
    location: 'ALURTEXT2LOCATION',
    contactInfo: 'ALURTEXT3CONTACT',
  } satisfies SignatureText;
  return {
    tokens,
    apply(doc) {
      for (const [ref, obj] of doc.context.enumerateIndirectObjects()) {
        if (!(obj instanceof PDFInvalidObject)) continue;
        const buf = new Uint8Array(obj.sizeInBytes());
        obj.copyBytesInto(buf, 0);
        let text = Buffer.from(buf).toString('latin1');
        if (!text.includes('/Type /Sig') || !text.includes(tokens.name)) continue;
        for (const k of keys) text = text.split(`(${tokens[k]})`).join(PDFHexString.fromText(values[k]).toString());
        doc.context.assign(ref, PDFInvalidObject.of(Buffer.from(text, 'latin1')));
      }
    },
  };
}
