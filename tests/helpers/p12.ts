/** A self-signed certificate standing in for an office's BSrE one, as PKCS#12 (for PAdES tests). */
import forge from 'node-forge';

export function makeP12(password: string): Buffer {
  const keys = forge.pki.rsa.generateKeyPair(2048);
  const cert = forge.pki.createCertificate();
  cert.publicKey = keys.publicKey;
  cert.serialNumber = '01';
  cert.validity.notBefore = new Date(Date.UTC(2024, 0, 1));
  cert.validity.notAfter = new Date(Date.UTC(2030, 0, 1));
  const attrs = [
    { name: 'commonName', value: 'Dinas Kominfo Uji' },
    { name: 'countryName', value: 'ID' },
    { name: 'organizationName', value: 'Pemerintah Kabupaten Uji' },
  ];
  cert.setSubject(attrs);
  cert.setIssuer(attrs);
  cert.sign(keys.privateKey, forge.md.sha256.create());
  const asn1 = forge.pkcs12.toPkcs12Asn1(keys.privateKey, [cert], password, { algorithm: '3des' });
  return Buffer.from(forge.asn1.toDer(asn1).getBytes(), 'binary');
}
