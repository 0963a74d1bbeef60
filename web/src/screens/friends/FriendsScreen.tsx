/**
 * Friends: who is playing what right now (seed CN102664943A [0050], S1005–S1008), updated live
 * over socket.io (`now-playing.updated`, `.stopped`, `.listened`), with recent listens, "find it"
 * links, association status, privacy settings and how to connect a player.
 */
import { Headphones } from 'lucide-react';
import { nowPlayingApi } from '../../api/now-playing';
import type { NowPlayingFriend } from '../../api/types';
import { EmptyState, ErrorNote, PageHeader, Spinner } from '../../components/PageHeader';
import { plural } from '../../lib/format';
import { useRealtime } from '../../lib/realtime';
import { useAsync } from '../../lib/use-async';
import { useNow } from '../../lib/use-now';
import { useSession } from '../../state/session';
import { PhoneVerification } from '../../components/PhoneVerification';
import { AssociationCard } from './AssociationCard';
import { ConfirmationsCard } from './ConfirmationsCard';
import { ConnectCard } from './ConnectCard';
import { FriendCard, PlayView } from './FriendCard';
import { PrivacyCard } from './PrivacyCard';

const byPlaying = (a: NowPlayingFriend, b: NowPlayingFriend) =>
  Number(!!b.playing) - Number(!!a.playing) || (a.user.displayName || a.user.username).localeCompare(b.user.displayName || b.user.username);

export function FriendsScreen() {
  const { account } = useSession();
  const friends = useAsync(() => nowPlayingApi.friends(), []);
  const association = useAsync(() => nowPlayingApi.association(), []);
  const mine = useAsync(() => nowPlayingApi.mine(), []);
  const list = friends.data ?? [];
  const playingCount = list.filter((f) => f.playing).length;
  const now = useNow(playingCount > 0 || !!mine.data);

  const patch = (userId: string, fn: (f: NowPlayingFriend) => NowPlayingFriend) =>
    friends.setData((xs) => xs?.map((f) => (f.user.id === userId ? fn(f) : f)).sort(byPlaying));

  useRealtime('now-playing.updated', (e) => {
    if (e.user.id === account?.id) return mine.setData(e.playing);
    if (list.some((f) => f.user.id === e.user.id)) patch(e.user.id, (f) => ({ ...f, playing: e.playing }));
    else friends.reload(); // a new link (someone uploaded a book): fetch the list once
  });
  useRealtime('now-playing.stopped', (e) => {
    if (e.user.id === account?.id) return mine.setData(null);
    if (e.reason === 'hidden') friends.setData((xs) => xs?.filter((f) => f.user.id !== e.user.id));
    else patch(e.user.id, (f) => ({ ...f, playing: null }));
  });
  useRealtime('now-playing.listened', (e) => {
    if (e.user.id !== account?.id)
      patch(e.user.id, (f) => ({
        ...f,
        recent: [...e.listens, ...f.recent.filter((l) => !e.listens.some((n) => n.id === l.id))].slice(0, 5),
      }));
  });

  const linked = association.data?.self.phone_registered;
  return (
    <div className="screen friends" data-testid="friends-screen">
      <PageHeader title="Friends" subtitle={friends.data ? `${plural(list.length, 'friend')} · ${playingCount} playing now` : undefined} />
      <div className="now-playing-layout">
        <div className="now-playing-main">
          {mine.data && (
            <section className="card now-playing-card now-playing-mine" data-testid="now-playing-mine">
              <header className="now-playing-card-head">
                <span className="section-label">You are playing</span>
                {mine.data.private && <span className="badge badge-soft">Private</span>}
              </header>
              <PlayView key={mine.data.started_at} play={mine.data} now={now} />
            </section>
          )}
          {friends.error ? (
            <ErrorNote message={friends.error} onRetry={friends.reload} />
          ) : !friends.data ? (
            <Spinner />
          ) : list.length === 0 ? (
            <EmptyState icon={<Headphones size={40} strokeWidth={1.5} />} title="No friends here yet" testId="friends-empty">
              <p>
                {linked
                  ? 'When someone whose number is in your address book plays music on Kith, they show up here.'
                  : 'Link your number and address book on the right: friends whose numbers you hold appear here, live.'}
              </p>
            </EmptyState>
          ) : (
            <div className="now-playing-list" data-testid="friend-list">
              {list.map((f) => (
                <FriendCard key={f.user.id} friend={f} now={now} />
              ))}
            </div>
          )}
        </div>
        <aside className="now-playing-side">
          <AssociationCard
            state={association}
            onChanged={(r) => {
              association.setData(r);
              friends.reload();
            }}
          />
          <section className="card now-playing-side-card" data-testid="now-playing-phone">
            <h2>My number</h2>
            <PhoneVerification version={association.data?.associated_at} onVerified={() => (association.reload(), friends.reload())} />
          </section>
          <ConfirmationsCard version={association.data?.associated_at} onChanged={() => (association.reload(), friends.reload())} />
          <PrivacyCard candidates={association.data?.i_reach ?? []} />
          <ConnectCard />
        </aside>
      </div>
    </div>
  );
}
