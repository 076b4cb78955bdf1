import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { fieldErrorsOf } from '../errors';
import { useSpa } from '../spa-provider';
import { useTRPC } from '../trpc';

type LoginOptions = NonNullable<Parameters<ReturnType<typeof useTRPC>['auth']['login']['mutationOptions']>[0]>;

/** State and submit of a login form; each app decides what a successful or failed login means. */
export function useLoginForm(options: LoginOptions, onSubmit?: () => void) {
  const trpc = useTRPC();
  const { session } = useSpa();
  const [siteId, setSiteId] = useState('');
  const [password, setPassword] = useState('');
  const login = useMutation(trpc.auth.login.mutationOptions(options));

  const submit = (e: FormEvent) => {
    e.preventDefault();
    session.clearNotice();
    onSubmit?.();
    login.mutate({ siteId: siteId.trim(), password });
  };

  return { siteId, setSiteId, password, setPassword, login, fieldErrors: fieldErrorsOf(login.error), submit };
}

export type LoginFormState = ReturnType<typeof useLoginForm>;
