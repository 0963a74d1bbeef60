/** My phone number's verification (SMS code) and confirmations of contacts' numbers (typed SDK calls). */
import { kith, unwrap } from './client';
import type { NowPlayingConfirmation, PhoneStatus } from './types';

export const phoneApi = {
  status: (): Promise<PhoneStatus> => unwrap(kith.GET('/api/me/phone')),
  /** Texts a 6-digit code to my number; 503 `sms_unavailable` without a gateway. */
  sendCode: (): Promise<{ sent_to: string; expires_at: string }> => unwrap(kith.POST('/api/me/phone/code')),
  verify: (code: string): Promise<PhoneStatus> => unwrap(kith.POST('/api/me/phone/verify', { body: { code } })),
  dismissNotice: async (): Promise<void> => {
    await unwrap(kith.DELETE('/api/me/phone/notice'));
  },
  confirmations: async (): Promise<NowPlayingConfirmation[]> => (await unwrap(kith.GET('/api/now-playing/confirmations'))).confirmations,
  confirm: async (accountId: string, phone: string): Promise<NowPlayingConfirmation[]> =>
    (await unwrap(kith.POST('/api/now-playing/confirmations', { body: { account_id: accountId, phone } }))).confirmations,
  unconfirm: async (accountId: string): Promise<void> => {
    await unwrap(kith.DELETE('/api/now-playing/confirmations/{id}', { params: { path: { id: accountId } } }));
  },
};
