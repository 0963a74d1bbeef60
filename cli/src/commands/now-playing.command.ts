/**
 * `kith now-playing …` (seed CN102664943A claims 1, 6 and S1004–S1009):
 *
 * - `set "Artist – Title" [--album A] [--duration 3:45] [--position 0:30] [--url U]`: report a play;
 * - `stop`: stop it;
 * - `watch --mpd HOST:PORT`: follow a running mpd and report every change;
 * - `friends`: a live view of what friends play (socket.io), with "find it" links.
 */
import type { Command } from 'commander';
import { io } from 'socket.io-client';
import { CliError } from '../cli-error.js';
import { call, connectionFrom } from '../connection.js';
import { applyEvent, renderFriends, type Friend } from '../now-playing/friends-view.js';
import { sameSong, watchMpd } from '../now-playing/mpd-watch.js';
import { formatClock, parseArtistTitle, parseDuration } from '../now-playing/parse.js';
import type { PlayInput } from '../now-playing/play-input.js';

type Io = { out: (s: string) => void; err: (s: string) => void };

export function registerNowPlaying(program: Command, io_: Io): void {
  const np = program.command('now-playing').description('share what you play with friends whose address book holds your number');

  np.command('set')
    .argument('<artist-title>', '"Artist – Title" (en dash, em dash, or " - ")')
    .option('--album <album>', 'album name')
    .option('--duration <m:ss>', 'length, e.g. 3:45 (without it the play lasts the server default, 10 min)')
    .option('--position <m:ss>', 'how much is already played', '0')
    .option('--url <url>', 'where friends can find it')
    .option('--video', 'it is a video')
    .description('report what you play now')
    .action(
      async (text: string, opts: { album?: string; duration?: string; position: string; url?: string; video?: boolean }, cmd: Command) => {
        const c = connectionFrom(cmd);
        const body: PlayInput = {
          ...parseArtistTitle(text),
          album: opts.album ?? null,
          media_type: opts.video ? 'video' : 'audio',
          duration_ms: opts.duration ? parseDuration(opts.duration) : null,
          position_ms: opts.position === '0' ? 0 : parseDuration(opts.position),
          source_url: opts.url ?? null,
          player: 'kith cli',
        };
        const { playing } = await call(c.client.POST('/api/now-playing', { body }));
        io_.out(
          `Now playing: ${playing.artist} – ${playing.title}${playing.duration_ms ? ` (${formatClock(playing.duration_ms)})` : ''}, until ${new Date(playing.expires_at).toLocaleTimeString()}\n`,
        );
        for (const l of playing.find) io_.out(`  ${l.label}: ${l.url}\n`);
      },
    );

  np.command('stop')
    .description('stop sharing the current play')
    .action(async (_opts: unknown, cmd: Command) => {
      const c = connectionFrom(cmd);
      await call(c.client.DELETE('/api/now-playing'));
      io_.out('Stopped.\n');
    });

  np.command('watch')
    .requiredOption('--mpd <host:port>', 'the mpd to follow, e.g. localhost:6600')
    .description('follow a running mpd (idle protocol, no polling) and report every change')
    .action(async (opts: { mpd: string }, cmd: Command) => {
      const c = connectionFrom(cmd);
      const [, host, port] = /^(.+):(\d+)$/.exec(opts.mpd) ?? [];
      if (host === undefined || port === undefined) throw new CliError(`--mpd takes HOST:PORT (got "${opts.mpd}")`);
      let last: PlayInput | null = null;
      const stop = await watchMpd(
        host,
        Number(port),
        async (play) => {
          if (!play && !last) return;
          if (play && sameSong(last, play) && Math.abs((play.position_ms ?? 0) - (last?.position_ms ?? 0)) < 2000) return;
          last = play;
          if (play) {
            await call(c.client.POST('/api/now-playing', { body: play }));
            io_.out(`▶ ${play.artist} – ${play.title}\n`);
          } else {
            await call(c.client.DELETE('/api/now-playing'));
            io_.out('■ stopped\n');
          }
        },
        (e) => io_.err(`kith: ${e.message}\n`),
      ).catch((e: Error) => {
        throw new CliError(`cannot reach mpd at ${opts.mpd}: ${e.message}`);
      });
      io_.out(`Following mpd at ${opts.mpd}; Ctrl-C to stop.\n`);
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      await stop();
    });

  np.command('friends')
    .option('--once', 'print once and exit instead of following live')
    .option('--no-links', 'hide the "find it" links')
    .description('a live view of what your friends play')
    .action(async (opts: { once?: boolean; links: boolean }, cmd: Command) => {
      const c = connectionFrom(cmd);
      const fetchFriends = async () => (await call(c.client.GET('/api/now-playing/friends'))).friends as Friend[];
      let friends = await fetchFriends();
      const draw = () => {
        const text = renderFriends(friends, Date.now(), { links: opts.links });
        io_.out(opts.once || !process.stdout.isTTY ? `${text}\n` : `\x1b[2J\x1b[H${text}\n\n(live; Ctrl-C to quit)\n`);
      };
      if (opts.once) return draw();
      const socket = io(c.url, { path: '/api/socket.io', auth: { token: c.token }, transports: ['websocket'] });
      socket.on('connect_error', (e) => io_.err(`kith: realtime connection failed: ${e.message}\n`));
      for (const event of ['now-playing.updated', 'now-playing.stopped', 'now-playing.listened'] as const)
        socket.on(event, (payload: any) => {
          const next = applyEvent(friends, event, payload);
          if (next) {
            friends = next;
            draw();
          } else void fetchFriends().then((f) => ((friends = f), draw()));
        });
      draw();
      // Progress bars tick locally; only a TTY redraws every second.
      const tick = process.stdout.isTTY ? setInterval(draw, 1000) : undefined;
      await new Promise<void>((resolve) => process.once('SIGINT', () => resolve()));
      clearInterval(tick);
      socket.close();
    });
}
