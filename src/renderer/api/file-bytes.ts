/** Bytes in and out of the renderer: a picked file as base64 (uploads, imports, verification), a text as base64 (a CSV to save). */

/** Reads a picked file as base64 (without the `data:` prefix), as the import methods take it. */
export function readFileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = typeof reader.result === 'string' ? reader.result : '';
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsDataURL(file);
  });
}

/** UTF-8 text as base64, for saving a generated text file through the same path as documents. */
export function textBase64(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin);
}
