/** Now playing: friends, my play, association, privacy and player connection (typed SDK calls). */
import { kith, unwrap } from './client';
import type {
  AssociationUpload,
  NowPlaying,
  NowPlayingAssociation,
  NowPlayingConnect,
  NowPlayingFriend,
  NowPlayingSettings,
  SettingsPatch,
} from './types';

export const nowPlayingApi = {
  mine: async (): Promise<NowPlaying | null> => (await unwrap(kith.GET('/api/now-playing'))).playing,
  friends: async (): Promise<NowPlayingFriend[]> => (await unwrap(kith.GET('/api/now-playing/friends'))).friends,
  association: (): Promise<NowPlayingAssociation> => unwrap(kith.GET('/api/now-playing/association')),
  associate: (body: AssociationUpload): Promise<NowPlayingAssociation> => unwrap(kith.PUT('/api/now-playing/association', { body })),
  settings: (): Promise<NowPlayingSettings> => unwrap(kith.GET('/api/now-playing/settings')),
  updateSettings: (body: SettingsPatch): Promise<NowPlayingSettings> => unwrap(kith.PATCH('/api/now-playing/settings', { body })),
  connect: (): Promise<NowPlayingConnect> => unwrap(kith.GET('/api/now-playing/connect')),
  scrobblerToken: async (name: string): Promise<string> =>
    (await unwrap(kith.POST('/api/now-playing/scrobbler-token', { body: { name } }))).token,
};
