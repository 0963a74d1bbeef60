/**
 * Kith web app shell: session gate, sidebar, screens by route, realtime toasts.
 *
 * Stable data-testid attributes for the e2e tests (also in web/README-testids.md):
 *   Shell/nav:  skip-link, nav-more, more-sheet, more-close, more-<section> (e.g. more-settings), more-upload, more-logout,
 *               nav-library, nav-people, nav-albums, nav-events, nav-inbox, nav-shared, nav-friends, nav-contacts, nav-settings,
 *               sidebar-upload, sidebar-logout, account-chip, back-link, toast, toast-action,
 *               confirm-dialog, confirm-ok, prompt-input, prompt-submit, error, not-found
 *   Auth:       login-screen, signup-screen, auth-username, auth-password, auth-display-name,
 *               auth-email, auth-phone, auth-invite, auth-submit, auth-error, auth-switch,
 *               <field>-error (a TextField's own message, e.g. auth-password-error, password-current-error)
 *   Library:    library-screen, library-empty, upload-button, upload-input, drop-overlay,
 *               upload-panel, upload-summary, upload-item (data-status), upload-result,
 *               upload-panel-close, asset-grid, day-group, asset-tile (data-asset-id,
 *               data-ready, data-selected), asset-pending, tile-open, tile-select, infinite-sentinel,
 *               selection-bar, selection-count, selection-clear, selection-add-to-album,
 *               selection-delete, add-to-album-dialog, new-album-name, new-album-create, album-pick
 *   Viewer:     viewer, viewer-stage, viewer-photo (data-scale), viewer-image, viewer-close, viewer-prev,
 *               viewer-next, viewer-download, viewer-add-to-album, viewer-share, viewer-shortcuts,
 *               viewer-shortcuts-dialog, shortcut-row, viewer-share-dialog, share-to-album, share-link,
 *               share-link-url, share-link-copy, share-person, share-person-none, viewer-faces, viewer-face
 *               (data-person-id), viewer-face-name, viewer-face-add-name, viewer-face-box,
 *               viewer-delete, viewer-info-toggle, viewer-info, info-captured, info-camera, info-place,
 *               info-gps, info-contributor, info-markers, marker-chip (data-marker), marker-remove,
 *               marker-add-input, marker-add-submit, marker-suggestion (data-marker)
 *   Albums:     albums-screen, albums-empty, album-list, album-create, album-create-dialog,
 *               album-card (data-album-id), album-card-name, album-card-count, album-screen, album-screen-error,
 *               album-title, album-add-photos, album-rename, album-rename-dialog, album-delete,
 *               album-remove-selected, album-members, album-member, album-empty,
 *               contributor-badge, add-photos-dialog, picker-grid, add-photos-confirm
 *   Search:     nav-search, sidebar-search, sidebar-search-input, page-search-link (phones), search-screen, search-page,
 *               search-page-input, search-terms, search-term (data-kind), search-count, search-empty, search-help
 *   Shared:     shared-screen, shared-empty, shared-album-list
 *   Inbox:      inbox-screen, inbox-empty, inbox-list, inbox-item (data-asset-id), inbox-sender-name, inbox-sender-address, inbox-sender-unverified,
 *               inbox-received-at, inbox-open-album, inbox-toast (the toast of inbox.received), settings-inbox,
 *               inbox-policy (data-policy), inbox-policy-open, inbox-policy-contacts, inbox-policy-off, inbox-block-kind,
 *               inbox-block-value, inbox-block-add, inbox-block-error, inbox-block-list, inbox-block-row, inbox-block-remove,
 *               inbox-dropped-empty, inbox-dropped-counts, inbox-dropped-count (data-code), inbox-dropped-list,
 *               inbox-dropped-row (data-code)
 *   Contacts:   contacts-screen, contacts-empty, contact-list, contact-row (data-contact-id),
 *               link-questions, link-question (data-contact), link-question-yes, link-question-no,
 *               contact-name, contact-photo-note (title = the note), contact-linked, contact-mutual, contact-kith-address, contact-edit,
 *               contact-delete, contact-add, contacts-search, contacts-import-button,
 *               contacts-import-input, contacts-export, import-report, import-summary,
 *               import-card (data-status), contact-form-dialog, contact-form-name, contact-form-phones,
 *               contact-form-emails, contact-form-kith-address, contact-form-album-url, contact-save,
 *               contact-form-error
 *   Events:     events-screen, events-empty, event-list, event-card (data-marker), event-card-name,
 *               event-card-count, event-shared-badge, event-screen, event-title, event-count, event-rename,
 *               event-rename-dialog, event-share, event-open-album, share-preview-dialog,
 *               share-preview, share-recipient (data-username), share-excluded (data-reason), share-confirm,
 *               event-merge, merge-dialog, merge-option (data-marker), merge-confirm, event-split,
 *               split-bar, split-summary, split-start, split-error, split-confirm
 *   People:     people-screen, people-empty, people-list, person-card (data-person-id), person-card-name,
 *               person-card-count, people-show-hidden, people-reindex, face-progress (data-done, data-total),
 *               person-screen, person-title, person-count, person-rename, person-rename-dialog, person-hide, person-confirm-link,
 *               person-merge, merge-people-dialog, merge-person-option (data-person-id), merge-people-confirm,
 *               viewer-face-box (data-person-id), person-faces, person-face-list, person-face (data-face-id,
 *               data-selected), person-faces-more, person-split-bar, person-faces-selected, person-faces-clear,
 *               person-split
 *   Friends:    friends-screen, friends-empty, friend-list, friend-card (data-username), now-playing-live, now-playing-playing,
 *               now-playing-title, now-playing-artist, now-playing-progress, now-playing-elapsed, now-playing-left, now-playing-cover, now-playing-find, now-playing-find-link,
 *               now-playing-recent, now-playing-recent-item, now-playing-mine, now-playing-association, now-playing-association-status, now-playing-reaches-me,
 *               now-playing-i-reach, now-playing-self-name, now-playing-self-phone, now-playing-book-file, now-playing-associate, now-playing-association-error,
 *               now-playing-privacy, now-playing-sharing, now-playing-private-session, now-playing-require-mutual, now-playing-hidden-list,
 *               now-playing-hide (data-username), now-playing-connect, now-playing-make-token, now-playing-scrobbler-token, now-playing-phone, now-playing-confirmations,
 *               now-playing-confirm-row, now-playing-confirm-phone, now-playing-confirm
 *   Phone:      settings-phone, phone-verification, phone-notice, phone-status, phone-why, phone-send-code, phone-code,
 *               phone-verify, phone-no-gateway, phone-error
 *   Exchanges:  nav-exchanges, exchanges-screen, exchanges-empty, exchange-new, exchange-policy, exchange-incoming, exchange-list,
 *               exchange-row (data-exchange-id, data-status, data-role), exchange-row-status (data-state), exchange-open,
 *               exchange-accept, exchange-decline, exchange-block, exchange-report, exchange-report-dialog,
 *               new-exchange-dialog, new-exchange-mode-exchange, new-exchange-mode-synthesis, new-exchange-target-user,
 *               new-exchange-target-contact, new-exchange-target-invite, new-exchange-to, new-exchange-contact,
 *               new-exchange-submit, new-exchange-error, invite-panel, invite-qr, invite-link, invite-copy, invite-open-room,
 *               exchange-screen (data-exchange-id, data-status), exchange-partner, exchange-room (data-status),
 *               exchange-status (data-state), exchange-error, exchange-waiting, exchange-composing, capture-panel,
 *               capture-camera, capture-video, capture-start, capture-countdown, capture-file, capture-file-input,
 *               capture-error, exchange-result (data-n, data-mode), result-image (data-kind: partner, mine, result),
 *               result-note, result-download (data-kind), reactions, reaction-button (data-emoji, aria-pressed),
 *               exchange-another-round, exchange-end, exchange-ask-again, exchange-earlier-round (data-n)
 *   Album link (/l/:key): public-album-screen, public-album-title, public-album-gone, public-album-empty, public-password-form,
 *               public-password-input, public-password-submit, public-password-error, public-grid, public-tile (data-asset-id),
 *               public-tile-credit, public-viewer, public-viewer-image, public-viewer-close, public-viewer-prev, public-viewer-next,
 *               public-download, public-upload, public-upload-name, public-upload-input, public-upload-submit, public-upload-status
 *   Sharing:    album-share, share-dialog, share-invite-contact, share-invite-who, share-invite-role, share-invite-submit, share-invite-error,
 *               share-confirm-invite, share-member (data-account-id), share-member-role, share-member-remove, share-link-create,
 *               share-link-password, share-link-expiry, share-link-download, share-link-upload, share-link-submit,
 *               share-link (data-link-id, data-state), share-link-url, share-link-copy, share-link-revoke, uploader-credit,
 *               settings-shared-links, shared-links-empty, shared-link-row (data-state), shared-link-revoke
 *   Guest (/x/:token): guest-screen, guest-gone, guest-join-form, guest-inviter, guest-mode (data-mode), guest-name,
 *               guest-join, guest-decline, guest-error, guest-report (then the room's ids above)
 *   Settings:   settings-screen, settings-profile, settings-kith-address, profile-display-name,
 *               profile-email, profile-phone, profile-save, settings-sharing, toggle-event-gathering,
 *               email-verification (data-verified), email-verified-badge, email-unverified-badge, email-verify-send,
 *               email-verify-sent, email-verify-no-smtp, settings-admin, admin-invite, admin-invite-url,
 *               admin-verify-username, admin-verify-submit,
 *               settings-faces, face-upload-button, face-upload-input, face-list, face-item,
 *               face-delete, face-camera-button, face-camera-dialog, face-camera-video, face-camera-capture,
 *               face-camera-error, face-camera-problem (the server's refusal of the last frame), settings-tokens,
 *               token-scope (data-scope), token-scope-<scope>, token-name, token-create, token-secret-box,
 *               token-secret, token-copy, token-list, token-row, token-scope-badge, token-revoke, logout-button,
 *               settings-security, password-current, password-new, password-repeat, password-change,
 *               sessions-row, sessions-count, sessions-end-others,
 *               settings-signing-keys, signing-key-name, signing-key-issue, signing-key-issued, signing-key-download,
 *               signing-key-list, signing-key-row, signing-key-revoke
 *   Uploads/PWA: upload-chip (aria-expanded), upload-show (Show it), upload-waiting, share-screen, share-offline, share-url,
 *               share-open-page, share-empty, share-list, share-item (data-status), share-show, offline-page (offline.html)
 *   Shared page: share-images, share-image, share-images-loading, share-images-empty, share-images-error, region-picker,
 *               region-frame, region-box, region-whole, region-no-preview, region-description, region-target-<id>,
 *               region-share, region-back, region-error, region-result, region-link, region-delivery
 *   Routing:    routing-suggestions, routing-suggestion (data-asset-id), routing-suggestion-prompt,
 *               routing-suggestion-contact (data-contact-id, data-selected), routing-send, routing-dismiss, routing-show-all, routing-send-all,
 *               routing-evidence (data-kind), routing-evidence-label,
 *               info-deliveries, delivery-row (data-status, data-contact-id), delivery-status, settings-routing,
 *               routing-mode (data-mode), routing-mode-auto, routing-mode-suggest, routing-mode-off,
 *               delivery-toast (data-status; inside the `toast` of a refused or failed delivery)
 *   Region sharing (settings): settings-region-sharing, region-bookmarklet, site-key-name, site-key-origins,
 *               site-key-create, site-key-row, site-key-delete, site-key-snippet, mastodon-instance, mastodon-token,
 *               mastodon-link, mastodon-linked, webhook-url, webhook-save, webhook-secret
 */
