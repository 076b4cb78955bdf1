import { ZSignupInput } from '@casino/shared';
import { appErrorOf, ErrorBanner, Field, fieldErrorsOf, useTRPC } from '@casino/ui';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { hrefFor } from '../../lib/router';
import { describeError } from '../../lib/spa';
import { InviteStatus, useInviteCheck } from './invite-status';
import { useSignIn } from './use-sign-in';

const EMPTY = { siteId: '', nickname: '', password: '', inviteCode: '', phoneNumber: '' };
type Form = typeof EMPTY;

const FRIENDLY: Record<string, string> = {
  siteId: '3–32 characters: lowercase letters, digits and _.',
  nickname: '2–20 characters.',
  password: 'At least 8 characters.',
  inviteCode: 'Enter your invite code.',
  phoneNumber: 'Digits, spaces, - and an optional leading +.',
};

/** Checks the same schema as the server before sending, so most mistakes show up without a round trip. */
function localErrors(form: Form): Record<string, string> {
  const parsed = ZSignupInput.safeParse({ ...form, phoneNumber: form.phoneNumber.trim() || undefined });
  const out: Record<string, string> = {};
  if (parsed.success) return out;
  for (const issue of parsed.error.issues) {
    const key = String(issue.path[0] ?? 'form');
    // The schema's own sentences (hidden characters in a nickname) say more than the generic hint.
    out[key] ??= issue.code === 'custom' ? issue.message : (FRIENDLY[key] ?? issue.message);
  }
  return out;
}

/** Domain errors that belong to one field are shown under it rather than in a banner. */
function fieldForReason(reason: string | undefined): keyof Form | null {
  if (reason === 'site_id_taken') return 'siteId';
  if (reason === 'nickname_taken') return 'nickname';
  if (reason?.startsWith('invite_')) return 'inviteCode';
  return null;
}

export function SignupPage() {
  const trpc = useTRPC();
  const signIn = useSignIn();
  const [form, setForm] = useState<Form>(EMPTY);
  const [checked, setChecked] = useState<Record<string, string>>({});
  const invite = useInviteCheck(form.inviteCode);
  const signup = useMutation(trpc.auth.signup.mutationOptions({ onSuccess: signIn }));
  const reasonField = fieldForReason(appErrorOf(signup.error)?.reason);
  const errors: Record<string, string> = { ...fieldErrorsOf(signup.error), ...checked };
  if (reasonField) errors[reasonField] ??= describeError(signup.error);
  const set = (key: keyof Form) => (e: { target: { value: string } }) => {
    setForm((f) => ({ ...f, [key]: e.target.value }));
    setChecked(({ [key]: _fixed, ...rest }) => rest);
  };
  const inviteBlocked = !['valid', 'checking', 'empty', 'error'].includes(invite.state);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const found = localErrors(form);
    setChecked(found);
    if (Object.keys(found).length > 0 || inviteBlocked) return;
    const { phoneNumber, ...rest } = form;
    signup.mutate({
      ...rest,
      siteId: rest.siteId.trim().toLowerCase(),
      ...(phoneNumber.trim() ? { phoneNumber: phoneNumber.trim() } : {}),
    });
  };

  return (
    <form className="card stack" onSubmit={submit} data-testid="signup-form" noValidate>
      <h1>Create your account</h1>
      <Field
        label="Invite code"
        name="inviteCode"
        value={form.inviteCode}
        onChange={set('inviteCode')}
        error={errors.inviteCode}
        autoComplete="off"
        hint={<InviteStatus {...invite} />}
      />
      <Field label="ID" name="siteId" value={form.siteId} onChange={set('siteId')} error={errors.siteId} autoComplete="username" />
      <Field label="Nickname" name="nickname" value={form.nickname} onChange={set('nickname')} error={errors.nickname} />
      <Field
        label="Password"
        name="password"
        type="password"
        value={form.password}
        onChange={set('password')}
        error={errors.password}
        autoComplete="new-password"
      />
      <Field
        label="Phone (optional)"
        name="phoneNumber"
        type="tel"
        value={form.phoneNumber}
        onChange={set('phoneNumber')}
        error={errors.phoneNumber}
        autoComplete="tel"
      />
      {!reasonField && <ErrorBanner error={signup.error} testId="signup-error" />}
      <button type="submit" className="primary" disabled={signup.isPending || inviteBlocked} data-testid="signup-submit">
        {signup.isPending ? 'Creating account…' : 'Sign up'}
      </button>
      <p className="muted center">
        Already have an account?{' '}
        <a href={hrefFor('login')} data-testid="to-login">
          Log in
        </a>
      </p>
    </form>
  );
}
