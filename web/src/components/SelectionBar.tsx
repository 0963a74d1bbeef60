/** The bar that replaces a screen's header while photos are selected: count, actions, cancel. */
import type { ReactNode } from 'react';
import { X } from 'lucide-react';
import { plural } from '../lib/format';

export function SelectionBar({ count, onClear, children }: { count: number; onClear: () => void; children: ReactNode }) {
  if (count === 0) return null;
  return (
    <div className="selection-bar" data-testid="selection-bar">
      <button className="icon-button" aria-label="Clear selection" data-testid="selection-clear" onClick={onClear}>
        <X size={20} />
      </button>
      <strong data-testid="selection-count">{plural(count, 'selected', 'selected')}</strong>
      <div className="selection-actions">{children}</div>
    </div>
  );
}