import { useEffect, type MouseEvent } from 'react';
import { EmptyState, Spinner } from './components/PageHeader';
import { DeliveryToasts } from './components/DeliveriesInfo';
import { Sidebar } from './components/Sidebar';
import { useRealtime } from './lib/realtime';
import { Link, navigate, usePathname, useRoute, type Route } from './lib/router';
import { useRouteFocus } from './lib/use-route-focus';
import { AlbumScreen } from './screens/albums/AlbumScreen';
import { AlbumsScreen } from './screens/albums/AlbumsScreen';
import { AuthScreen } from './screens/AuthScreen';
import { ContactsScreen } from './screens/contacts/ContactsScreen';
import { EventScreen } from './screens/events/EventScreen';
import { EventsScreen } from './screens/events/EventsScreen';
import { PeopleScreen } from './screens/people/PeopleScreen';
import { PersonScreen } from './screens/people/PersonScreen';
import { LibraryScreen } from './screens/library/LibraryScreen';
import { TakeoutImportScreen } from './screens/import/TakeoutImportScreen';
import { TrashScreen } from './screens/trash/TrashScreen';
import { SearchScreen } from './screens/search/SearchScreen';
import { SettingsScreen } from './screens/settings/SettingsScreen';
import { FriendsScreen } from './screens/friends/FriendsScreen';
import { SharedScreen } from './screens/SharedScreen';
import { ShareScreen } from './screens/ShareScreen';
import { InboxScreen } from './screens/inbox/InboxScreen';
import { ExchangeScreen } from './screens/exchanges/ExchangeScreen';
import { ExchangesScreen } from './screens/exchanges/ExchangesScreen';
import { GuestScreen } from './screens/exchanges/GuestScreen';
import { PublicAlbumScreen } from './screens/links/PublicAlbumScreen';
import { ExchangeToasts } from './screens/exchanges/ExchangeToasts';
import { useSession } from './state/session';
import { useToast } from './state/toasts';
import { UploadProvider } from './state/uploads';
import { Compass } from 'lucide-react';

