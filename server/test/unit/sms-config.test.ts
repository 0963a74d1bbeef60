import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/config.js';

const SID = 'AC0123456789abcdef0123456789abcdef';

describe('SMS gateway configuration (KITH_SMS_*)', () => {
  it('is off by default: no gateway, numbers are verified by an admin or confirmed by contacts', () => {
    expect(loadConfig({}).sms).toBeUndefined();
  });

  it("reads a gateway, Twilio's API by default", () => {
    const c = loadConfig({ KITH_SMS_ACCOUNT_SID: SID, KITH_SMS_AUTH_TOKEN: 'secret-token', KITH_SMS_FROM: '+15005550006' });
    expect(c.sms).toEqual({ url: 'https://api.twilio.com', accountSid: SID, authToken: 'secret-token', from: '+15005550006' });
    const relay = loadConfig({
      KITH_SMS_URL: 'https://sms.example.org/',
      KITH_SMS_ACCOUNT_SID: SID,
      KITH_SMS_AUTH_TOKEN: 'secret-token',
      KITH_SMS_FROM: 'Kith',
    });
    expect(relay.sms?.url).toBe('https://sms.example.org');
  });

  it('refuses half a configuration, naming what is missing, rather than silently sending nothing', () => {
    let problems: string[] = [];
    try {
      loadConfig({ KITH_SMS_ACCOUNT_SID: SID });
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      problems = e.problems;
    }
    expect(problems).toEqual([expect.stringContaining('missing KITH_SMS_AUTH_TOKEN, KITH_SMS_FROM')]);
    expect(() => loadConfig({ KITH_SMS_URL: 'ftp://x' })).toThrow(ConfigError);
  });
});
