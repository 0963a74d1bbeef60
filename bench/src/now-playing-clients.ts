/**
 * A client process of `bench:now-playing`: opens socket.io connections (websocket transport) with
 * the API tokens it is sent over IPC, records when each socket receives `now-playing.updated`
 * (epoch ms, sub-ms resolution), tells the parent once all its listening sockets have a title
 * (`complete`, so the parent never polls while messages arrive), and answers its questions.
 * Several of these run at once, so no single process holds all the sockets.
 */
import { io, type Socket } from 'socket.io-client';

type Msg = { type: 'connect'; url: string; tokens: string[]; listen: boolean } | { type: 'receipts'; title: string } | { type: 'close' };

const sockets: Socket[] = [];
/** Sockets that connected and listen: a title is complete when this many received it. */
let listening = 0;
/** title → receipt times (ms since epoch) */
const receipts = new Map<string, number[]>();
const nowMs = () => performance.timeOrigin + performance.now();
const send = (m: unknown) => process.send!(m);

process.on('message', (m: Msg) => {
  if (m.type === 'connect') void connectAll(m.url, m.tokens, m.listen);
  else if (m.type === 'receipts') send({ type: 'receipts', title: m.title, times: receipts.get(m.title) ?? [] });
  else if (m.type === 'close') {
    for (const s of sockets) s.close();
    process.exit(0);
  }
});

async function connectAll(url: string, tokens: string[], listen: boolean): Promise<void> {
  let failed = 0;
  // 50 handshakes in flight: the server authenticates each one (token hash lookup).
  for (let i = 0; i < tokens.length; i += 50) {
    await Promise.all(
      tokens.slice(i, i + 50).map(
        (token) =>
          new Promise<void>((resolve) => {
            const s = io(url, { path: '/api/socket.io', transports: ['websocket'], auth: { token }, reconnection: false });
            sockets.push(s);
            if (listen)
              s.on('now-playing.updated', (e: { playing: { title: string } }) => {
                const t = nowMs();
                const list = receipts.get(e.playing.title) ?? [];
                list.push(t);
                receipts.set(e.playing.title, list);
                if (list.length === listening) send({ type: 'complete', title: e.playing.title, times: list });
              });
            s.once('connect', () => resolve());
            s.once('connect_error', () => (failed++, resolve()));
          }),
      ),
    );
  }
  if (listen) listening = tokens.length - failed;
  send({ type: 'connected', count: tokens.length - failed, failed });
}