export function App() {
  const { account, logout } = useSession();
  const route = useRoute();
  useRouteFocus(usePathname());
  const isAuthRoute = route.name === 'login' || route.name === 'signup';

  useEffect(() => {
    if (account && isAuthRoute) navigate('/', { replace: true });
  }, [account, isAuthRoute]);

  // A stranger's invite link works without an account (and for a logged-in visitor too).
  if (route.name === 'guest-exchange') return <GuestScreen key={route.token} token={route.token} />;
  // A public album link works logged out (and for a logged-in visitor too, as a stranger would see it).
  if (route.name === 'album-link') return <PublicAlbumScreen key={route.key} linkKey={route.key} />;
  if (account === undefined) {
    return (
      <div className="boot">
        <Spinner label="Opening Kith…" />
      </div>
    );
  }
  if (account === null) return <AuthScreen mode={route.name === 'signup' ? 'signup' : 'login'} />;

  return (
    <UploadProvider>
      <div className="shell">
        {/* WCAG 2.4.1 "Bypass Blocks": the first Tab offers a way past the navigation. */}
        <a className="skip-link" href="#main" data-testid="skip-link" onClick={skipToMain}>
          Skip to content
        </a>
        <Sidebar route={route} account={account} onLogout={() => void logout().then(() => navigate('/login', { replace: true }))} />
        <main className="main" id="main" tabIndex={-1}>
          <RealtimeToasts />
          <DeliveryToasts />
          <ExchangeToasts />
          <Screen route={route} />
        </main>
      </div>
    </UploadProvider>
  );
}

