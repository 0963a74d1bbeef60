/**
 * Uploads one file to `POST /api/assets` with XMLHttpRequest, because fetch cannot
 * report upload progress. One request per file gives honest per-file progress and a
 * per-file result; the caller decides how many run at once.
 */
import { toApiError } from './client';
import type { UploadResult } from './types';

/** A file's result; `retryable` when no answer came (network) or the server failed (5xx): worth sending again. */
export type SentUpload = UploadResult & { retryable?: boolean };

export interface UploadHandle {
  promise: Promise<SentUpload>;
  abort(): void;
}

interface UploadResponse {
  results?: UploadResult[];
  code?: string;
  message?: string;
  details?: { results?: UploadResult[] };
}

/**
 * @param onProgress fraction sent, 0..1
 * @param event optional explicit event tag, sent before the file as the API requires
 * @param sidecar optional `sidecar` field (JSON, see the sdk's `sidecarUploadField`), sent right before the file it describes
 * Resolves with the server's result for this file; network errors and refusals resolve
 * as `status: 'failed'` with the server's message, so the caller never has to catch.
 */
export function uploadFile(file: File, onProgress: (fraction: number) => void, event?: string, sidecar?: string): UploadHandle {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<SentUpload>((resolve) => {
    const fail = (code: string, message: string, retryable = false): void =>
      resolve({ filename: file.name, status: 'failed', error: { code, message }, retryable });
    xhr.open('POST', '/api/assets');
    xhr.withCredentials = true;
    xhr.responseType = 'json';
    xhr.setRequestHeader('accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => {
      const body = (xhr.response ?? undefined) as UploadResponse | undefined;
      // A batch where every file failed answers 4xx with the per-file results in details.
      const result = body?.results?.[0] ?? body?.details?.results?.[0];
      if (result) return resolve({ ...result, filename: result.filename || file.name });
      if (xhr.status >= 200 && xhr.status < 300) return fail('empty_response', 'The server did not report on this file.');
      const err = toApiError(xhr.status, body, 'Upload failed');
      fail(err.code, err.message, xhr.status >= 500);
    };
    xhr.onerror = () => fail('network_error', 'Network error: the upload did not reach the server.', true);
    xhr.onabort = () => fail('aborted', 'Upload cancelled.');
    const form = new FormData();
    if (event) form.append('event', event);
    if (sidecar) form.append('sidecar', sidecar);
    form.append('file', file, file.name);
    xhr.send(form);
  });
  return { promise, abort: () => xhr.abort() };
}
