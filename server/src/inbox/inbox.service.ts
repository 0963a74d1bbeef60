import { Readable } from 'node:stream';
import { principalFor, type Principal } from '../common/principal.js';
import type { AlbumsService } from '../albums/albums.service.js';
import type { AssetsService } from '../assets/assets.service.js';
import type { Config } from '../config/config.js';
import type { FaceAnalyser } from '../faces/face-analyser.js';
import type { ReferenceCandidate } from '../faces/reference-descriptors.js';
import { AppError, errors } from '../common/errors.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import type { InboxPolicy, InboxRepository } from './inbox.repository.js';
import { normaliseBlockValue, safePictureName, senderIdentity } from './inbox-sender.js';
import { checkPicture } from './picture-check.js';

/** One packet for an account's inbox, from the public route or same-server delivery (the one service seam both call, so both pass the same checks). */
export interface InboxPacketInput {
  /** Recipient username. */
  account: string;
  pictures: { name: string; bytes: Uint8Array }[];
  /**
   * The sender's claims. `accountId` is set (and trusted) for same-server delivery only; `verified`
   * when an RFC 9421 signature proved `address` (sender-verification.ts), `unverifiedReason` when not.
   */
  sender: { name: string | null; address: string | null; accountId?: string | null; verified?: boolean; unverifiedReason?: string };
  /** Source IP of the request; `local` for same-server delivery. */
  sourceIp: string;
}

export type InboxPictureResult =
  | { name: string; status: 'accepted'; assetId: string; duplicate: boolean }
  | { name: string; status: 'refused'; code: string; message: string };

export interface InboxPacketResult {
  account: string;
  accepted: number;
  refused: number;
  pictures: InboxPictureResult[];
}

export interface InboxServiceDeps {
  repo: InboxRepository;
  /** The account's own registered reference faces for `modelVersion` (faces/reference-descriptors.ts `loadOwnReferenceFaces`). */
  ownReferenceFaces: (accountId: string, modelVersion: string) => Promise<ReferenceCandidate[]>;
  config: Config;
  assets: AssetsService;
  albums: AlbumsService;
  faceAnalyser: FaceAnalyser;
  realtime: RealtimeHub;
}

export const INBOX_ALBUM_NAME = 'Shared with me';

/** Same-server delivery is proven by this server; a remote packet by its RFC 9421 signature. */
const senderVerified = (input: InboxPacketInput) => !!input.sender.accountId || input.sender.verified === true;

/**
 * The album server side of face-routed sharing (seed CN103369031A claims 4–7, 11–14, [0072]–[0083]):
 * receives a packet, checks the account, the owner's policy and blocks, checks each picture against the
 * account's own registered reference faces (claim 6 anti-spam), and stores accepted pictures in the account's
 * inbox album with the sender's claims. Refusals go to the dropped log with counts, never images.
 */
