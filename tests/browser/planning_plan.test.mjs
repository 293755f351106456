// The strategic plan in a real browser, with axe on every page state: a director builds a small
// plan (goal, strategy, an action step with an owner, budget and funding source; a mistake comes
// back beside its field), moves the step's card on the board with the keyboard, and views the
// timeline on a 390 px phone.
//
//   node --test tests/browser/planning_plan.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkAccessibility, screenshot, signInOn, withDemoServer } from './support.mjs';

const demo = withDemoServer();

async function type(page, label, text) {
  const field = page.getByLabel(label, { exact: true });
  await field.focus();
  await page.keyboard.type(text);
}

test('a director builds a plan, moves a card by keyboard and reads the timeline on a phone', async () => {
  const context = await demo.browser.newContext({
    baseURL: demo.server.baseURL, viewport: { width: 1280, height: 900 }, locale: 'en-US',
  });
  let planPath;
  try {
    const page = await context.newPage();
    await signInOn(page, 'director@lusd.example.org', '/planning');
    assert.equal(new URL(page.url()).pathname, '/planning');
    await checkAccessibility(page, 'planning home');

    // The demo plan's outline: goals with indicators, measures' standing and budgets.
    await page.goto('/planning/plans/demo-plan');
    await page.getByRole('heading', { level: 2, name: /^G1 / }).waitFor();
    await checkAccessibility(page, 'demo plan outline');

    // A new plan.
    await page.goto('/planning');
    await page.getByRole('link', { name: 'New plan' }).click();
    await checkAccessibility(page, 'new plan form');
    await type(page, 'Title', 'Device refresh plan');
    await type(page, 'Summary', 'Replacing student devices on a four-year cycle.');
    await page.getByLabel('Starts').fill('2026-07-01');
    await page.getByLabel('Ends').fill('2028-06-30');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('heading', { level: 1, name: 'Device refresh plan' }).waitFor();
    planPath = new URL(page.url()).pathname;
    assert.match(planPath, /^\/planning\/plans\/[0-9a-f-]{36}$/);
    await checkAccessibility(page, 'empty plan');

    // A goal, a strategy.
    await page.getByRole('link', { name: 'Add a goal' }).click();
    await type(page, 'Title', 'Every student has a working device');
    await checkAccessibility(page, 'goal form');
    // Open the standard's group and tick an indicator with the keyboard.
    const group = page.locator('details.plan-choices summary').first();
    await group.focus();
    await page.keyboard.press('Enter');
    const indicator = page.locator('details.plan-choices').first().getByRole('checkbox').first();
    await indicator.focus();
    await page.keyboard.press('Space');
    assert.ok(await indicator.isChecked(), 'Space ticks the indicator');
    await checkAccessibility(page, 'goal form with a group open');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.locator('.plan-goal .tag').first().waitFor();
    await page.getByRole('link', { name: 'Add a strategy' }).click();
    await checkAccessibility(page, 'strategy form');
    await type(page, 'Title', 'Refresh the oldest devices first');
    await page.getByRole('button', { name: 'Save' }).click();

    // An action step with a mistake: it comes back beside the field, with the input kept.
    await page.getByRole('link', { name: 'Add an action step' }).click();
    await checkAccessibility(page, 'action form');
    await type(page, 'Title', 'Order 300 laptops');
    await page.getByLabel('Owner').selectOption({ index: 1 });
    await page.getByLabel('Starts').fill('2026-09-01');
    await page.getByLabel('Due').fill('2026-08-01');
    await type(page, 'Budget (dollars)', '120,000');
    await page.getByLabel('Funding source').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Save' }).click();
    assert.ok(await page.getByRole('alert').isVisible(), 'the error summary is shown');
    assert.equal(await page.getByLabel('Title', { exact: true }).inputValue(), 'Order 300 laptops');
    assert.match(await page.locator('#due_on-error').innerText(), /on or after the start date/);
    await checkAccessibility(page, 'action form with an error');
    await page.getByLabel('Due').fill('2026-10-31');
    await page.getByRole('button', { name: 'Save' }).click();
    await page.getByRole('link', { name: 'Order 300 laptops' }).waitFor();
    assert.ok(await page.getByText('$120,000').first().isVisible());
    await checkAccessibility(page, 'plan with a step');
    await screenshot(page, 'planning-plan');

    // The board: move the card to "In progress" with the keyboard only.
    await page.goto(planPath + '/board');
    await checkAccessibility(page, 'board');
    await page.getByRole('link', { name: 'Order 300 laptops' }).focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => document.activeElement.textContent.trim());
    assert.equal(focused, 'In progress', 'Tab reaches the first move button');
    await page.keyboard.press('Enter');
    await page.getByRole('status').waitFor();
    const column = page.locator('section', { has: page.getByRole('heading', { name: /In progress/ }) });
    assert.equal(await column.getByRole('link', { name: 'Order 300 laptops' }).count(), 1,
      'the card is in the In progress column');
    await checkAccessibility(page, 'board after a move');
    await screenshot(page, 'planning-board');

    // The step's own page with the owner's report form, the funding sources, my steps.
    await page.getByRole('link', { name: 'Order 300 laptops' }).click();
    await page.getByRole('heading', { level: 1, name: 'Order 300 laptops' }).waitFor();
    await type(page, 'Evidence link', 'ftp://files.example.org/laptops');
    await page.getByRole('button', { name: 'Save the update' }).click();
    assert.match(await page.locator('#evidence_url-error').innerText(), /http/);
    await checkAccessibility(page, 'action step with an error');
    await page.goto('/planning/funding');
    await checkAccessibility(page, 'funding sources');
    await page.goto('/planning/my-actions');
    await checkAccessibility(page, 'my action steps');
  } finally {
    await context.close();
  }

  // The timeline on a phone: the chart scrolls inside its own box, the table follows.
  const phone = await demo.browser.newContext({
    baseURL: demo.server.baseURL, viewport: { width: 390, height: 844 }, locale: 'en-US',
    isMobile: true, hasTouch: true,
  });
  try {
    const page = await phone.newPage();
    await signInOn(page, 'director@lusd.example.org', planPath + '/timeline');
    await page.getByRole('heading', { level: 1, name: 'Timeline' }).waitFor();
    assert.equal(await page.locator('svg.plan-gantt__svg').count(), 1);
    assert.ok(await page.getByRole('cell', { name: 'In progress' }).first().isVisible());
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page does not scroll sideways (${overflow}px)`);
    await checkAccessibility(page, 'timeline on a phone');
    await screenshot(page, 'planning-timeline-phone');
    await page.goto('/planning/plans/demo-plan/timeline');
    await checkAccessibility(page, 'demo plan timeline on a phone');
    await screenshot(page, 'planning-demo-timeline-phone');
  } finally {
    await phone.close();
  }
});
