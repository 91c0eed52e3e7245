import {
  contentLength,
  fallbackFileName,
  fileNameFromContentDisposition,
  parseReportError,
  progressFraction,
  reportUrl,
  type ExportRequest,
  type ReportError,
} from './quarterly-export';

/** The report endpoint refused or could not be reached (`status` 0): the message is the API's own. */
export class ReportDownloadError extends Error {
  constructor(readonly detail: ReportError) {
    super(detail.message);
    this.name = 'ReportDownloadError';
  }
}

export type DownloadProgress =
  /** the server is assembling the report (most of the wait: queries, charts, rendering) */
  | { stage: 'preparing' }
  /** bytes arriving; `fraction` null when the size is unknown */
  | { stage: 'receiving'; received: number; fraction: number | null };

/**
 * Fetches the report with the session cookie, reading the body in chunks to report progress, and returns it
 * with the server's file name. Aborting the signal cancels the request.
 */
export async function fetchReport(request: ExportRequest, options: { signal: AbortSignal; onProgress: (progress: DownloadProgress) => void }): Promise<{ blob: Blob; fileName: string }> {
  options.onProgress({ stage: 'preparing' });
  let response: Response;
  try {
    response = await fetch(reportUrl(request), { credentials: 'same-origin', signal: options.signal });
  } catch (error: unknown) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ReportDownloadError({ status: 0, code: 'NETWORK', message: (error as Error).message, parameter: null });
  }
  if (!response.ok) throw new ReportDownloadError(parseReportError(response.status, response.statusText, await response.text()));

  const total = contentLength(response.headers.get('content-length'));
  const type = response.headers.get('content-type') ?? 'application/octet-stream';
  const chunks: Uint8Array[] = [];
  let received = 0;
  options.onProgress({ stage: 'receiving', received, fraction: progressFraction(received, total) });
  if (response.body) {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      received += value.byteLength;
      options.onProgress({ stage: 'receiving', received, fraction: progressFraction(received, total) });
    }
  } else {
    const buffer = new Uint8Array(await response.arrayBuffer());
    chunks.push(buffer);
    received = buffer.byteLength;
    options.onProgress({ stage: 'receiving', received, fraction: 1 });
  }
  const fileName = fileNameFromContentDisposition(response.headers.get('content-disposition')) ?? fallbackFileName(request);
  return { blob: new Blob(chunks as BlobPart[], { type }), fileName };
}

/** Hands a blob to the browser as a download under `fileName` (an object URL on a temporary link). */
export function saveBlob(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.rel = 'noopener';
  link.style.display = 'none';
  document.body.append(link);
  link.click();
  link.remove();
  // Some browsers read the URL after click() returns: revoke a little later.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
