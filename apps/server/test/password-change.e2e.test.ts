/**
 * A tab that still shows the app when the server starts refusing calls with
 * password_change_required (the flag set after the tab loaded) switches to the
 * change-password page instead of showing broken screens, and continues once it is done.
 */
import { users } from '@casino/db';
import { eq } from 'drizzle-orm';
import { describe, it } from 'vitest';
import { browserSuite, collectPageErrors, login, PASSWORD, phonePage, signupAccount } from './browser';

const suite = browserSuite();

describe('forced password change in an open tab', () => {
  it('shows the change-password page on the first refused call, then the app again', async () => {
    const player = await signupAccount(suite.baseUrl, 'pw');
    const page = await phonePage(suite.browser);
    const pageErrors = collectPageErrors(page);
    await page.goto(`${suite.baseUrl}/#/login`);
    await login(page, player.siteId);
    await page.locator('[data-testid="gold"]', { hasText: '1,000' }).waitFor();

    await suite.server.deps.db.update(users).set({ mustChangePassword: true }).where(eq(users.id, player.userId));
    // The profile screen's queries are refused; auth.me, refetched, now says why.
    await page.goto(`${suite.baseUrl}/#/profile`);
    await page.getByTestId('change-password-form').waitFor();

    await page.getByTestId('field-currentPassword').fill(PASSWORD);
    await page.getByTestId('field-newPassword').fill('a-brand-new-one-42');
    await page.getByTestId('field-repeatPassword').fill('a-brand-new-one-42');
    await page.getByTestId('change-password-submit').click();
    await page.getByTestId('profile-stats').waitFor();
    if (pageErrors.length) throw new Error(pageErrors.join('\n'));
    await page.context().close();
  });
});
