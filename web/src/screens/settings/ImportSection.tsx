/** Settings › "Bring your library in": where imports from other services start (Google Takeout for now). */
import { Download } from 'lucide-react';
import { Link } from '../../lib/router';

export function ImportSection() {
  return (
    <section className="card settings-card" data-testid="settings-import">
      <h2>Bring your library in</h2>
      <p className="muted">
        Moving from Google Photos? Ask Google Takeout for your photos, then import the .zip files or their folder here: dates, places,
        captions and albums come along. Also from a terminal: <code>kith import takeout takeout-*.zip</code>.
      </p>
      <div className="row gap-8 wrap">
        <Link href="/import/takeout" className="button" data-testid="settings-import-takeout">
          <Download size={16} /> Import from Google Takeout
        </Link>
      </div>
    </section>
  );
}
