/**
 * A one-field dialog ("New album", "Rename"). `onSubmit` may throw; its message is
 * shown under the field and the dialog stays open.
 */
import { useState, type FormEvent } from 'react';
import { errorMessage } from '../api/client';
import { Modal } from './Modal';

interface PromptDialogProps {
  title: string;
  label: string;
  initial?: string;
  placeholder?: string;
  submitLabel: string;
  onSubmit: (value: string) => Promise<void>;
  onClose: () => void;
  testId?: string;
}

export function PromptDialog({ title, label, initial = '', placeholder, submitLabel, onSubmit, onClose, testId }: PromptDialogProps) {
  const [value, setValue] = useState(initial);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const v = value.trim();
    if (!v) return;
    setBusy(true);
    setError(null);
    try {
      await onSubmit(v);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };
  return (
    <Modal title={title} onClose={onClose} size="small" testId={testId}>
      <form onSubmit={(e) => void submit(e)} className="stack gap-16">
        <label className="field">
          <span className="field-label">{label}</span>
          <input
            className="input"
            value={value}
            placeholder={placeholder}
            onChange={(e) => setValue(e.target.value)}
            autoFocus
            maxLength={200}
            data-testid="prompt-input"
          />
        </label>
        {error && <p className="form-error">{error}</p>}
        <div className="row gap-8 justify-end">
          <button type="button" className="button" onClick={onClose}>
            Cancel
          </button>
          <button className="button button-primary" disabled={busy || !value.trim()} data-testid="prompt-submit">
            {submitLabel}
          </button>
        </div>
      </form>
    </Modal>
  );
}
