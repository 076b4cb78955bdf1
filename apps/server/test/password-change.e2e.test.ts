import { describe, it } from 'vitest';
import { editUser } from '../../../packages/api/src/test/harness';
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

    await editUser(suite.server.deps, player.userId, { mustChangePassword: true });
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
