/** The outcome of a vCard import: totals, then each card with its status and the reason it was skipped. */
import { CheckCircle2, Link2, MinusCircle, Users, X } from 'lucide-react';
import type { ImportReport } from '../../api/types';
import { plural } from '../../lib/format';

const STATUS = {
  imported: { label: 'Imported', icon: CheckCircle2, cls: 'status-success' },
  linked: { label: 'Linked', icon: Link2, cls: 'status-primary' },
  skipped: { label: 'Skipped', icon: MinusCircle, cls: 'status-muted' },
  group: { label: 'Group', icon: Users, cls: 'status-primary' },
} as const;

export function ImportReportPanel({ fileName, report, onClose }: { fileName: string; report: ImportReport; onClose: () => void }) {
  return (
    <section className="card import-report" data-testid="import-report">
      <header className="card-head">
        <div>
          <h2>Imported {fileName}</h2>
          <p className="muted" data-testid="import-summary">
            {plural(report.imported, 'contact')} imported · {report.linked} linked to Kith accounts · {report.skipped} skipped
            {report.groups ? ` · ${plural(report.groups, 'group')}` : ''}
          </p>
        </div>
        <button className="icon-button" aria-label="Close report" onClick={onClose}>
          <X size={18} />
        </button>
      </header>
      <ul className="import-cards">
        {report.cards.map((c) => {
          const s = STATUS[c.status];
          const Icon = s.icon;
          return (
            <li key={c.index} className="import-card" data-testid="import-card" data-status={c.status}>
              <span className={`status-pill ${s.cls}`}>
                <Icon size={14} /> {s.label}
              </span>
              <span className="import-card-name">{c.name || <em className="muted">Card {c.index} (no name)</em>}</span>
              {c.reason && <span className="import-card-reason muted">{c.reason}</span>}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
