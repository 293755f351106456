// Leader growth in a real browser, with axe on every page: a principal on a phone walks the
// self-assessment by keyboard (a draft, the error summary, then a submission) and invites a
// rater; the rater answers through the personal link without an account; the superintendent
// reads the heatmap and the cycle, opens a cycle with a mistake first, and edits the rubric.
//
//   node --test tests/browser/        (CTest runs it as the `browser` test)

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

import { checkAccessibility, screenshot, signInOn, withDemoServer } from './support.mjs';

const demo = withDemoServer();

const PHONE = { width: 390, height: 844 };

async function signedIn(email, fn, viewport = { width: 1280, height: 800 }) {
  const context = await demo.browser.newContext({ baseURL: demo.server.baseURL, viewport, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await signInOn(page, email);
    await fn(page);
  } finally {
    await context.close();
  }
}

// The text of the newest queued e-mail to `address` (the demo has no mail server; the outbox
// keeps what would be sent).
function lastMailTo(address) {
  const sql = `SELECT body_text FROM mail_outbox WHERE to_address = '${address}' ` +
              'ORDER BY created_at DESC LIMIT 1';
  const result = spawnSync('sqlite3', [join(demo.server.dir, 'test.db'), sql], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
  return result.stdout;
}

test('a principal on a phone completes the self-assessment by keyboard and invites a rater', async () => {
  await signedIn('principal@lusd.example.org', async (page) => {
    await page.getByRole('link', { name: 'Growth', exact: true }).click();
    assert.equal(new URL(page.url()).pathname, '/growth');
    await checkAccessibility(page, 'my growth');
    await page.getByRole('link', { name: /^Complete the self-assessment for Leadership self-assessment 2026/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Self-assessment/ }).waitFor();
    await checkAccessibility(page, 'self-assessment');

    // One indicator by keyboard: focus its first level, arrow to the third, write a note.
    const first = page.getByRole('group', { name: /^3\.1\.a / });
    await first.getByRole('radio').first().focus();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    assert.equal(await first.getByRole('radio', { name: /^Proficient/ }).isChecked(), true);
    await page.getByLabel('Note on 3.1.a').fill('Our digital citizenship week reached every class.');
    await page.getByRole('button', { name: 'Save draft' }).click();
    await page.getByRole('status').filter({ hasText: 'Your draft is saved.' }).waitFor();
    assert.equal(await page.getByRole('group', { name: /^3\.1\.a / }).getByRole('radio', { name: /^Proficient/ }).isChecked(), true);

    // Submitting with the rest missing: a summary, and each indicator says what it needs.
    await page.getByRole('button', { name: 'Submit' }).click();
    const summary = page.getByRole('alert');
    await summary.waitFor();
    assert.match(await summary.innerText(), /3\.1\.b: Choose a level/);
    await checkAccessibility(page, 'self-assessment with errors');
    assert.equal(await page.getByLabel('Note on 3.1.a').inputValue(),
                 'Our digital citizenship week reached every class.');
    await screenshot(page, 'growth-self-errors-phone', { fullPage: false });

    // Every indicator: Developing, chosen by keyboard.
    const groups = page.locator('fieldset.levels');
    const count = await groups.count();
    assert.equal(count, 22);
    for (let i = 0; i < count; i += 1) {
      const group = groups.nth(i);
      if (await group.getByRole('radio', { checked: true }).count() > 0) continue;
      await group.getByRole('radio').first().focus();
      await page.keyboard.press('Space');
      await page.keyboard.press('ArrowDown');
    }
    await page.getByRole('button', { name: 'Submit' }).click();
    await page.getByRole('status').filter({ hasText: 'submitted' }).waitFor();
    await checkAccessibility(page, 'submitted self-assessment');

    await page.getByRole('link', { name: 'Invite raters for 360° feedback' }).click();
    await checkAccessibility(page, 'raters');
    await page.getByLabel('E-mail addresses').fill('arroyo.counselor@lusd.example.org');
    await page.getByRole('button', { name: 'Send invitations' }).click();
    await page.getByRole('status').filter({ hasText: 'Invitations sent to 1' }).waitFor();
    await checkAccessibility(page, 'raters after sending');
  }, PHONE);
});

test('a rater answers through the personal link without an account', async () => {
  const mail = lastMailTo('arroyo.counselor@lusd.example.org');
  const link = /\/feedback\/[0-9a-f]{64}/.exec(mail);
  assert.ok(link, `no feedback link in the invitation:\n${mail}`);
  const context = await demo.browser.newContext({ baseURL: demo.server.baseURL, viewport: PHONE });
  const page = await context.newPage();
  await page.goto(link[0]);
  await page.getByRole('heading', { level: 1, name: /^Feedback for / }).waitFor();
  await checkAccessibility(page, 'feedback form');
  await page.getByRole('button', { name: 'Send my feedback' }).click();
  await page.getByRole('alert').waitFor();
  await checkAccessibility(page, 'feedback form with an error');
  await page.getByRole('group', { name: /^3\.2\.a / }).getByRole('radio', { name: /^Proficient/ }).check();
  await page.getByRole('button', { name: 'Send my feedback' }).click();
  await page.getByRole('heading', { level: 1, name: 'Thank you' }).waitFor();
  await checkAccessibility(page, 'feedback thanks');
  // The link answers once.
  await page.goto(link[0]);
  await page.getByText('You have already sent your feedback').waitFor();
  await context.close();
});

test('the superintendent reads the heatmap, opens a cycle and edits the rubric', async () => {
  await signedIn('superintendent@lusd.example.org', async (page) => {
    await page.goto('/growth/cycles');
    await checkAccessibility(page, 'cycles');
    await page.getByRole('link', { name: 'Leadership self-assessment 2026–27' }).click();
    await checkAccessibility(page, 'cycle');
    await page.getByRole('link', { name: 'Heatmap', exact: true }).click();
    await page.getByRole('table', { name: /Mean level per indicator and school/ }).waitFor();
    await checkAccessibility(page, 'heatmap');
    await screenshot(page, 'growth-heatmap');
    await page.getByLabel('Role').selectOption('educator');
    await page.getByRole('button', { name: 'Show' }).click();
    assert.match(page.url(), /role=educator/);
    await checkAccessibility(page, 'heatmap filtered');

    await page.goto('/growth/cycles/new');
    await checkAccessibility(page, 'new cycle');
    await page.getByLabel('Name', { exact: true }).fill('Technology staff 2027');
    await page.getByLabel('Opens on').fill('2027-01-10');
    await page.getByLabel('Closes on').fill('2027-01-01');
    await page.getByRole('button', { name: 'Open the cycle and send invitations' }).click();
    await page.getByRole('alert').waitFor();
    await checkAccessibility(page, 'new cycle with errors');
    assert.equal(await page.getByLabel('Name', { exact: true }).inputValue(), 'Technology staff 2027');

    await page.getByRole('link', { name: 'Growth', exact: true }).click();
    await checkAccessibility(page, 'my growth (superintendent)');
    await page.goto('/growth/cycles');
    await page.getByRole('link', { name: 'Leadership self-assessment 2026–27' }).click();
    await page.getByRole('link', { name: 'Edit the rubric' }).click();
    await checkAccessibility(page, 'rubric');
    await page.getByLabel('Name').first().fill('');
    await page.getByRole('button', { name: 'Save the rubric' }).click();
    await page.getByRole('alert').waitFor();
    await checkAccessibility(page, 'rubric with errors');
  });
});
