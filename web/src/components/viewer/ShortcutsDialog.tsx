/** "Keyboard shortcuts" (the `?` key in the viewer): every key the viewer answers to, then the gestures. */
import { Modal } from '../Modal';
import { VIEWER_GESTURES, VIEWER_SHORTCUTS, type Shortcut } from './viewer-shortcuts';

export function ShortcutsDialog({ onClose }: { onClose: () => void }) {
  return (
    <Modal title="Keyboard shortcuts" onClose={onClose} size="small" testId="viewer-shortcuts-dialog">
      <ShortcutList items={VIEWER_SHORTCUTS} />
      <h3 className="section-label">Mouse and touch</h3>
      <ShortcutList items={VIEWER_GESTURES} />
    </Modal>
  );
}

function ShortcutList({ items }: { items: Shortcut[] }) {
  return (
    <dl className="shortcut-list">
      {items.map((s) => (
        <div key={s.what} className="shortcut-row" data-testid="shortcut-row">
          <dt>
            {s.keys.map((k) => (
              <kbd key={k}>{k}</kbd>
            ))}
          </dt>
          <dd>{s.what}</dd>
        </div>
      ))}
    </dl>
  );
}
