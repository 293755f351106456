// Schools' plans in a real browser, with axe on every page state: the district view shows which
// district goals each school supports and the gap the demo leaves (no submitted plan supports
// G4); a principal adds a goal linked to G4 by keyboard, a mistake first (the message beside the
// field, the input kept), then a step, submits the plan, and the gap closes; the pages work on a
// 390 px phone and in Spanish.
//
//   node --test tests/browser/planning_schools.test.mjs

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

// The district view's gap list, as the codes it names.
async function gapCodes(page) {
  return page.locator('.school-gaps .code').allTextContents();
}

test('a principal links a school goal to the district goal no school supported', async () => {
  const context = await demo.browser.newContext({
    baseURL: demo.server.baseURL, viewport: { width: 1280, height: 900 }, locale: 'en-US',
  });
  try {
    const page = await signIn(context, 'principal@lusd.example.org',
      '/planning/plans/demo-plan/schools');
    await page.getByRole('heading', { level: 1, name: 'School plans' }).waitFor();
    await checkAccessibility(page, 'school plans overview');
    await screenshot(page, 'planning-schools-overview');
    assert.deepEqual(await gapCodes(page), ['G4'], 'no submitted plan supports the privacy goal');
    const arroyo = page.getByRole('row', { name: /Arroyo Seco Elementary/ });
    assert.match(await arroyo.textContent(), /Submitted/);
    assert.match(await arroyo.textContent(), /3 \/ 4/, 'Arroyo supports three of four goals');

    await page.getByRole('link', { name: 'Arroyo Seco Elementary' }).click();
    await page.getByRole('heading', { level: 1, name: /Arroyo Seco Elementary/ }).waitFor();
    await checkAccessibility(page, 'a school plan');
    await page.getByRole('link', { name: 'Add a goal' }).click();

    // A mistake first: the achievement goal left blank.
    await page.getByLabel('Goal', { exact: true }).fill('Families know how student data is used');
    await page.getByLabel(/G4/).check();
    await page.getByRole('button', { name: 'Save' }).click();
    assert.ok(await page.getByRole('alert').isVisible(), 'the error summary is announced');
    assert.equal(await page.getByLabel('Goal', { exact: true }).inputValue(),
      'Families know how student data is used', 'the input is kept');
    assert.ok(await page.getByLabel(/G4/).isChecked(), 'the chosen district goal is kept');
    await checkAccessibility(page, 'goal form with an error');

    // Then right, by keyboard.
    await page.getByLabel('School achievement goal it serves').focus();
    await page.keyboard.type('Family survey: understand data use from 40% to 75%');
    await page.getByRole('button', { name: 'Save' }).focus();
    await page.keyboard.press('Enter');
    const goal = page.getByRole('article', { name: 'Families know how student data is used' });
    await goal.waitFor();
    assert.match(await goal.textContent(), /G4/);

    await goal.getByRole('link', { name: /Add a step/ }).click();
    await checkAccessibility(page, 'step form');
    await page.getByLabel('Step', { exact: true }).fill('Privacy night for families');
    await page.getByLabel('Due', { exact: true }).fill('2027-02-12');
    await page.getByRole('button', { name: 'Save' }).click();
    await goal.getByRole('row', { name: /Privacy night for families/ }).waitFor();

    await page.goto('/planning/plans/demo-plan/schools');
    assert.deepEqual(await gapCodes(page), [], 'the gap is closed');
    assert.match(await page.getByRole('row', { name: /Arroyo Seco Elementary/ }).textContent(),
      /4 \/ 4/);
  } finally {
    await context.close();
  }
});

test('a teacher reads school plans but cannot change them', async () => {
  const context = await demo.browser.newContext({
    baseURL: demo.server.baseURL, viewport: { width: 1280, height: 900 }, locale: 'en-US',
  });
  try {
    const page = await signIn(context, 'teacher@lusd.example.org',
      '/planning/plans/demo-plan/schools/foothill');
    await page.getByRole('heading', { level: 1, name: /Foothill Middle School/ }).waitFor();
    assert.equal(await page.getByRole('link', { name: 'Add a goal' }).count(), 0);
    const response = await page.goto('/planning/plans/demo-plan/schools/arroyo/edit');
    assert.equal(response.status(), 403);
  } finally {
    await context.close();
  }
});

test('school plans on a phone, in Spanish', async () => {
  const context = await demo.browser.newContext({
    baseURL: demo.server.baseURL, viewport: { width: 390, height: 844 }, locale: 'es-US',
    extraHTTPHeaders: { 'Accept-Language': 'es' },
  });
  try {
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.locator('#email').fill('director@lusd.example.org');
    await page.locator('#password').fill('lodestar-demo-2026');
    await page.locator('form button[type="submit"]').click();
    await page.goto('/planning/plans/demo-plan/schools');
    await page.getByRole('heading', { level: 1, name: 'Planes de las escuelas' }).waitFor();
    await checkAccessibility(page, 'school plans overview on a phone, in Spanish');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    await screenshot(page, 'planning-schools-phone-es');
    assert.ok(overflow <= 0, `the page does not scroll sideways (${overflow}px)`);
    await page.goto('/planning/plans/demo-plan/schools/jefferson');
    await checkAccessibility(page, 'a draft school plan on a phone');
  } finally {
    await context.close();
  }
});
