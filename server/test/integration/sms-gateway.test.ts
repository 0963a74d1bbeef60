import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAddressPolicy, parseCidrList } from '../../src/net/address-policy.js';
import { guardedFetch } from '../../src/net/guarded-fetch.js';
import { createTwilioGateway, type SmsPost } from '../../src/phone/sms-gateway.js';
import { startFakeSmsGateway, type FakeSmsGateway } from '../helpers/fake-sms-gateway.js';

/** The container's wiring: every gateway call goes through the SSRF guard with the server's allow-list. */
const guardedPost =
  (allow: string[]): SmsPost =>
  (url, init) =>
    guardedFetch(url, { ...init, policy: createAddressPolicy(parseCidrList(allow)), maxBytes: 1024 * 1024, timeoutMs: 10_000 });

// Twilio's Programmable Messaging API wire format, against the loopback fake that checks it.
describe('SMS gateway client (Twilio Messaging API wire format)', () => {
  let fake: FakeSmsGateway;
  const settings = () => ({ url: fake.url, accountSid: fake.accountSid, authToken: fake.authToken, from: fake.from });

  beforeAll(async () => void (fake = await startFakeSmsGateway()));
  afterAll(async () => fake?.close());

  it('sends To, From and Body as a form with Basic auth, and reads the 201 Message resource', async () => {
    const sent = await createTwilioGateway(settings(), guardedPost(['127.0.0.1/32'])).send('+4915110000001', '123456 is your code');
    expect(sent).toEqual({ sid: expect.stringMatching(/^SM[0-9a-f]{32}$/), status: 'queued' });
    expect(fake.messages.at(-1)).toEqual({ sid: sent.sid, to: '+4915110000001', from: fake.from, body: '123456 is your code' });
  });

  it("reports Twilio's error JSON (a wrong auth token: 401, code 20003) as 502 sms_failed", async () => {
    const gateway = createTwilioGateway({ ...settings(), authToken: 'not-the-token' }, guardedPost(['127.0.0.1/32']));
    await expect(gateway.send('+4915110000001', 'x')).rejects.toMatchObject({
      statusCode: 502,
      code: 'sms_failed',
      details: { gateway_status: 401, gateway_code: 20003 },
    });
    expect(fake.refused.at(-1)).toBe('401 20003');
  });

  it('goes through the SSRF guard: a loopback gateway is refused unless KITH_FETCH_ALLOW allows it', async () => {
    const gateway = createTwilioGateway(settings(), guardedPost([]));
    await expect(gateway.send('+4915110000001', 'x')).rejects.toMatchObject({
      statusCode: 502,
      code: 'sms_failed',
      message: expect.stringContaining('KITH_FETCH_ALLOW'),
      details: { reason: 'blocked_address' },
    });
  });
});