/** Moves focus into the screen (its heading, else <main>) without changing the URL's hash. */
function skipToMain(e: MouseEvent<HTMLAnchorElement>) {
  e.preventDefault();
  const main = document.getElementById('main');
  const target = main?.querySelector<HTMLElement>('h1') ?? main;
  if (!target) return;
  if (!target.hasAttribute('tabindex')) target.setAttribute('tabindex', '-1');
  target.focus();
}

function Screen({ route }: { route: Route }) {
  switch (route.name) {
    case 'library':
    case 'login':
    case 'signup':
      return <LibraryScreen key="timeline" />;
    case 'albums':
      return <AlbumsScreen />;
    case 'album':
      return <AlbumScreen key={route.id} id={route.id} />;
    case 'events':
      return <EventsScreen />;
    case 'event':
      return <EventScreen key={route.marker} marker={route.marker} />;
    case 'people':
      return <PeopleScreen />;
    case 'person':
      return <PersonScreen key={route.id} id={route.id} />;
    case 'shared':
      return <SharedScreen />;
    case 'inbox':
      return <InboxScreen />;
    case 'contacts':
      return <ContactsScreen />;
    case 'friends':
      return <FriendsScreen />;
    case 'settings':
      return <SettingsScreen />;
    case 'takeout-import':
      return <TakeoutImportScreen />;
    case 'trash':
      return <TrashScreen />;
    case 'search':
      return <SearchScreen />;
    case 'favorites':
      return <LibraryScreen key="favorites" view="favorites" />;
    case 'archive':
      return <LibraryScreen key="archive" view="archive" />;
    case 'share':
      return <ShareScreen />;
    case 'exchanges':
      return <ExchangesScreen />;
    case 'exchange':
      return <ExchangeScreen key={route.id} id={route.id} />;
    default:
      return (
        <EmptyState icon={<Compass size={40} strokeWidth={1.5} />} title="Nothing here" testId="not-found">
          <p>This page does not exist.</p>
          <Link href="/" className="button button-primary">
            Back to the library
          </Link>
        </EmptyState>
      );
  }
}

/** "alice shared “Saturday evening” with you — Open" when an album is shared with me. */
function RealtimeToasts() {
  const toast = useToast();
  useRealtime('album.shared', (e) => {
    toast({
      message: (
        <>
          <strong>{e.sharedBy.displayName || e.sharedBy.username}</strong> shared “{e.name}” with you
        </>
      ),
      action: { label: 'Open', onClick: () => navigate(`/albums/${encodeURIComponent(e.albumId)}`) },
    });
  });
  useRealtime('inbox.received', (e) => {
    const who = e.sender.name || e.sender.address || 'Someone';
    toast({
      message: (
        <span data-testid="inbox-toast">
          <strong>{who}</strong> sent you {e.assetIds.length === 1 ? 'a photo' : `${e.assetIds.length} photos`}
        </span>
      ),
      action: { label: 'Open', onClick: () => navigate('/inbox') },
    });
  });
  return null;
}
