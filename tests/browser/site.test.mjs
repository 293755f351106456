// The site shell in a real browser: the home page in English and Spanish, keyboard access (skip
// link), the language switch and its cookie, the error page and the print stylesheet. Each test
// opens its own browser context, so cookies never leak between tests.
//
//   node --test tests/browser/        (CTest runs it as the `browser` test)

import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';

import { checkAccessibility, launchBrowser, screenshot, startServer } from './support.mjs';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 812 };
const LANGUAGES = [
  { lang: 'en', query: '' },
  { lang: 'es', query: '?lang=es' },
];

let server;
let browser;

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
});

// Runs fn(page, context) in a fresh context (no cookies) and always closes it.
async function withPage(fn, { viewport = DESKTOP } = {}) {
  const context = await browser.newContext({
    baseURL: server.baseURL,
    viewport,
    locale: 'en-US',
    reducedMotion: 'reduce',
  });
  try {
    return await fn(await context.newPage(), context);
  } finally {
    await context.close();
  }
}

async function htmlLang(page) {
  return page.locator('html').getAttribute('lang');
}

// Asserts the page has exactly one h1, that it is visible and says something; returns its text.
async function visibleHeading(page) {
  const h1 = page.locator('h1');
  assert.equal(await h1.count(), 1, `${page.url()} should have exactly one h1`);
  assert.ok(await h1.isVisible(), `the h1 of ${page.url()} should be visible`);
  const text = (await h1.innerText()).trim();
  assert.notEqual(text, '', `the h1 of ${page.url()} should not be empty`);
  return text;
}

function assertHtml(response, status) {
  assert.ok(response, 'navigation should produce a response');
  assert.equal(response.status(), status, `${response.url()} status`);
  assert.match(response.headers()['content-type'] ?? '', /^text\/html/,
               `${response.url()} should be HTML`);
}

// The link that switches the page to `lang` (hreflang is the contract; ?lang= the fallback).
function languageLink(page, lang) {
  return page.locator(`a[hreflang="${lang}"], a[href*="lang=${lang}"]`).first();
}

// Clicks `locator` and waits for the main frame's navigation it causes; returns the response.
async function clickAndNavigate(page, locator) {
  const [response] = await Promise.all([
    page.waitForResponse((r) => r.request().isNavigationRequest() &&
                                r.frame() === page.mainFrame()),
    locator.click(),
  ]);
  await page.waitForLoadState('load');
  return response;
}

describe('home page', () => {
  const headings = {};

  for (const { lang, query } of LANGUAGES) {
    test(`in ${lang}: 200, lang="${lang}", a visible h1, no axe violations`, async () => {
      await withPage(async (page) => {
        assertHtml(await page.goto(`/${query}`), 200);
        assert.equal(await htmlLang(page), lang);
        headings[lang] = await visibleHeading(page);
        assert.notEqual((await page.title()).trim(), '', 'the page should have a title');
        await checkAccessibility(page, `home (${lang})`);
        await screenshot(page, `home-${lang}-desktop`);
      });

      await withPage(async (page) => {
        assertHtml(await page.goto(`/${query}`), 200);
        assert.equal(await htmlLang(page), lang);
        await visibleHeading(page);
        // WCAG 1.4.10 Reflow: at 320–375 CSS px nothing should need horizontal scrolling.
        const scrollWidth = await page.evaluate(() => document.documentElement.scrollWidth);
        assert.ok(scrollWidth <= PHONE.width,
                  `home (${lang}) scrolls sideways on a phone: ${scrollWidth}px > ` +
                  `${PHONE.width}px`);
        await screenshot(page, `home-${lang}-phone`);
      }, { viewport: PHONE });
    });
  }

  test('the Spanish page is translated (its h1 differs from the English one)', () => {
    assert.ok(headings.en && headings.es, 'both home page tests should have run');
    assert.notEqual(headings.es, headings.en);
  });
});

