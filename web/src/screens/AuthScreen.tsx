/** Log in and sign up (one form, two modes). Errors show the server's message as-is. */
import { useState, type FormEvent } from 'react';
import { CalendarHeart, Images, ScanFace } from 'lucide-react';
import { errorMessage, fieldErrors } from '../api/client';
import { meApi } from '../api/me';
import { Link, navigate } from '../lib/router';
import { useSession } from '../state/session';
import { BrandMark } from '../components/BrandMark';
import { TextField } from '../components/TextField';

/** The request fields this form has an input for. */
const SHOWN_FIELDS = ['username', 'displayName', 'password', 'email', 'phone', 'inviteCode'];

export function AuthScreen({ mode }: { mode: 'login' | 'signup' }) {
  const { setAccount, bootError } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  // An admin's invite link is /signup?invite=CODE (Settings → Administration).
  const [inviteCode, setInviteCode] = useState(() => new URLSearchParams(window.location.search).get('invite') ?? '');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(bootError);
  // Validation messages shown at their fields (the server names them: password, username, email…).
  const [fields, setFields] = useState<Record<string, string>>({});
  const signup = mode === 'signup';

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const account = signup
        ? await meApi.signup({
            username: username.trim(),
            password,
            ...(displayName.trim() ? { displayName: displayName.trim() } : {}),
            ...(email.trim() ? { email: email.trim() } : {}),
            ...(phone.trim() ? { phone: phone.trim() } : {}),
            ...(inviteCode.trim() ? { inviteCode: inviteCode.trim() } : {}),
          })
        : await meApi.login(username.trim(), password);
      setAccount(account);
      // From /login or /signup go home; from a deep link (logged out on /albums/x) stay there.
      if (['/login', '/signup'].includes(window.location.pathname)) navigate('/', { replace: true });
    } catch (err) {
      const byField = fieldErrors(err);
      const shown = Object.keys(byField).filter((k) => SHOWN_FIELDS.includes(k));
      setFields(byField);
      // What no field on this form shows still goes under the form, in words.
      setError(shown.length === Object.keys(byField).length && shown.length > 0 ? null : errorMessage(err));
      setBusy(false);
    }
  };

  return (
    <div className="auth" data-testid={signup ? 'signup-screen' : 'login-screen'}>
      <aside className="auth-hero">
        <div className="brand brand-light">
          <BrandMark />
        </div>
        <h1>Your photos, with the people in them.</h1>
        <ul className="auth-points">
          <li>
            <Images size={20} /> A private library on your own server
          </li>
          <li>
            <CalendarHeart size={20} /> Event albums that gather everyone’s shots of the party
          </li>
          <li>
            <ScanFace size={20} /> Photos of you find their way to you
          </li>
        </ul>
      </aside>
      <main className="auth-main">
        <form className="auth-form" onSubmit={(e) => void submit(e)} noValidate>
          <h2>{signup ? 'Create your account' : 'Welcome back'}</h2>
          <p className="muted">{signup ? 'It takes a minute. Your photos stay on this server.' : 'Log in to your Kith.'}</p>
          <TextField
            label="Username"
            autoComplete="username"
            autoFocus
            value={username}
            onChange={(e) => setUsername(e.target.value)}
            data-testid="auth-username"
            error={fields.username}
            required
          />
          {signup && (
            <TextField
              label="Display name"
              autoComplete="name"
              placeholder="How friends see you"
              value={displayName}
              onChange={(e) => setDisplayName(e.target.value)}
              data-testid="auth-display-name"
              error={fields.displayName}
            />
          )}
          <TextField
            label="Password"
            hint={signup ? 'At least 8 characters.' : undefined}
            type="password"
            autoComplete={signup ? 'new-password' : 'current-password'}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            data-testid="auth-password"
            error={fields.password}
            required
          />
          {signup && (
            <>
              <TextField
                label="E-mail (optional)"
                type="email"
                autoComplete="email"
                value={email}
                onChange={(e) => setEmail(e.target.value)}
                data-testid="auth-email"
                error={fields.email}
              />
              <TextField
                label="Phone (optional)"
                hint="Friends who have your number or e-mail in their contacts find you by it once you prove it is yours (Settings → Profile)."
                type="tel"
                autoComplete="tel"
                placeholder="+1 415 555 0100"
                value={phone}
                onChange={(e) => setPhone(e.target.value)}
                data-testid="auth-phone"
                error={fields.phone}
              />
              <TextField
                label="Invite code (from the server’s admin)"
                value={inviteCode}
                onChange={(e) => setInviteCode(e.target.value)}
                data-testid="auth-invite"
                error={fields.inviteCode}
              />
            </>
          )}
          {error && (
            <p className="form-error" role="alert" data-testid="auth-error">
              {error}
            </p>
          )}
          <button className="button button-primary button-block" disabled={busy || !username || !password} data-testid="auth-submit">
            {busy ? 'Please wait…' : signup ? 'Create account' : 'Log in'}
          </button>
          <p className="auth-switch">
            {signup ? 'Already have an account?' : 'New here?'}{' '}
            <Link href={signup ? '/login' : '/signup'} data-testid="auth-switch">
              {signup ? 'Log in' : 'Create an account'}
            </Link>
          </p>
        </form>
      </main>
    </div>
  );
}
