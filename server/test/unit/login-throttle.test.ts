import { describe, expect, it } from 'vitest';
import { createLoginThrottle, LoginThrottledError } from '../../src/accounts/login-throttle.js';

// The shared failed-password budget (docs/security.md "Scrobbler protocols, passwords and API tokens"),
// on an injected clock: no waiting, no timed assertion.
describe('login throttle', () => {
  const limits = { failuresPerAccount: 3, failuresPerAddress: 5, windowMs: 60_000 };
  const setup = () => {
    let now = 1_000_000;
    const throttle = createLoginThrottle(limits, () => now);
    return { throttle, advance: (ms: number) => (now += ms) };
  };
  const refused = (fn: () => void) => {
    try {
      fn();
      return undefined;
    } catch (e) {
      expect(e).toBeInstanceOf(LoginThrottledError);
      return (e as LoginThrottledError).retryAfterSeconds;
    }
  };

  it('refuses an account after its failures, whatever the address and case of the username, until the window ends', () => {
    const { throttle, advance } = setup();
    for (let i = 0; i < 3; i++) {
      throttle.check('Alice', `10.0.0.${i}`);
      throttle.fail('Alice', `10.0.0.${i}`);
    }
    expect(refused(() => throttle.check('alice', '10.9.9.9'))).toBe(60);
    advance(45_000);
    expect(refused(() => throttle.check('alice', '10.9.9.9'))).toBe(15);
    advance(15_000);
    expect(refused(() => throttle.check('alice', '10.9.9.9'))).toBeUndefined();
  });

  it('refuses an address after its failures across usernames; other addresses are not affected', () => {
    const { throttle } = setup();
    for (let i = 0; i < 5; i++) throttle.fail(`user${i}`, '10.0.0.1');
    expect(refused(() => throttle.check('someone-else', '10.0.0.1'))).toBe(60);
    expect(refused(() => throttle.check('someone-else', '10.0.0.2'))).toBeUndefined();
  });

  it("a right password clears the account's counter, never the address's", () => {
    const { throttle } = setup();
    for (let i = 0; i < 2; i++) throttle.fail('bob', '10.0.0.1');
    for (let i = 0; i < 3; i++) throttle.fail(`x${i}`, '10.0.0.1');
    throttle.succeed('bob');
    expect(refused(() => throttle.check('bob', '10.0.0.2'))).toBeUndefined();
    expect(refused(() => throttle.check('bob', '10.0.0.1'))).toBe(60);
  });

  it('the 429 carries a stable code and the wait', () => {
    const e = new LoginThrottledError(12);
    expect({ status: e.statusCode, code: e.code, details: e.details }).toEqual({
      status: 429,
      code: 'too_many_login_attempts',
      details: { retryAfterSeconds: 12 },
    });
  });
});
