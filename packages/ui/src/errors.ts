/** Reading the server's error shape (CONTRACT.md): `data.appError`, the tRPC code, zod field errors. */
import type { TReason } from '@casino/shared';
import { TRPCClientError } from '@trpc/client';

/** The server sends only reasons of the shared table, so comparing with a misspelt one does not compile. */
export type AppError = { reason: TReason; message: string; [detail: string]: unknown };

export function appErrorOf(error: unknown): AppError | null {
  if (!(error instanceof TRPCClientError)) return null;
  const data = error.data as { appError?: AppError | null } | undefined;
  return data?.appError ?? null;
}

export function errorCode(error: unknown): string | null {
  if (!(error instanceof TRPCClientError)) return null;
  return (error.data as { code?: string } | undefined)?.code ?? null;
}

/** Field name → first message, from the server's flattened zod issues. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  if (!(error instanceof TRPCClientError)) return {};
  const zod = (error.data as { zodError?: { fieldErrors?: Record<string, string[] | undefined> } | null } | undefined)?.zodError;
  const out: Record<string, string> = {};
  for (const [field, list] of Object.entries(zod?.fieldErrors ?? {})) if (list?.[0]) out[field] = list[0];
  return out;
}
