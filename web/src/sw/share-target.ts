/**
 * "Share → Kith" (W3C Web Share Target Level 2): the system share sheet POSTs multipart/form-data to the
 * manifest's `share_target.action`, and this service worker answers it without the server, so sharing works
 * offline too. Photos go into the IndexedDB upload queue (web/src/lib/upload-store.ts) and the page at
 * `/share?queued=N` shows them uploading; a shared web page (a URL, no files) opens `/share?url=…`, where
 * region sharing for that page starts. The 303 makes the browser GET the result page (RFC 9110 §15.4.4), so
 * a reload does not post the photos again.
 */
import { SHARE_FIELDS } from '../manifest';
import { addUploads } from '../lib/upload-store';

/** The first http(s) URL among the shared fields: apps put it in `url`, in `text`, or (some) in `title`. */
export function sharedUrl(form: FormData): string | null {
  for (const field of [SHARE_FIELDS.url, SHARE_FIELDS.text, SHARE_FIELDS.title]) {
    const v = form.get(field);
    if (typeof v !== 'string') continue;
    const m = /https?:\/\/\S+/i.exec(v);
    if (!m) continue;
    try {
      return new URL(m[0]).href;
    } catch {
      // not a URL after all: look in the next field
    }
  }
  return null;
}

/**
 * Handles `POST /share-target`. @returns a 303 to `/share?queued=N` (N files queued), `/share?url=<page>`
 * (a shared page), or `/share?error=nothing` (neither a photo nor a link was shared, or the form was unreadable).
 */
export async function handleShareTarget(request: Request, origin: string): Promise<Response> {
  const to = (path: string) => Response.redirect(new URL(path, origin).href, 303);
  let form: FormData;
  try {
    form = await request.formData();
  } catch {
    return to('/share?error=unreadable');
  }
  const files = form.getAll(SHARE_FIELDS.files).filter((f): f is File => f instanceof File && f.size > 0);
  if (files.length > 0) {
    await addUploads(files, 'share');
    return to(`/share?queued=${files.length}`);
  }
  const url = sharedUrl(form);
  if (url) return to(`/share?url=${encodeURIComponent(url)}`);
  return to('/share?error=nothing');
}
