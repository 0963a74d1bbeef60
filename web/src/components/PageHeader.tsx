/** The title row of a screen: optional back link, title, subtitle, and actions on the right. */
import type { ReactNode } from 'react';
import { ArrowLeft, Search } from 'lucide-react';
import { Link } from '../lib/router';

interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  actions?: ReactNode;
  back?: { href: string; label: string };
}

export function PageHeader({ title, subtitle, actions, back }: PageHeaderProps) {
  return (
    <header className="page-header">
      {/* Phones have no sidebar field: search is one tap from every screen's header (hidden on wider screens). */}
      <Link
        href="/search"
        className="icon-button page-search-link"
        aria-label="Search photos"
        title="Search"
        data-testid="page-search-link"
      >
        <Search size={20} aria-hidden />
      </Link>
      <div className="page-header-text">
        {back && (
          <Link href={back.href} className="back-link" data-testid="back-link">
            <ArrowLeft size={16} /> {back.label}
          </Link>
        )}
        <h1 className="page-title">{title}</h1>
        {subtitle && <div className="page-subtitle">{subtitle}</div>}
      </div>
      {actions && <div className="page-actions">{actions}</div>}
    </header>
  );
}

/** Centred message for empty lists, with an optional call to action. */
export function EmptyState({ icon, title, children, testId }: { icon: ReactNode; title: string; children?: ReactNode; testId?: string }) {
  return (
    <div className="empty-state" data-testid={testId}>
      <div className="empty-state-icon">{icon}</div>
      <h2>{title}</h2>
      {children && <div className="empty-state-body">{children}</div>}
    </div>
  );
}

/** Inline error with the server's message and an optional retry. */
export function ErrorNote({ message, onRetry }: { message: string; onRetry?: () => void }) {
  return (
    <div className="error-note" role="alert" data-testid="error">
      <span>{message}</span>
      {onRetry && (
        <button className="button button-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Spinner({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="spinner-wrap" role="status">
      <span className="spinner" aria-hidden />
      <span className="muted">{label}</span>
    </div>
  );
}
