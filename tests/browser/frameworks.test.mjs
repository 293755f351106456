// Standards frameworks in a real browser, with axe on every page: anyone browses the seeded ISTE
// frameworks, opens an indicator and follows its crosswalk both ways, compares two frameworks,
// searches with highlighted matches and asks for suggested indicators; the technology director
// imports a CASE package from the web, first a broken one (every problem listed, nothing
// imported) and then a good one.

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';

import {
  DEMO_PASSWORD, checkAccessibility, launchBrowser, screenshot, startServer,
} from './support.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const seeds = join(here, '..', '..', 'src', 'frameworks', 'seeds');
const leaders2024 = JSON.parse(readFileSync(join(seeds, 'iste-leaders-2024.json'), 'utf8'));
const leaders2018 = JSON.parse(readFileSync(join(seeds, 'iste-leaders-2018.json'), 'utf8'));
const fixture = join(here, '..', 'frameworks', 'fixtures', 'state-cs-standards.json');

let server;
let browser;

before(async () => {
  server = await startServer({ demo: true });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

async function anonymous(fn, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ baseURL: server.baseURL, viewport, locale: 'en-US' });
  try {
    await fn(await context.newPage());
  } finally {
    await context.close();
  }
}

async function signedIn(email, fn) {
  const context = await browser.newContext({ baseURL: server.baseURL, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto('/sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await fn(page);
  } finally {
    await context.close();
  }
}

function item(pkg, code) {
  return pkg.CFItems.find((i) => i.humanCodingScheme === code);
}

test('anyone reads a framework as an outline and an indicator with its crosswalk', async () => {
  await anonymous(async (page) => {
    await page.goto('/frameworks');
    await checkAccessibility(page, 'frameworks list');
    await page.getByRole('link', { name: leaders2024.CFDocument.title, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: leaders2024.CFDocument.title }).waitFor();
    const privacy = item(leaders2024, '3.4.c');
    assert.ok(await page.getByText(privacy.fullStatement).isVisible(), 'the outline shows 3.4.c');
    assert.ok(await page.getByText(leaders2024.CFDocument.notes).isVisible(), 'the citation shows');
    await checkAccessibility(page, 'framework outline');
    await screenshot(page, 'framework-outline');

    await page.getByRole('link', { name: '3.4.c', exact: true }).click();
    await page.getByText(privacy.fullStatement).waitFor();
    // The 2018 counterpart (4c) is linked back from 2024: the crosswalk reads both ways.
    const twin = item(leaders2018, '4c');
    const back = page.getByRole('link', { name: new RegExp(`^4c `) });
    assert.ok(await back.isVisible(), 'the 2018 twin is linked from the 2024 indicator');
    await checkAccessibility(page, 'indicator');
    await back.click();
    await page.getByText(twin.fullStatement).first().waitFor();
    assert.ok(await page.getByRole('link', { name: /^3\.4\.c / }).isVisible(), 'and back again');
  });
});

test('two frameworks side by side show the crosswalk with its rationale', async () => {
  await anonymous(async (page) => {
    await page.goto('/frameworks/compare');
    await page.getByLabel('First framework').selectOption({ label: leaders2018.CFDocument.title });
    await page.getByLabel('Second framework').selectOption({ label: leaders2024.CFDocument.title });
    await page.getByRole('button', { name: 'Compare' }).click();
    const row = page.locator(`#item-${item(leaders2018, '2b').identifier}`);
    await row.waitFor();
    assert.match(await row.innerText(), /3\.2\.b/, '2b sits beside 3.2.b');
    await checkAccessibility(page, 'compare');
    await screenshot(page, 'framework-compare');
  }, { width: 390, height: 844 });
});

test('search highlights matches and suggestions show why', async () => {
  await anonymous(async (page) => {
    await page.goto('/frameworks/search?q=privacy');
    const marks = page.locator('.results mark');
    assert.ok((await marks.count()) > 0, 'a match is highlighted');
    assert.match((await marks.first().innerText()).toLowerCase(), /privacy/);
    await checkAccessibility(page, 'search');
  });
  await signedIn('coach@lusd.example.org', async (page) => {
    await page.goto('/frameworks/suggest');
    await page.getByRole('button', { name: 'Suggest indicators' }).click();
    assert.ok(await page.getByRole('alert').isVisible(), 'an empty form says what is missing');
    await checkAccessibility(page, 'suggest with errors');
    await page.getByLabel('Framework').selectOption({ label: leaders2024.CFDocument.title });
    await page.getByLabel('Text', { exact: true }).fill(
      'Train school office staff on FERPA and student data privacy before the new roster sync.');
    await page.getByRole('button', { name: 'Suggest indicators' }).click();
    const first = page.locator('.results li').first();
    assert.match(await first.innerText(), /3\.4\.c/, 'the privacy indicator comes first');
    await checkAccessibility(page, 'suggestions');
  });
});

test('the director imports a CASE package from the web: all of it or nothing', async () => {
  const broken = JSON.parse(readFileSync(fixture, 'utf8'));
  delete broken.CFItems[1].fullStatement;
  broken.CFAssociations[0].associationType = 'isCousinOf';
  const brokenPath = join(tmpdir(), `lodestar-broken-${process.pid}.json`);
  writeFileSync(brokenPath, JSON.stringify(broken, null, 2));
  await signedIn('director@lusd.example.org', async (page) => {
    await page.goto('/frameworks/import');
    await checkAccessibility(page, 'import form');
    await page.getByLabel('CASE package file').setInputFiles(brokenPath);
    await page.getByRole('button', { name: 'Import' }).click();
    const table = page.locator('table.data');
    assert.match(await table.innerText(), /\/CFItems\/1\/fullStatement/);
    assert.match(await table.innerText(), /\/CFAssociations\/0\/associationType/);
    await checkAccessibility(page, 'import problems');
    await page.goto('/frameworks');
    assert.equal(await page.getByText(broken.CFDocument.title).count(), 0, 'nothing was imported');

    await page.goto('/frameworks/import');
    await page.getByLabel('CASE package file').setInputFiles(fixture);
    await page.getByRole('button', { name: 'Import' }).click();
    await page.getByRole('status').waitFor();
    await page.getByRole('link', { name: new RegExp(`Open ${broken.CFDocument.title.replace(/[()]/g, '.')}`) }).click();
    await page.getByRole('heading', { level: 1, name: broken.CFDocument.title }).waitFor();
    await checkAccessibility(page, 'imported framework');

    // Align one of its items to the 2024 leaders: suggestions to accept or reject.
    const standard = broken.CFItems.find((i) => /privacy|data/i.test(i.fullStatement)) ?? broken.CFItems[5];
    await page.goto(`/frameworks/items/${standard.identifier}`);
    await page.getByLabel('Suggest indicators of').selectOption({ label: leaders2024.CFDocument.title });
    await page.getByRole('button', { name: 'Suggest', exact: true }).click();
    const first = page.locator('#align ~ ol.results li').first();
    await first.waitFor();
    const code = (await first.locator('.code').innerText()).trim();
    await checkAccessibility(page, 'alignment suggestions');
    await first.getByRole('button', { name: `Align to ${code}` }).click();
    const alignedTo = page.locator('#align + ul');
    assert.match(await alignedTo.innerText(), new RegExp(code.replace(/\./g, '\\.')), 'the accepted indicator is listed');
    // The indicator's own page lists the aligned item.
    await alignedTo.getByRole('link').first().click();
    assert.match(await page.locator('main').innerText(), new RegExp(broken.CFDocument.title.replace(/[()]/g, '.')));
  });
});
