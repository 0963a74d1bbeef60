/** Adding photos through a public link: the visitor's name (kept in this browser for next time), then the files. */
import { useRef, useState, type FormEvent } from 'react';
import { ImagePlus } from 'lucide-react';
import { errorMessage } from '../../api/client';
import { publicAlbumApi } from '../../api/album-sharing';
import { plural } from '../../lib/format';

const NAME_KEY = 'kith:link-uploader-name';

export function PublicUpload({ linkKey, onUploaded }: { linkKey: string; onUploaded: () => void }) {
  const [name, setName] = useState(() => localStorage.getItem(NAME_KEY) ?? '');
  const [files, setFiles] = useState<File[]>([]);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const input = useRef<HTMLInputElement>(null);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setStatus(null);
    try {
      localStorage.setItem(NAME_KEY, name.trim());
      const r = await publicAlbumApi.upload(linkKey, name.trim(), files);
      setFiles([]);
      if (input.current) input.current.value = '';
      setStatus(
        r.failed.length
          ? { tone: 'error', text: `Added ${plural(r.added, 'photo')}; not added: ${r.failed.join('; ')}` }
          : { tone: 'ok', text: `Added ${plural(r.added, 'photo')} as ${name.trim()}. Thank you!` },
      );
      onUploaded();
    } catch (err) {
      setStatus({ tone: 'error', text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="public-upload card" id="public-upload" onSubmit={(e) => void submit(e)} data-testid="public-upload">
      <h2>
        <ImagePlus size={18} aria-hidden /> Add your photos
      </h2>
      <div className="public-upload-row">
        <label className="field">
          <span className="field-label">Your name</span>
          <input
            className="input"
            value={name}
            required
            maxLength={80}
            autoComplete="name"
            placeholder="Shown next to your photos"
            onChange={(e) => setName(e.target.value)}
            data-testid="public-upload-name"
          />
        </label>
        <label className="field">
          <span className="field-label">Photos (up to 20)</span>
          <input
            ref={input}
            className="input"
            type="file"
            accept="image/*"
            multiple
            onChange={(e) => setFiles([...(e.target.files ?? [])].slice(0, 20))}
            data-testid="public-upload-input"
          />
        </label>
      </div>
      <button className="button button-primary" disabled={busy || !name.trim() || files.length === 0} data-testid="public-upload-submit">
        {busy ? 'Adding…' : files.length ? `Add ${plural(files.length, 'photo')}` : 'Add photos'}
      </button>
      {status && (
        <p className={status.tone === 'ok' ? 'form-ok' : 'form-error'} role="status" data-testid="public-upload-status">
          {status.text}
        </p>
      )}
    </form>
  );
}