describe('keyboard', () => {
  test('the first Tab focuses a visible skip link, and activating it skips to main', async () => {
    await withPage(async (page) => {
      await page.goto('/');
      await page.keyboard.press('Tab');

      const focused = page.locator(':focus');
      assert.equal(await focused.count(), 1, 'Tab should focus an element');
      const skip = await focused.evaluate((el) => {
        const href = el.getAttribute('href') ?? '';
        const target = href.startsWith('#') ? document.getElementById(href.slice(1)) : null;
        return {
          tag: el.tagName,
          href,
          text: el.textContent.trim(),
          targetIsMain: !!target &&
                        (target.tagName === 'MAIN' || target.getAttribute('role') === 'main'),
        };
      });
      assert.equal(skip.tag, 'A', 'the first focusable element should be the skip link');
      assert.match(skip.href, /^#./, 'the skip link should point to an anchor on the page');
      assert.ok(skip.targetIsMain, `the skip link (${skip.href}) should point to <main>`);
      assert.notEqual(skip.text, '', 'the skip link should have text');

      // Visible when focused: a real box inside the viewport, not a clipped 1px or off-screen one.
      const box = await focused.boundingBox();
      assert.ok(box, 'the focused skip link should be rendered');
      assert.ok(box.width > 1 && box.height > 1,
                `the focused skip link should be visible, box ${JSON.stringify(box)}`);
      assert.ok(box.x >= 0 && box.y >= 0 && box.x + box.width <= DESKTOP.width &&
                box.y + box.height <= DESKTOP.height,
                `the focused skip link should be inside the viewport, box ${JSON.stringify(box)}`);
      assert.ok(await focused.isVisible(), 'the focused skip link should be visible');
      await screenshot(page, 'home-en-skip-link-focused', { fullPage: false });

      await page.keyboard.press('Enter');
      await page.waitForFunction((hash) => location.hash === hash, skip.href);

      // Focus (or the sequential focus starting point) is now at main: either main itself has
      // focus, or the next Tab lands inside or after main, never back in the header.
      const inOrAfterMain = () => {
        const main = document.querySelector('main, [role="main"]');
        const el = document.activeElement;
        if (!main || !el || el === document.body) return false;
        return main.contains(el) ||
               !!(main.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
      };
      const mainFocused = await page.evaluate(() => {
        const main = document.querySelector('main, [role="main"]');
        return document.activeElement === main;
      });
      await page.keyboard.press('Tab');
      assert.ok(mainFocused || await page.evaluate(inOrAfterMain),
                'after the skip link, focus should move to main (the next Tab went to ' +
                `${await page.evaluate(() => document.activeElement?.outerHTML.slice(0, 120))})`);

      const mainBox = await page.locator('main, [role="main"]').first().boundingBox();
      assert.ok(mainBox && mainBox.y < DESKTOP.height && mainBox.y + mainBox.height > 0,
                'main should be scrolled into view');
    });
  });
});

describe('language switch', () => {
  test('switches the language, and the choice sticks on the next page load', async () => {
    await withPage(async (page, context) => {
      await page.goto('/');
      assert.equal(await htmlLang(page), 'en', 'with no choice made, the site is in English');

      const toSpanish = languageLink(page, 'es');
      assert.ok(await toSpanish.isVisible(),
                'an English page should offer a visible link to Spanish');
      // WCAG 3.1.2 Language of Parts: "Español" on an English page is marked as Spanish.
      assert.equal(await toSpanish.getAttribute('lang'), 'es',
                   'the Spanish link should have lang="es"');
      assertHtml(await clickAndNavigate(page, toSpanish), 200);
      assert.equal(await htmlLang(page), 'es', 'the switch should show the page in Spanish');

      const cookies = await context.cookies();
      const cookie = cookies.find((c) => c.name === 'lodestar_lang');
      assert.ok(cookie, `the choice should be remembered in the lodestar_lang cookie, got ${
        JSON.stringify(cookies.map((c) => c.name))}`);
      assert.equal(cookie.value, 'es');

      assertHtml(await page.goto('/'), 200);
      assert.equal(await htmlLang(page), 'es', 'the next page load (no ?lang=) stays in Spanish');
      await checkAccessibility(page, 'home (es, from the cookie)');

      const toEnglish = languageLink(page, 'en');
      assert.ok(await toEnglish.isVisible(),
                'a Spanish page should offer a visible link to English');
      assert.equal(await toEnglish.getAttribute('lang'), 'en',
                   'the English link should have lang="en"');
      assertHtml(await clickAndNavigate(page, toEnglish), 200);
      assert.equal(await htmlLang(page), 'en', 'the switch back should show the page in English');
      assertHtml(await page.goto('/'), 200);
      assert.equal(await htmlLang(page), 'en', 'the next page load stays in English');
    });
  });
});

describe('error page', () => {
  test('a missing page answers 404 with the error page in the chosen language', async () => {
    let english;
    await withPage(async (page) => {
      assertHtml(await page.goto('/no-such-page'), 404);
      assert.equal(await htmlLang(page), 'en');
      english = await visibleHeading(page);
      await checkAccessibility(page, '404 (en)');
      await screenshot(page, 'not-found-en');
    });

    await withPage(async (page) => {
      assertHtml(await page.goto('/?lang=es'), 200);  // chooses Spanish (cookie)
      assertHtml(await page.goto('/no-such-page'), 404);
      assert.equal(await htmlLang(page), 'es', 'the error page should be in the chosen language');
      const spanish = await visibleHeading(page);
      assert.notEqual(spanish, english, 'the Spanish error page should be translated');
      await checkAccessibility(page, '404 (es)');
      await screenshot(page, 'not-found-es');
    });
  });
});

describe('print', () => {
  test('the print stylesheet hides the navigation and keeps the content', async () => {
    await withPage(async (page) => {
      await page.goto('/');
      const navs = page.locator('nav, [role="navigation"]');
      const count = await navs.count();
      assert.ok(count >= 1, 'the page should have a navigation landmark');
      assert.ok(await navs.first().isVisible(), 'the navigation should be visible on screen');

      await page.emulateMedia({ media: 'print' });
      for (let i = 0; i < count; i += 1) {
        const nav = navs.nth(i);
        assert.ok(!(await nav.isVisible()),
                  `navigation ${i + 1} of ${count} should be hidden in print: ${
                    await nav.evaluate((el) => el.outerHTML.slice(0, 120))}`);
      }
      assert.ok(await page.locator('main, [role="main"]').first().isVisible(),
                'main should be printed');
      await visibleHeading(page);
      await screenshot(page, 'home-en-print');
    });
  });
});
