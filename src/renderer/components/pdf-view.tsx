/**
 * A PDF shown inside the app, page by page on canvases (pdf.js). The CSP allows no frames and
 * no plugin, so the browser's own PDF viewer cannot be embedded; pdf.js draws the pages
 * instead, with its worker bundled by Vite and served from the app itself ('self'), never
 * fetched from a network. Used for the letter preview in the act dialogs, the attachment
 * viewer and the signature book.
 */
import { Alert, Spin } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

/** Pages drawn at most: a viewer beside a case, not a reader for a 300-page scan. */
const MAX_PAGES = 20;

/** pdf.js is large: loaded the first time a PDF is shown, not with the app. */
async function loadPdfjs(): Promise<typeof import('pdfjs-dist')> {
  const pdfjs = await import('pdfjs-dist');
  pdfjs.GlobalWorkerOptions.workerSrc = workerUrl;
  return pdfjs;
}

/** Base64 (as the API carries files) to bytes. */
export function base64Bytes(b64: string): Uint8Array<ArrayBuffer> {
  const bin = atob(b64);
  const out = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) out[i] = bin.charCodeAt(i);
  return out;
}

interface PdfViewProps {
  /** The PDF as base64 (as `document.*` and `attachment.get` return it). */
  dataBase64: string;
  /** CSS width each page is drawn at, in pixels (the canvas is drawn sharper for HiDPI screens). */
  width?: number;
  /** Accessible name of the whole document, e.g. "Pratinjau surat". */
  label: string;
  testId?: string;
}

/** Draws every page (up to {@link MAX_PAGES}) of a PDF, one canvas each, one below the other. */
export function PdfView({ dataBase64, width = 560, label, testId = 'pdf-view' }: PdfViewProps) {
  const { t } = useTranslation();
  const host = useRef<HTMLDivElement>(null);
  // The outcome for one document; another document shows as loading until its own outcome.
  const [outcome, setOutcome] = useState<{
    of: string;
    done: { status: 'ready'; pages: number; shown: number } | { status: 'error'; message: string };
  } | null>(null);
  const state = outcome?.of === dataBase64 ? outcome.done : ({ status: 'loading' } as const);

  useEffect(() => {
    let cancelled = false;
    let doc: PDFDocumentProxy | null = null;
    const el = host.current;
    // Every failure inside is caught and shown as the viewer's error state.
    const drawing = (async () => {
      try {
        const pdfjs = await loadPdfjs();
        // No eval (the CSP forbids it anyway) and nothing fetched: fonts are embedded in our PDFs.
        doc = await pdfjs.getDocument({ data: base64Bytes(dataBase64), isEvalSupported: false, useSystemFonts: true, stopAtErrors: false }).promise;
        if (cancelled || !el) return;
        el.replaceChildren();
        const shown = Math.min(doc.numPages, MAX_PAGES);
        const ratio = Math.min(window.devicePixelRatio || 1, 2);
        for (let n = 1; n <= shown; n++) {
          const page = await doc.getPage(n);
          if (cancelled) return;
          const base = page.getViewport({ scale: 1 });
          const viewport = page.getViewport({ scale: (width / base.width) * ratio });
          const canvas = document.createElement('canvas');
          canvas.width = Math.floor(viewport.width);
          canvas.height = Math.floor(viewport.height);
          canvas.style.width = `${width}px`;
          canvas.style.height = `${Math.floor(viewport.height / ratio)}px`;
          canvas.className = 'alur-pdf-page';
          canvas.setAttribute('role', 'img');
          canvas.setAttribute('aria-label', t('pdfView.page', { label, page: n, pages: doc.numPages }));
          canvas.dataset['page'] = String(n);
          el.appendChild(canvas);
          await page.render({ canvas, viewport }).promise;
        }
        if (!cancelled) setOutcome({ of: dataBase64, done: { status: 'ready', pages: doc.numPages, shown } });
      } catch (e) {
        if (!cancelled) setOutcome({ of: dataBase64, done: { status: 'error', message: e instanceof Error ? e.message : String(e) } });
      }
    })();
    drawing.catch(() => undefined);
    return () => {
      cancelled = true;
      doc?.destroy().catch(() => undefined);
    };
  }, [dataBase64, width, label, t]);

  return (
    <div data-testid={testId} data-status={state.status} aria-label={label} role="document">
      {state.status === 'loading' && <Spin description={t('pdfView.loading')} />}
      {state.status === 'error' && <Alert type="error" showIcon title={t('pdfView.failed')} description={state.message} />}
      <div ref={host} style={{ display: 'flex', flexDirection: 'column', gap: 8, alignItems: 'center' }} />
      {state.status === 'ready' && state.shown < state.pages && (
        <Alert type="info" showIcon title={t('pdfView.more', { shown: state.shown, pages: state.pages })} />
      )}
    </div>
  );
}
