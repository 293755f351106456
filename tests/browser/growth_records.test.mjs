// A principal's own growth records in a real browser, with axe on every page: a SMART goal tied
// to an indicator and a coach, made with the keyboard; a journal entry; a link as evidence; the
// portfolio shared by a link that works signed out.
//
//   node --test tests/browser/growth_records.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkAccessibility, screenshot, signInOn, withDemoServer } from './support.mjs';

const demo = withDemoServer();

async function signIn(context, email, next) {
  const page = await context.newPage();
  await signInOn(page, email, next);
  assert.equal(new URL(page.url()).pathname, next, 'signing in returns to the page asked for');
  return page;
}

// Types into a field found by its label, as a keyboard user would: focus, then keys.
async function type(page, label, text) {
  const field = page.getByLabel(label, { exact: true });
  await field.focus();
  await page.keyboard.type(text);
}

test('a principal keeps goals, a journal and evidence, and shares the portfolio', async () => {
  const context = await demo.browser.newContext({
    baseURL: demo.server.baseURL, viewport: { width: 1280, height: 900 }, locale: 'en-US',
  });
  try {
    const page = await signIn(context, 'principal@lusd.example.org', '/growth/goals');
    await checkAccessibility(page, 'goals');

    // A goal, by keyboard: text fields, a date, the coach, one indicator ticked with Space.
    await type(page, 'Goal title', 'Every classroom uses its devices daily');
    await type(page, 'Specific: what will you do?', 'Coach each teacher through one lesson.');
    await type(page, 'Measurable: how will you know you reached it?', 'Devices used daily in 24 rooms.');
    await page.getByLabel('Time-bound: due date').fill('2027-03-01');
    await page.getByLabel('Status').selectOption('in_progress');
    await page.getByLabel('Coach', { exact: true }).selectOption({ index: 1 });
    const indicator = page.getByRole('checkbox', { name: /^3\.1\.a / });
    await indicator.focus();
    await page.keyboard.press('Space');
    assert.ok(await indicator.isChecked(), 'Space ticks the indicator');
    await page.getByRole('button', { name: 'Save the goal' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Every classroom uses its devices daily' })
      .waitFor();
    assert.match(new URL(page.url()).pathname, /^\/growth\/goals\/[0-9a-f]{32}$/);
    await checkAccessibility(page, 'goal');
    await type(page, 'What is the step?', 'Survey device use');
    await page.getByLabel('Due date of the step').fill('2026-10-31');
    await page.getByRole('button', { name: 'Add the step' }).click();
    await page.getByRole('cell', { name: 'Open' }).waitFor();
    await checkAccessibility(page, 'goal with a step');
    await screenshot(page, 'growth-goal');

    // A form with a mistake comes back with the message beside the field, and passes axe.
    await page.goto('/growth/log');
    await checkAccessibility(page, 'learning log');
    await type(page, 'What was it?', 'ISTELive 26');
    await page.getByLabel('Date', { exact: true }).fill('2026-06-28');
    await type(page, 'Hours (optional)', '-2');
    await page.getByRole('button', { name: 'Add to the log' }).click();
    assert.ok(await page.getByRole('alert').isVisible());
    assert.equal(await page.getByLabel('What was it?').inputValue(), 'ISTELive 26');
    await checkAccessibility(page, 'learning log with an error');

    // A journal entry in Markdown.
    await page.goto('/growth/journal');
    await checkAccessibility(page, 'journal');
    await type(page, 'Title', 'After the staff meeting');
    await type(page, 'Entry', 'The team *wants* more time to try things.');
    await page.getByRole('button', { name: 'Save the entry' }).click();
    await page.getByRole('heading', { level: 1, name: 'After the staff meeting' }).waitFor();
    assert.equal(await page.locator('em').innerText(), 'wants');
    await checkAccessibility(page, 'journal entry');

    // A link as evidence, tied to an indicator.
    await page.goto('/growth/evidence');
    await checkAccessibility(page, 'evidence');
    await type(page, 'Title', 'Board presentation');
    await type(page, 'Or a link', 'https://example.org/board-slides');
    await page.getByRole('checkbox', { name: /^3\.2\.b / }).check();
    await page.getByRole('button', { name: 'Add the evidence' }).click();
    await page.getByRole('link', { name: 'Board presentation' }).waitFor();
    await checkAccessibility(page, 'evidence with a link');

    // The portfolio, shared by a link that works for someone not signed in.
    await page.goto('/growth/portfolio');
    await checkAccessibility(page, 'portfolio');
    await page.getByRole('button', { name: 'Make a share link' }).click();
    const link = await page.getByLabel('Share link').inputValue();
    assert.match(link, /\/portfolio\/[A-Za-z0-9_-]{43}$/);
    await checkAccessibility(page, 'portfolio with a new link');
    await screenshot(page, 'growth-portfolio');

    const anonymous = await demo.browser.newContext({ baseURL: demo.server.baseURL, locale: 'en-US' });
    try {
      const visitor = await anonymous.newPage();
      const shared = await visitor.goto(new URL(link).pathname);
      assert.equal(shared.status(), 200);
      await visitor.getByRole('link', { name: 'Board presentation' }).waitFor();
      assert.match(await visitor.locator('main').innerText(), /Every classroom uses its devices daily/);
      await checkAccessibility(visitor, 'shared portfolio');
    } finally {
      await anonymous.close();
    }
  } finally {
    await context.close();
  }
});

test('the records pages pass axe on a phone', async () => {
  const context = await demo.browser.newContext({
    baseURL: demo.server.baseURL, viewport: { width: 375, height: 812 }, locale: 'en-US',
  });
  try {
    const page = await signIn(context, 'coach@lusd.example.org', '/growth/coaching');
    await checkAccessibility(page, 'coaching (phone)');
    for (const path of ['/growth/goals', '/growth/journal', '/growth/evidence', '/growth/portfolio']) {
      await page.goto(path);
      await checkAccessibility(page, `${path} (phone)`);
    }
  } finally {
    await context.close();
  }
});
