import type { ReactNode } from 'react';
import { Field } from '../components/field';
import { useSessionNotice } from '../spa-provider';
import type { LoginFormState } from './use-login-form';

type LoginFormProps = {
  form: LoginFormState;
  title: string;
  idLabel: string;
  required?: boolean;
  /** Keeps the submit button disabled (e.g. while a lockout runs). */
  locked?: boolean;
  /** Between the fields and the submit button: the app's error and refusal notices. */
  children?: ReactNode;
  /** Below the submit button. */
  footer?: ReactNode;
};

/** ID and password, the notice of the last forced sign-out, and the submit button. */
export function LoginForm({ form, title, idLabel, required, locked = false, children, footer }: LoginFormProps) {
  const notice = useSessionNotice();
  const { login, siteId, password, fieldErrors } = form;
  return (
    <form className="card stack" onSubmit={form.submit} data-testid="login-form" noValidate>
      <h1>{title}</h1>
      {notice && (
        <p className="banner" data-testid="session-notice">
          {notice}
        </p>
      )}
      <Field
        label={idLabel}
        name="siteId"
        autoComplete="username"
        value={siteId}
        onChange={(e) => form.setSiteId(e.target.value)}
        error={fieldErrors.siteId}
        required={required}
      />
      <Field
        label="Password"
        name="password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(e) => form.setPassword(e.target.value)}
        error={fieldErrors.password}
        required={required}
      />
      {children}
      <button type="submit" className="primary" disabled={login.isPending || locked || !siteId || !password} data-testid="login-submit">
        {login.isPending ? 'Logging in…' : 'Log in'}
      </button>
      {footer}
    </form>
  );
}
