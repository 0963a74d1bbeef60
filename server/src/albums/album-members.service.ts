import type { Principal } from '../common/principal.js';
import type { ContactsService } from '../contacts/contacts.service.js';
import type { LinkQuestionsService } from '../contacts/link-questions.service.js';
import { errors } from '../common/errors.js';
import type { RealtimeHub } from '../realtime/realtime-events.js';
import type { AlbumMembersRepository } from './album-members.repository.js';
import type { AlbumsService } from './albums.service.js';

export type MemberRole = 'viewer' | 'contributor';
/** Whom to invite: an account by the username the owner typed, or one of the owner's contacts. */
export type InviteTarget = { username: string; contactId?: undefined } | { contactId: string; username?: undefined };

export interface MemberDto {
  id: string;
  username: string;
  displayName: string;
  role: MemberRole;
}

/**
 * Album membership: the owner invites accounts as `viewer` (sees the album) or `contributor` (also adds photos of
 * their own), changes their role, removes them; a member may leave. Same `album_member` rows as event sharing.
 *
 * Trust rule (docs/security.md "Contact links"): a contact is invited only through a proven identity, i.e. the
 * account it is linked to (a Kith address the owner typed, or an e-mail/phone the account verified). A contact whose
 * only match is unproven (a pending link question) needs the owner's explicit `confirm: true`, which also answers
 * that question Yes; a contact with no account here cannot be invited (a public link is the way to reach them).
 */
export function createAlbumMembersService(deps: {
  repo: AlbumMembersRepository;
  realtime: RealtimeHub;
  albums: AlbumsService;
  contacts: ContactsService;
  linkQuestions: LinkQuestionsService;
}) {
  const { repo, realtime, albums, contacts, linkQuestions } = deps;

  /**
   * The account a target names.
   * @throws 404 `not_found` (no such account or contact of the caller's); 409 `confirmation_required` with
   *   `details.account` and `details.matchedOn` for an unproven match; 422 `contact_not_on_kith`.
   */
  async function resolve(principal: Principal, target: InviteTarget, confirm: boolean) {
    if (target.username !== undefined) {
      const account = await repo.findAccountByUsername(target.username.replace(/^@/, ''));
      if (!account) throw errors.notFound('account');
      return account;
    }
    const contact = await contacts.get(principal, target.contactId);
    if (contact.linked_account_id) return (await repo.findAccountById(contact.linked_account_id))!;
    const question = (await linkQuestions.list(principal)).find((q) => q.contact_id === contact.id);
    if (!question)
      throw errors.unprocessable(
        'contact_not_on_kith',
        `${contact.name} has no verified account on this server; send them a public link to the album instead.`,
      );
    const account = { id: question.account_id, username: question.username, display_name: question.display_name };
    if (!confirm)
      throw errors.conflict(
        'confirmation_required',
        `${contact.name}'s ${question.matched_on === 'email' ? 'e-mail address' : 'phone number'} matches @${account.username}, who has not verified it. Confirm that this is ${contact.name} to invite them.`,
        {
          contactId: contact.id,
          matchedOn: question.matched_on,
          account: { id: account.id, username: account.username, displayName: account.display_name },
        },
      );
    await linkQuestions.answer(principal, contact.id, account.id, 'yes');
    return account;
  }

  return {
    /**
     * Invites (or re-roles) a member of an album the caller owns; a new member gets `album.shared`.
     * @throws 404 `not_found`, 403 `not_album_owner`, 400 `cannot_invite_self`, and {@link resolve}'s errors.
     */
    async invite(principal: Principal, albumId: string, target: InviteTarget, role: MemberRole, confirm = false): Promise<MemberDto> {
      const album = await albums.own(principal, albumId);
      const account = await resolve(principal, target, confirm);
      if (account.id === principal.accountId) throw errors.badRequest('cannot_invite_self', 'You own this album already.');
      const before = await repo.roleOf(albumId, account.id);
      await repo.upsertMember(albumId, account.id, role, Date.now());
      if (!before)
        realtime.emitToAccount([account.id], 'album.shared', {
          albumId,
          name: album.name,
          kind: album.kind,
          sharedBy: {
            id: principal.accountId,
            username: principal.username,
            displayName: (await repo.findAccountById(principal.accountId))!.display_name,
          },
          assetCount: album.asset_count,
        });
      return { id: account.id, username: account.username, displayName: account.display_name, role };
    },

    /** @throws 404 `not_found` (album, or an account that is not a member), 403 `not_album_owner`. */
    async setRole(principal: Principal, albumId: string, accountId: string, role: MemberRole): Promise<MemberDto> {
      await albums.own(principal, albumId);
      const current = await repo.roleOf(albumId, accountId);
      if (!current || current === 'owner') throw errors.notFound('member');
      await repo.upsertMember(albumId, accountId, role, Date.now());
      const a = (await repo.findAccountById(accountId))!;
      return { id: a.id, username: a.username, displayName: a.display_name, role };
    },

    /** The owner removes a member, or a member leaves. @throws 404 `not_found`, 403 `not_album_owner`. */
    async remove(principal: Principal, albumId: string, accountId: string): Promise<void> {
      if (accountId === principal.accountId) {
        const s = await albums.view(principal, albumId);
        if (s.role === 'owner') throw errors.badRequest('owner_cannot_leave', 'The owner cannot leave the album; delete it instead.');
      } else await albums.own(principal, albumId);
      if (!(await repo.removeMember(albumId, accountId))) throw errors.notFound('member');
    },
  };
}

export type AlbumMembersService = ReturnType<typeof createAlbumMembersService>;
