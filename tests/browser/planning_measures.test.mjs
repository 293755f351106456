// Measures and the review cycle in a real browser, with axe on every page state: a measurement
// added by keyboard appears in the trend chart's data table and changes nothing else; a form
// with a mistake keeps its input; a review with a course correction that lowers a target is
// recorded and shows in the plan's history; every page works on a 390 px phone.
//
//   node --test tests/browser/planning_measures.test.mjs

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

async function type(page, label, text) {
  const field = page.getByLabel(label, { exact: true });
  await field.focus();
  await page.keyboard.type(text);
}

// The trend table's rows as [date, measured, path] texts.
async function trendRows(page) {
  return page.locator('#trend-table tbody tr').evaluateAll((rows) =>
    rows.map((row) => [...row.querySelectorAll('th, td')].map((cell) => cell.textContent.trim())));
}

test('a district leader adds a measurement and records a review with a course correction', async () => {
  const context = await demo.browser.newContext({
    baseURL: demo.server.baseURL, viewport: { width: 1280, height: 900 }, locale: 'en-US',
  });
  try {
    const page = await signIn(context, 'superintendent@lusd.example.org',
      '/planning/plans/demo-plan/measures');
    await checkAccessibility(page, 'plan measures');
    await page.getByRole('link', { name: 'Students without internet at home' }).click();
    await page.getByRole('heading', { level: 1, name: 'Students without internet at home' })
      .waitFor();
    await checkAccessibility(page, 'measure');
    assert.ok(await page.locator('figure.chart svg[role="img"]').isVisible(), 'the chart is drawn');
    const before = await trendRows(page);
    assert.ok(before.length >= 3, 'the table has the baseline, measurements and the target');
    assert.match(before[0][0], /^2025-07-01/, 'the first row is the baseline');

    // A mistake first: the message beside the field, the input kept.
    await page.getByLabel('Date', { exact: true }).fill('2025-06-01');
    await type(page, 'Value', '7.5');
    await page.getByRole('button', { name: 'Add the measurement' }).click();
    assert.ok(await page.getByRole('alert').isVisible(), 'the error summary is announced');
    assert.equal(await page.getByLabel('Value', { exact: true }).inputValue(), '7.5');
    await checkAccessibility(page, 'measure with an error');

    // Then right, with the keyboard.
    await page.getByLabel('Date', { exact: true }).fill('2026-11-02');
    await type(page, 'Note', 'Hotspot survey, fall');
    await page.getByRole('button', { name: 'Add the measurement' }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('cell', { name: 'Hotspot survey, fall' }).waitFor();
    const after = await trendRows(page);
    const added = after.find((row) => row[0].startsWith('2026-11-02'));
    assert.ok(added, 'the new date is a row of the chart table');
    assert.equal(added[1], '7.5', 'with the value measured');
    assert.equal(after.length, before.length + 1, 'one more row, nothing else changed');
    assert.match(await page.locator('#explanation').innerText(), /3/, 'the standing is explained');
    await checkAccessibility(page, 'measure with a new measurement');
    await screenshot(page, 'planning-measure');

    // Before the review.
    await page.goto('/planning/plans/demo-plan/reviews/prepare');
    await checkAccessibility(page, 'before the review');
    await page.goto('/planning/plans/demo-plan/reviews');
    assert.match(await page.locator('#next-due').innerText(), /^\d{4}-\d{2}-\d{2}/);
    await checkAccessibility(page, 'reviews');

    // A review that lowers a target, with why.
    await page.getByRole('link', { name: 'Record a review' }).click();
    await checkAccessibility(page, 'new review');
    await page.getByLabel('Date of the review').fill('2026-04-15');
    await type(page, 'Attendees', 'Cabinet and coaches');
    await type(page, 'Decisions', 'Keep going; aim lower on privacy agreements.');
    const first = page.getByRole('group', { name: 'Course correction 1' });
    await first.getByLabel('What changed').selectOption('target_changed');
    await first.getByLabel('What it touches').selectOption({ label: 'G4 · Apps in use with a signed privacy agreement' });
    await first.getByLabel('The change').fill('Target lowered to 90%.');
    await first.getByLabel('New target (optional)').fill('90');
    await page.getByRole('button', { name: 'Record the review' }).click();
    assert.ok(await page.getByRole('alert').isVisible(), 'a correction without why is refused');
    assert.equal(await first.getByLabel('The change').inputValue(), 'Target lowered to 90%.');
    await checkAccessibility(page, 'new review with an error');
    await first.getByLabel('Why').fill('Three vendors left the state consortium.');
    await page.getByRole('button', { name: 'Record the review' }).click();
    await page.getByRole('heading', { level: 1, name: 'Review of 2026-04-15' }).waitFor();
    assert.ok(await page.getByText('Three vendors left the state consortium.').isVisible());
    assert.ok(await page.getByText(/target 95 by 2027-06-30 became 90 by 2027-06-30/).isVisible());
    await checkAccessibility(page, 'review');
    await screenshot(page, 'planning-review');

    await page.getByRole('link', { name: 'History' }).click();
    const reviews = page.locator('ol.history > li h2');
    assert.equal(await reviews.first().innerText(), 'Review of 2026-04-15', 'newest first');
    await checkAccessibility(page, 'history');
    await screenshot(page, 'planning-history');
  } finally {
    await context.close();
  }
});

test('the measures and review pages pass axe on a 390 px phone', async () => {
  const context = await demo.browser.newContext({
    baseURL: demo.server.baseURL, viewport: { width: 390, height: 844 }, locale: 'en-US',
  });
  try {
    const page = await signIn(context, 'director@lusd.example.org',
      '/planning/plans/demo-plan/measures');
    await checkAccessibility(page, 'measures (phone)');
    for (const path of ['/planning/measures/demo-plan-m1', '/planning/measures/demo-plan-m1/edit',
      '/planning/goals/demo-plan-g1/measures/new', '/planning/plans/demo-plan/measurements/upload',
      '/planning/plans/demo-plan/reviews', '/planning/plans/demo-plan/reviews/prepare',
      '/planning/plans/demo-plan/reviews/new', '/planning/reviews/demo-review-2026-01',
      '/planning/plans/demo-plan/history']) {
      await page.goto(path);
      await checkAccessibility(page, `${path} (phone)`);
      const overflow = await page.evaluate(() =>
        document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 1, `${path} does not scroll sideways on a phone (${overflow}px)`);
    }
    await page.goto('/planning/measures/demo-plan-m1');
    await screenshot(page, 'planning-measure-phone');
  } finally {
    await context.close();
  }
});
