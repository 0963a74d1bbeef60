/**
 * A centred dialog with a title, a scrolling body and a footer; Escape or the backdrop closes it.
 * Focus stays inside while it is open and returns to the opener on close ({@link useOverlay}).
 */
import { useId, type ReactNode } from 'react';
import { X } from 'lucide-react';
import { useOverlay } from '../lib/use-overlay';

interface ModalProps {
  title: ReactNode;
  onClose: () => void;
  children?: ReactNode;
  footer?: ReactNode;
  size?: 'small' | 'medium' | 'large';
  testId?: string;
}

export function Modal({ title, onClose, children, footer, size = 'medium', testId }: ModalProps) {
  const ref = useOverlay((e) => {
    if (e.key === 'Escape') onClose();
  });
  const titleId = useId();

  return (
    <div className="modal-backdrop" onMouseDown={(e) => e.target === e.currentTarget && onClose()}>
      <div
        ref={ref}
        className={`modal modal-${size}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        data-testid={testId}
      >
        <header className="modal-head">
          <h2 id={titleId}>{title}</h2>
          <button className="icon-button" aria-label="Close" onClick={onClose}>
            <X size={20} />
          </button>
        </header>
        {children !== undefined && <div className="modal-body">{children}</div>}
        {footer && <footer className="modal-foot">{footer}</footer>}
      </div>
    </div>
  );
}
