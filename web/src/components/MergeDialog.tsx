/**
 * A "merge others into this one" dialog: a list of options to tick, Cancel, and a confirm button
 * that runs `onMerge` with the ticked ids (errors shown in the footer, the dialog stays open).
 * Events and people both merge this way.
 */
import { useState, type ReactNode } from 'react';
import { Merge } from 'lucide-react';
import { errorMessage } from '../api/client';
import { Modal } from './Modal';
import { ErrorNote, Spinner } from './PageHeader';

export interface MergeDialogProps<T> {
  title: string;
  intro: string;
  /** null while loading. */
  options: T[] | null;
  loadError?: string | null;
  onRetry?: () => void;
  keyOf: (option: T) => string;
  /** The option's picture and text, inside its label. */
  render: (option: T) => ReactNode;
  /** "Merge 2 events" — the confirm button's label for n ticked. */
  confirmLabel: (n: number) => string;
  empty: string;
  onMerge: (ids: string[]) => Promise<void>;
  onClose: () => void;
  testIds: { dialog: string; option: string; confirm: string; optionAttr: string };
}

export function MergeDialog<T>(props: MergeDialogProps<T>) {
  const { options, keyOf, testIds } = props;
  const [picked, setPicked] = useState<Set<string>>(() => new Set());
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const toggle = (id: string) =>
    setPicked((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  const merge = async () => {
    setBusy(true);
    setError(null);
    try {
      await props.onMerge([...picked]);
    } catch (err) {
      setError(errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <Modal
      title={props.title}
      onClose={props.onClose}
      testId={testIds.dialog}
      footer={
        <>
          {error && <span className="form-error grow">{error}</span>}
          <button className="button" onClick={props.onClose}>
            Cancel
          </button>
          <button
            className="button button-primary"
            disabled={busy || picked.size === 0}
            data-testid={testIds.confirm}
            onClick={() => void merge()}
          >
            <Merge size={16} /> {picked.size ? props.confirmLabel(picked.size) : 'Merge'}
          </button>
        </>
      }
    >
      <p className="muted">{props.intro}</p>
      {!options && !props.loadError && <Spinner />}
      {props.loadError && <ErrorNote message={props.loadError} onRetry={props.onRetry} />}
      {options && options.length === 0 && <p className="muted merge-empty">{props.empty}</p>}
      <ul className="merge-list">
        {options?.map((o) => {
          const id = keyOf(o);
          return (
            <li key={id}>
              <label
                className={`merge-option${picked.has(id) ? ' on' : ''}`}
                data-testid={testIds.option}
                {...{ [testIds.optionAttr]: id }}
              >
                <input type="checkbox" checked={picked.has(id)} disabled={busy} onChange={() => toggle(id)} />
                {props.render(o)}
              </label>
            </li>
          );
        })}
      </ul>
    </Modal>
  );
}
