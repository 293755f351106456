// Signing in and seeing what one's role allows, in a real browser, with axe on every page:
// a principal sees their school and its students; a coach may not read the audit log; the
// director can; sign-out ends the session.
//
//   node --test tests/browser/        (CTest runs it as the `browser` test)

import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';

import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import {
  DEMO_PASSWORD, LODESTAR_BIN, checkAccessibility, launchBrowser, screenshot, startServer,
} from './support.mjs';

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

async function signedIn(email, next, fn, viewport = { width: 1280, height: 800 }) {
  const context = await browser.newContext({ baseURL: server.baseURL, viewport, locale: 'en-US' });
  try {
    const page = await context.newPage();
    await page.goto(next);
    assert.match(new URL(page.url()).pathname, /^\/sign-in/, 'a private page sends nobody to sign in');
    await checkAccessibility(page, 'sign-in');
    await page.getByLabel('Email address').fill(email);
    await page.getByLabel('Password').fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    assert.equal(new URL(page.url()).pathname, next, 'signing in returns to the page asked for');
    await fn(page);
  } finally {
    await context.close();
  }
}

test('a wrong password gets one generic message, the email kept, and passes axe', async () => {
  const context = await browser.newContext({ baseURL: server.baseURL });
  const page = await context.newPage();
  await page.goto('/sign-in');
  await page.getByLabel('Email address').fill('principal@lusd.example.org');
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await assert.doesNotReject(page.getByRole('alert').waitFor());
  assert.equal(await page.getByLabel('Email address').inputValue(), 'principal@lusd.example.org');
  assert.equal(await page.getByLabel('Password').inputValue(), '');
  await checkAccessibility(page, 'sign-in with an error');
  await context.close();
});

test('a principal sees their school, its staff and its students', async () => {
  await signedIn('principal@lusd.example.org', '/people', async (page) => {
    await checkAccessibility(page, 'people');
    const schools = page.locator('tbody tr');
    assert.equal(await schools.count(), 1, 'a school leader sees only their school');
    await page.getByRole('link', { name: 'Arroyo Seco Elementary' }).click();
    await checkAccessibility(page, 'school');
    await page.getByRole('link', { name: 'Students of this school' }).click();
    assert.equal(new URL(page.url()).pathname, '/people/schools/arroyo/students');
    await checkAccessibility(page, 'students');
    assert.equal(await page.locator('tbody tr').count(), 24);
    await screenshot(page, 'students-principal');
    const other = await page.goto('/people/schools/jefferson');
    assert.equal(other.status(), 403, 'another school is forbidden');
  });
});

test('a coach may not read the audit log; the director can, and signs out', async () => {
  await signedIn('coach@lusd.example.org', '/people', async (page) => {
    const denied = await page.goto('/admin/audit');
    assert.equal(denied.status(), 403);
    await checkAccessibility(page, 'forbidden');
  });
  await signedIn('director@lusd.example.org', '/admin/audit', async (page) => {
    await checkAccessibility(page, 'audit log');
    assert.ok(await page.getByRole('cell', { name: 'coach@lusd.example.org' }).first().isVisible(),
              "the coach's sign-in is in the log");
    await screenshot(page, 'audit-log');
    await page.getByRole('button', { name: 'Sign out' }).click();
    const after = await page.goto('/admin/audit');
    assert.match(new URL(page.url()).pathname, /^\/sign-in/, 'signed out: back to sign-in');
    assert.equal(after.status(), 200);
  });
});

test('account pages pass axe on a phone', async () => {
  await signedIn('teacher@lusd.example.org', '/account', async (page) => {
    await checkAccessibility(page, 'account');
    for (const path of ['/account/password', '/account/tokens']) {
      await page.goto(path);
      await checkAccessibility(page, path);
    }
  }, { width: 375, height: 812 });
});

test('the director imports a roster from the web: check, read the report, confirm', async () => {
  // The demo district's own roster, exported as a OneRoster zip: every row valid, all unchanged.
  const zip = join(server.dir, 'roster.zip');
  const exported = spawnSync(LODESTAR_BIN, ['--database', server.database, 'export', 'oneroster', zip],
                             { encoding: 'utf8' });
  assert.equal(exported.status, 0, exported.stderr);
  const notZip = join(server.dir, 'notes.txt');
  writeFileSync(notZip, 'not a roster');

  await signedIn('director@lusd.example.org', '/admin/roster', async (page) => {
    await checkAccessibility(page, 'roster upload');
    await page.getByLabel('OneRoster zip file').setInputFiles(notZip);
    await page.getByRole('button', { name: 'Check the file' }).click();
    assert.match(await page.locator('.field-error').innerText(), /not a zip/);
    await checkAccessibility(page, 'roster upload with an error');

    await page.getByLabel('OneRoster zip file').setInputFiles(zip);
    await page.getByRole('button', { name: 'Check the file' }).click();
    assert.equal(new URL(page.url()).pathname, '/admin/roster/check');
    await page.getByText('Every row is valid').waitFor();
    await checkAccessibility(page, 'roster report');
    await screenshot(page, 'roster-report');
    const uploadId = await page.locator('input[name=upload_id]').inputValue();
    const csrf = await page.locator('form[action="/admin/roster/import"] input[name=csrf_token]').inputValue();
    await page.getByRole('button', { name: 'Import now' }).click();
    await page.getByText('The roster was imported.').waitFor();
    await checkAccessibility(page, 'roster imported');
    // The same confirmation cannot be replayed: the upload is gone once imported.
    const replay = await page.request.post('/admin/roster/import', {
      form: { upload_id: uploadId, csrf_token: csrf },
    });
    assert.equal(replay.status(), 404);
  });
});

test('the director grants a role from a school page, with errors beside the field', async () => {
  await signedIn('director@lusd.example.org', '/people/schools/arroyo', async (page) => {
    await page.getByRole('link', { name: /^Roles of / }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Roles of / }).waitFor();
    await checkAccessibility(page, 'roles');
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Coach' });
    await page.getByLabel('Organization').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Grant the role' }).click();
    const grants = page.locator('table.data');
    assert.match(await grants.innerText(), /Coach/);
    // The same grant again: the message sits beside the field and the choices are kept.
    await page.getByLabel('Role', { exact: true }).selectOption({ label: 'Coach' });
    await page.getByLabel('Organization').selectOption({ index: 1 });
    await page.getByRole('button', { name: 'Grant the role' }).click();
    assert.ok(await page.getByRole('alert').isVisible());
    assert.equal(await page.getByLabel('Role', { exact: true }).inputValue(), 'coach');
    await checkAccessibility(page, 'roles with an error');
    await page.getByRole('button', { name: /^Remove/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Roles of / }).waitFor();
  });
});
