/** Settings: profile (with e-mail verification), CardDAV contacts sync, sharing consent, routing to the people in my photos, reference faces, imports (Google Takeout), shared album links, region sharing, security, API tokens, log out. */
import { LogOut } from 'lucide-react';
import { PageHeader } from '../../components/PageHeader';
import { useSession } from '../../state/session';
import { AdminSection } from './AdminSection';
import { ContactsSection } from './ContactsSection';
import { FacesSection } from './FacesSection';
import { ImportSection } from './ImportSection';
import { InboxSection } from './InboxSection';
import { ProfileSection } from './ProfileSection';
import { RegionSharingSection } from './RegionSharingSection';
import { RoutingSection } from './RoutingSection';
import { SecuritySection } from './SecuritySection';
import { SharedLinksSection } from './SharedLinksSection';
import { SigningKeysSection } from './SigningKeysSection';
import { TokensSection } from './TokensSection';

export function SettingsScreen() {
  const { account, logout } = useSession();
  return (
    <div className="screen settings" data-testid="settings-screen">
      <PageHeader
        title="Settings"
        subtitle={account ? `Signed in as @${account.username}${account.isAdmin ? ' · administrator' : ''}` : undefined}
        actions={
          <button className="button" data-testid="logout-button" onClick={() => void logout()}>
            <LogOut size={16} /> Log out
          </button>
        }
      />
      <div className="settings-stack">
        <ProfileSection />
        <ContactsSection />
        <RoutingSection />
        <FacesSection />
        <InboxSection />
        <ImportSection />
        <SigningKeysSection />
        <SharedLinksSection />
        <RegionSharingSection />
        <SecuritySection />
        <TokensSection />
        {account?.isAdmin && <AdminSection />}
      </div>
    </div>
  );
}
