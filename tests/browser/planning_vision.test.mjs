// The vision and a stakeholder input round in a real browser, with axe on every page state: the
// superintendent reads the adopted vision, compares versions and reads the demo's closed round;
// starts a new draft (a mistake first), opens an input round on it (a mistake first) and copies
// the parents' link; a parent with no account answers on a 390 px phone, in Spanish, by
// keyboard (sending nothing first is refused); the superintendent sees the answer and tags it.
//
//   node --test tests/browser/planning_vision.test.mjs

import assert from 'node:assert/strict';
import { test } from 'node:test';

import { checkAccessibility, screenshot, signInOn, withDemoServer } from './support.mjs';

const demo = withDemoServer();

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1280, height: 800 };

function isoDay(offset) {
  const d = new Date(Date.now() + offset * 86400000);
  return d.toISOString().slice(0, 10);
}

async function inContext(viewport, fn) {
  const context = await demo.browser.newContext({ baseURL: demo.server.baseURL, viewport, locale: 'en-US' });
  try {
    await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

async function fitsWidth(page, width) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `the page is ${scroll}px wide at ${width}px`);
}

let parentsLink = '';
let roundPath = '';

test('a leader reads the vision, opens a round on a new draft and copies the links', async () => {
  await inContext(DESKTOP, async (page) => {
    await signInOn(page, 'superintendent@lusd.example.org');
    await page.goto('/planning/vision');
    await page.getByRole('heading', { level: 2, name: /^Adopted vision \(version 2/ }).waitFor();
    await checkAccessibility(page, 'vision');
    assert.match(await page.locator('.vision-changes').innerText(), /led to version 2/);

    await page.getByRole('link', { name: 'Compare versions' }).click();
    await page.getByRole('heading', { level: 1, name: 'Compare versions' }).waitFor();
    assert.match(await page.getByRole('status').innerText(), /Version 1 to version 2: 4 part\(s\) changed/);
    await checkAccessibility(page, 'compare');

    await page.goto('/planning/vision');
    await page.getByRole('table', { name: 'Input rounds, newest first' }).getByRole('link', { name: /^Spring 2025/ }).click();
    await page.getByRole('heading', { level: 1, name: /^Spring 2025/ }).waitFor();
    const ratings = page.getByRole('table', { name: 'Mean rating of each part by each group' });
    assert.match(await ratings.innerText(), /Fewer than 5/);  // the community's 4 responses
    await checkAccessibility(page, 'demo round');
    // Filtering by a theme shows as many comments as the counts table says it has.
    const counts = page.getByRole('table', { name: 'Number of comments by theme and group' });
    const total = await counts.getByRole('row', { name: /^Access at home/ }).getByRole('cell').last().innerText();
    await page.getByLabel('Theme', { exact: true }).first().selectOption({ label: 'Access at home' });
    await page.getByRole('button', { name: 'Show' }).click();
    await page.getByText(`Showing ${total} of 20 comments.`).waitFor();
    await checkAccessibility(page, 'demo round filtered');

    // A new draft: a part with text and no heading is refused, with the text kept.
    await page.goto('/planning/vision');
    await page.getByRole('button', { name: 'Start a new version' }).click();
    await page.getByRole('heading', { level: 1, name: /^Version 3/ }).waitFor();
    await checkAccessibility(page, 'new draft');
    const added = page.getByRole('group', { name: 'Add a part' });
    await added.getByLabel('Text').fill('Partners lend devices.');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /Give this part a heading/);
    // The part comes back as the sixth, its text kept and the problem beside its heading.
    const sixth = page.getByRole('group', { name: 'Part 6' });
    assert.equal(await sixth.getByLabel('Text').inputValue(), 'Partners lend devices.');
    assert.match(await sixth.locator('.field-error').innerText(), /Give this part a heading/);
    await checkAccessibility(page, 'draft with errors');
    await sixth.getByLabel('Heading').fill('Partners');
    await page.getByLabel('What changed in this version').fill('Added partners.');
    await page.getByRole('button', { name: 'Save the draft' }).click();
    await page.getByRole('status').filter({ hasText: 'The draft was saved.' }).waitFor();

    // An input round on it: a missing title first.
    await page.getByRole('link', { name: 'Open an input round on this draft' }).click();
    await page.getByRole('heading', { level: 1, name: 'Open an input round' }).waitFor();
    await checkAccessibility(page, 'new round');
    await page.getByLabel('Opens on').fill(isoDay(-1));
    await page.getByLabel('Closes on').fill(isoDay(20));
    await page.getByLabel('Title').evaluate((input) => input.removeAttribute('required'));
    await page.getByRole('button', { name: 'Open the round' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /Title: Fill this in/);
    await checkAccessibility(page, 'new round with errors');
    await page.getByLabel('Title').fill('Draft 3: partners');
    await page.getByRole('button', { name: 'Open the round' }).click();
    await page.getByRole('heading', { level: 1, name: 'Links to share' }).waitFor();
    await checkAccessibility(page, 'links');
    parentsLink = await page.getByLabel('Link for Parents and families').inputValue();
    assert.match(parentsLink, /\/input\/[0-9a-f]{64}$/);
    roundPath = new URL(await page.getByRole('link', { name: 'Go to the round' }).getAttribute('href'),
                        demo.server.baseURL).pathname;
  });
});

test('a parent answers on a phone, in Spanish and by keyboard, with no account', async () => {
  assert.ok(parentsLink, 'the first test opened the round');
  await inContext(PHONE, async (page) => {
    await page.goto(new URL(parentsLink).pathname);
    await page.getByText('Parents and families', { exact: true }).waitFor();
    await checkAccessibility(page, 'input form');
    await fitsWidth(page, PHONE.width);
    await page.getByRole('link', { name: 'Español' }).click();
    await page.getByText('Madres, padres y familias', { exact: true }).waitFor();
    await checkAccessibility(page, 'input form in Spanish');

    // Nothing answered: refused, said at the top.
    await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();
    await page.getByRole('alert').waitFor();
    assert.match(await page.getByRole('alert').innerText(), /Califique o comente al menos una parte/);
    await checkAccessibility(page, 'input form with errors');
    await fitsWidth(page, PHONE.width);

    // The first part rated 4 by keyboard; a comment on it.
    const first = page.locator('fieldset.vision-rating').first();
    await first.getByRole('radio').first().focus();
    for (let i = 0; i < 4; i += 1) await page.keyboard.press('ArrowDown');
    assert.equal(await first.getByRole('radio', { name: /^4 – De acuerdo/ }).isChecked(), true);
    await page.locator('textarea').first().fill('Queremos préstamos de computadoras.');
    await screenshot(page, 'planning-vision-input-phone', { fullPage: false });
    await page.getByRole('button', { name: 'Enviar mis respuestas' }).click();
    await page.getByRole('heading', { level: 1, name: 'Gracias' }).waitFor();
    await checkAccessibility(page, 'thanks');
  });
});

test('the leader sees the answer, tags it and records what changed', async () => {
  assert.ok(roundPath, 'the first test opened the round');
  await inContext(DESKTOP, async (page) => {
    await signInOn(page, 'superintendent@lusd.example.org');
    await page.goto(roundPath);
    await page.getByText('Queremos préstamos de computadoras.').waitFor();
    const comment = page.locator('.vision-comment').first();
    await comment.getByText('Tag with themes').click();
    await comment.getByLabel('New theme').fill('Devices');
    await comment.getByRole('button', { name: 'Save the themes' }).click();
    const counts = page.getByRole('table', { name: 'Number of comments by theme and group' });
    await counts.getByRole('rowheader', { name: 'Devices' }).waitFor();
    await checkAccessibility(page, 'round with a tag');
    await page.getByRole('textbox', { name: 'What changed because of the input' }).fill('Added device loans.');
    await page.getByLabel('Theme it answers (optional)').selectOption({ label: 'Devices' });
    await page.getByRole('button', { name: 'Record the change' }).click();
    await page.locator('.vision-changes').getByText('Added device loans.').waitFor();
    await checkAccessibility(page, 'round with a change');
  });
});
