import { AppError } from '../common/errors.js';
import type { InboxPacketInput, InboxPacketResult } from '../inbox/inbox.service.js';
import type { Outcome } from './inbox-client.js';

/** Same-server delivery port: the inbox service's `receive` (throws AppError for packet-level refusals). */
export type InboxReceiver = (input: InboxPacketInput) => Promise<InboxPacketResult>;

/**
 * Same-server delivery: the photo goes through the inbox service with the same checks as the
 * public `POST /inbox/{account}` (straight into their inbox, with the same checks as a remote sender),
 * source IP `local`, the sender's account id set. An AppError 4xx (unknown_account,
 * inbox_closed, no_reference_face, …) is a final refusal; 429, 5xx and any other error are retried.
 */
export async function deliverLocally(
  receive: InboxReceiver,
  input: { account: string; picture: { name: string; bytes: Buffer }; sender: { name: string; address: string; accountId: string } },
): Promise<Outcome> {
  try {
    const res = await receive({
      account: input.account,
      pictures: [{ name: input.picture.name, bytes: input.picture.bytes }],
      sender: input.sender,
      sourceIp: 'local',
    });
    const first = res.pictures[0];
    if (!first) return { status: 'retry', code: 'no_result', message: 'The inbox answered no result for the photo.' };
    if (first.status === 'refused') return { status: 'refused', code: first.code, message: first.message };
    return { status: 'delivered', remoteAssetId: first.assetId };
  } catch (e) {
    if (e instanceof AppError && e.statusCode >= 400 && e.statusCode < 500 && e.statusCode !== 429)
      return { status: 'refused', code: e.code, message: e.message };
    return {
      status: 'retry',
      code: e instanceof AppError ? e.code : 'internal_error',
      message: e instanceof Error ? e.message : String(e),
    };
  }
}
