// Coaching in a real browser, with axe on every page state: a coach finds Coaching in the
// navigation, logs a session by keyboard (a mistake first: the message beside the field, the
// input kept) and sees it at the school; the school's principal sees that it happened but not the
// notes; the director reads the coverage view on a phone without sideways scrolling.
//
//   node --test tests/browser/learning_coaching.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkAccessibility, screenshot, signInOn, withDemoServer } from './support.mjs';

const demo = withDemoServer();

function context(viewport = { width: 1280, height: 900 }) {
  return demo.browser.newContext({ baseURL: demo.server.baseURL, viewport, locale: 'en-US' });
}

test('a coach logs a session and the principal sees it without the notes', async () => {
  const coachContext = await context();
  try {
    const page = await coachContext.newPage();
    await signInOn(page, 'coach@lusd.example.org');
    await page.getByRole('link', { name: 'Coaching', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Coaching' }).waitFor();
    await checkAccessibility(page, 'caseload');
    await page.getByRole('link', { name: 'Log a session at Arroyo Seco Elementary' }).click();
    await page.getByRole('heading', { level: 1, name: 'Log a coaching session' }).waitFor();
    await checkAccessibility(page, 'log form');

    // A mistake first: minutes that are not a number.
    await page.getByLabel('Minutes').fill('an hour');
    await page.getByLabel('Notes').fill('Students paired up to check each other’s recordings.');
    await page.getByRole('button', { name: 'Save the session' }).click();
    assert.ok(await page.getByRole('alert').isVisible(), 'the error summary is announced');
    assert.equal(await page.getByLabel('Notes').inputValue(),
      'Students paired up to check each other’s recordings.', 'the notes are kept');
    await checkAccessibility(page, 'log form with an error');

    // Then right, by keyboard.
    await page.getByLabel('Minutes').focus();
    await page.keyboard.press('Control+A');
    await page.keyboard.type('50');
    await page.getByLabel('Activity').selectOption({ label: 'Co-teaching' });
    await page.locator('#people input[type="checkbox"]').first().focus();
    await page.keyboard.press('Space');
    await page.getByRole('button', { name: 'Save the session' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Coaching at Arroyo Seco Elementary' })
      .waitFor();
    assert.match(await page.locator('.coaching-logs').innerText(),
      /Students paired up to check each other’s recordings\./);
    await checkAccessibility(page, 'school logs');
  } finally {
    await coachContext.close();
  }

  const principalContext = await context();
  try {
    const page = await principalContext.newPage();
    await signInOn(page, 'principal@lusd.example.org', '/coaching/schools/arroyo');
    await page.getByRole('heading', { level: 1, name: 'Coaching at Arroyo Seco Elementary' })
      .waitFor();
    const logs = await page.locator('.coaching-logs').innerText();
    assert.match(logs, /Co-teaching/, 'the principal sees the session');
    assert.doesNotMatch(logs, /paired up/, 'but not the coach’s notes');
    assert.equal(await page.getByRole('link', { name: 'Log a session' }).count(), 0);
    await checkAccessibility(page, 'school logs for the principal');
  } finally {
    await principalContext.close();
  }
});

test('the director reads coaching coverage on a phone', async () => {
  const phone = await context({ width: 390, height: 844 });
  try {
    const page = await phone.newPage();
    await signInOn(page, 'director@lusd.example.org', '/coaching/coverage');
    await page.getByRole('heading', { level: 1, name: 'Coaching coverage' }).waitFor();
    await checkAccessibility(page, 'coverage on a phone');
    await screenshot(page, 'learning-coaching-coverage-phone');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.ok(overflow <= 0, `the page does not scroll sideways (${overflow}px)`);
    const rows = await page.locator('tbody tr').count();
    assert.equal(rows, 12, 'every school is listed');
  } finally {
    await phone.close();
  }
});
