/** @casino/ui: browser-only React pieces both SPAs share. The base stylesheet is `@casino/ui/styles.css`. */
export { ChangePasswordPage } from './auth/change-password-page';
export { LoginForm } from './auth/login-form';
export { type LoginFormState, useLoginForm } from './auth/use-login-form';
export { useLogout } from './auth/use-logout';
export { ErrorBanner } from './components/error-banner';
export { Field } from './components/field';
export { Loading } from './components/loading';
export { MoreButton } from './components/more-button';
export { createDescribeError, type DetailedMessages, type ReasonMessages } from './describe-error';
export { type AppError, appErrorOf, errorCode, fieldErrorsOf } from './errors';
export { formatDate, formatNumber, formatSigned } from './format';
export { useDebounced } from './hooks/use-debounced';
export { useDocumentTitle } from './hooks/use-document-title';
export { mountApp } from './mount';
export type { Session } from './session';
export { createSpa, type Spa, type SpaOptions } from './spa';
export { SpaProvider, useSessionNotice, useSignedIn, useSpa } from './spa-provider';
export { type RouterInputs, type RouterOutputs, TRPCProvider, useTRPC, useTRPCClient } from './trpc';