export function createInboxService(deps: InboxServiceDeps) {
  const { repo, config, assets, albums, faceAnalyser, realtime } = deps;
  // One inbox album per account: creation is serialised per account in this process.
  const albumLocks = new Map<string, Promise<string>>();

  async function inboxAlbum(accountId: string): Promise<string> {
    const pending = albumLocks.get(accountId);
    if (pending) return pending;
    const work = (async () => {
      const s = await repo.setting(accountId);
      if (s?.album_id && (await albums.findById(s.album_id))) return s.album_id;
      const { id } = await albums.create(principalFor(accountId), INBOX_ALBUM_NAME, [], 'inbox');
      await repo.upsertSetting(accountId, { album_id: id });
      return id;
    })();
    albumLocks.set(accountId, work);
    try {
      return await work;
    } finally {
      albumLocks.delete(accountId);
    }
  }

  /**
   * Ingests one accepted picture and files it in the inbox album with its sender, in the ingest itself
   * (`onInserted`): before any job starts, so a failure leaves no row and no blob. An ingest refusal
   * (not an image, too many pixels) becomes that picture's result.
   */
  async function store(
    principal: Principal,
    input: InboxPacketInput,
    name: string,
    bytes: Uint8Array,
  ): Promise<{ result: InboxPictureResult; createdId?: string }> {
    const albumId = await inboxAlbum(principal.accountId);
    const file = async (asset: { id: string }) => {
      await albums.fileAssets(albumId, [asset.id], principal.accountId, Date.now());
      await repo.insertItem({
        asset_id: asset.id,
        account_id: principal.accountId,
        album_id: albumId,
        picture_name: name,
        sender_name: input.sender.name?.slice(0, 200) ?? null,
        sender_address: input.sender.address?.slice(0, 300) ?? null,
        sender_account_id: input.sender.accountId ?? null,
        source_ip: input.sourceIp.slice(0, 64),
        received_at: Date.now(),
        sender_verified: senderVerified(input) ? 1 : 0,
      });
    };
    const ingested = await assets.ingestFile(principal, { stream: Readable.from([Buffer.from(bytes)]), filename: name }, file);
    if (ingested.status === 'failed') {
      const e = ingested.error;
      return { result: { name, status: 'refused', code: e.code, message: e.message } };
    }
    const assetId = ingested.asset.id;
    if (ingested.status === 'duplicate') return { result: { name, status: 'accepted', assetId, duplicate: true } };
    return { result: { name, status: 'accepted', assetId, duplicate: false }, createdId: assetId };
  }

  return {
    /**
     * Receives one packet: the order of steps of seed CN103369031A. Pictures must already be within
     * the size caps (the route enforces them while reading).
     * @returns per-picture results (accepted / refused `face_not_found`, `invalid_image`, `unsupported_media_type`…).
     * @throws AppError 404 `unknown_account`, 403 `inbox_closed` / `sender_not_allowed` / `sender_blocked`,
     *   409 `no_reference_face`, 400 `invalid_packet` (no picture), 413 `too_many_pictures` / `packet_too_large`.
     */
    async receive(input: InboxPacketInput): Promise<InboxPacketResult> {
      const drop = (accountId: string | null, code: string, pictures = input.pictures.length) =>
        repo.logDrop({
          account_id: accountId,
          username: input.account.slice(0, 100),
          code,
          pictures,
          sender_name: input.sender.name?.slice(0, 200) ?? null,
          sender_address: input.sender.address?.slice(0, 300) ?? null,
          source_ip: input.sourceIp.slice(0, 64),
          sender_verified: senderVerified(input) ? 1 : 0,
        });
      const refuse = async (accountId: string | null, error: AppError): Promise<never> => {
        await drop(accountId, error.code);
        throw error;
      };
      if (!input.pictures.length) throw errors.badRequest('invalid_packet', 'The packet carries no picture.');
      if (input.pictures.length > config.inboxMaxPictures)
        throw errors.tooLarge('too_many_pictures', `A packet carries at most ${config.inboxMaxPictures} pictures.`);
      if (input.pictures.some((p) => p.bytes.length > config.inboxMaxPictureBytes))
        throw errors.tooLarge('packet_too_large', `A picture is larger than ${config.inboxMaxPictureBytes} bytes.`);

      const account = await repo.accountByUsername(input.account);
      if (!account) return refuse(null, errors.unknown('unknown_account', `No account named "${input.account}" on this server.`));
      const policy: InboxPolicy = (await repo.setting(account.id))?.policy ?? 'open';
      const who = senderIdentity(input.sender.address, input.sourceIp);
      if (policy === 'off')
        return refuse(account.id, errors.forbidden('inbox_closed', `${account.username}'s inbox does not accept pictures.`));
      // A claim anyone can write never widens what is accepted: contacts-only needs the sender proven
      // (an RFC 9421 signature checked against the sender's server, or this server's own account).
      if (policy === 'contacts' && !senderVerified(input))
        return refuse(
          account.id,
          errors.forbidden(
            'sender_unverified',
            `Unverified sender: ${account.username} accepts pictures from their contacts only, and this packet does not prove who sent it ` +
              `(${input.sender.unverifiedReason ?? 'unsigned'}). Send it from your Kith server, or sign it with a key your Kith issued.`,
          ),
        );
      if (policy === 'contacts' && !(await repo.isContact(account.id, who.address, input.sender.accountId ?? null)))
        return refuse(account.id, errors.forbidden('sender_not_allowed', `${account.username} accepts pictures from their contacts only.`));
      if (await repo.isBlocked(account.id, who.address, who.hosts))
        return refuse(account.id, errors.forbidden('sender_blocked', `${account.username} does not accept pictures from this sender.`));
      // With face analysis off (KITH_FACE_ANALYSIS=off) no reference face has a descriptor: nothing can be checked, nothing is accepted.
      const referenceFaces = faceAnalyser.enabled ? await deps.ownReferenceFaces(account.id, faceAnalyser.modelVersion) : [];
      if (!referenceFaces.length)
        return refuse(
          account.id,
          errors.conflict(
            'no_reference_face',
            faceAnalyser.enabled
              ? `${account.username} has not registered a reference face yet, so pictures cannot be checked; try again later.`
              : `This server does not analyse faces (KITH_FACE_ANALYSIS=off), so ${account.username}'s inbox cannot check pictures.`,
          ),
        );

      const principal = principalFor(account.id, { username: account.username });
      const results: InboxPictureResult[] = [];
      const created: string[] = [];
      for (const [i, p] of input.pictures.entries()) {
        const name = safePictureName(p.name, i);
        // Only what is checked is stored: one still, no other frames, no trailing bytes.
        const check = await checkPicture(faceAnalyser, p.bytes, referenceFaces, config.maxImagePixels);
        if (!('still' in check)) {
          results.push({ ...check, name });
          continue;
        }
        const { result, createdId } = await store(principal, input, name, check.still);
        results.push(result);
        if (createdId) created.push(createdId);
      }
      const refusedByCode = new Map<string, number>();
      for (const r of results) if (r.status === 'refused') refusedByCode.set(r.code, (refusedByCode.get(r.code) ?? 0) + 1);
      for (const [code, n] of refusedByCode) await drop(account.id, code, n);
      if (created.length) {
        const albumId = await inboxAlbum(account.id);
        await albums.touch(albumId, Date.now());
        realtime.emitToAccount(account.id, 'album.updated', { albumId, addedAssetIds: created });
        realtime.emitToAccount(account.id, 'inbox.received', {
          assetIds: created,
          sender: { name: input.sender.name, address: input.sender.address, verified: senderVerified(input) },
          albumId,
        });
      }
      const accepted = results.filter((r) => r.status === 'accepted').length;
      return { account: account.username, accepted, refused: results.length - accepted, pictures: results };
    },

    /** The owner's inbox settings; `albumId` null until the first picture arrives. */
    async settings(principal: Principal) {
      const s = await repo.setting(principal.accountId);
      return { policy: s?.policy ?? ('open' as InboxPolicy), albumId: s?.album_id ?? null };
    },

    async setPolicy(principal: Principal, policy: InboxPolicy) {
      await repo.upsertSetting(principal.accountId, { policy });
      return this.settings(principal);
    },

    blocks: (principal: Principal) => repo.blocks(principal.accountId),

    /** @throws 400 `invalid_block` when the value is not an address (`user@host[:port]`) / a host name or IP. */
    async addBlock(principal: Principal, kind: 'sender' | 'host', value: string) {
      const v = normaliseBlockValue(kind, value);
      if (!v)
        throw errors.badRequest(
          'invalid_block',
          kind === 'sender'
            ? `"${value.slice(0, 80)}" is not a sender address; use user@host[:port] or the sender's album URL.`
            : `"${value.slice(0, 80)}" is not a host; use a host name (optionally :port) or an IP address.`,
        );
      return repo.addBlock(principal.accountId, kind, v);
    },

    /** @throws 404 `not_found` when the block is not the caller's. */
    async deleteBlock(principal: Principal, id: string) {
      if (!(await repo.deleteBlock(principal.accountId, id))) throw errors.notFound('block');
    },

    /** Dropped pictures by code and the 100 latest entries (no image is ever kept). */
    dropped: (principal: Principal) => repo.drops(principal.accountId, 100),

    /** Received pictures with their sender's claims, newest first; `before` (the last item's time and id) pages back. */
    async items(principal: Principal, limit: number, before?: { at: number; assetId: string }) {
      const rows = await repo.items(principal.accountId, limit, before);
      return { rows, assets: await assets.toDtos(await assets.findByIds(rows.map((r) => r.asset_id))) };
    },
  };
}

export type InboxService = ReturnType<typeof createInboxService>;
