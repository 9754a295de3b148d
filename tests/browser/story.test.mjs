// Opens story report pages in headless Chromium (Debian's, never a downloaded one) and checks
// what a reader sees: the claims table and the map are on screen, claim rows are there,
// contradiction rows are highlighted, Arabic evidence is right-to-left, and the page asks for
// nothing from the network. A full-page screenshot of each page is saved and its path printed.
//
// Pages come from MARSAD_PAGES: a comma-separated list of `path` or `path=must-conflict`
// (the page must show at least one contradiction). run.sh builds them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, basename } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const executablePath = process.env.CHROMIUM || '/usr/bin/chromium';
const outDir = process.env.MARSAD_SCREENSHOTS || mkdtempSync(join(tmpdir(), 'marsad-shots-'));
const pages = (process.env.MARSAD_PAGES || '')
  .split(',')
  .filter(Boolean)
  .map((p) => {
    const [path, flag] = p.split('=');
    return { path: resolve(path), mustConflict: flag === 'must-conflict' };
  });

test('pages to check were given', () => {
  assert.ok(pages.length > 0, 'set MARSAD_PAGES (run.sh does)');
  for (const p of pages) assert.ok(existsSync(p.path), `${p.path} exists`);
});

for (const page of pages) {
  test(`story report ${basename(page.path)}`, async () => {
    // a fresh profile for every run: launchPersistentContext takes it as --user-data-dir
    const profile = mkdtempSync(join(tmpdir(), 'marsad-chromium-'));
    const browser = await chromium.launchPersistentContext(profile, {
      executablePath,
      headless: true,
      viewport: { width: 1366, height: 900 },
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
    try {
      const tab = await browser.newPage();
      const remote = [];
      tab.on('request', (r) => {
        const u = r.url();
        if (!u.startsWith('file:') && !u.startsWith('data:') && !u.startsWith('about:')) remote.push(u);
      });
      const errors = [];
      tab.on('pageerror', (e) => errors.push(String(e)));
      await tab.goto(pathToFileURL(page.path).href, { waitUntil: 'load' });

      const table = tab.locator('table.claims');
      await table.waitFor({ state: 'visible' });
      const tbox = await table.boundingBox();
      assert.ok(tbox && tbox.width > 0 && tbox.height > 0, 'claims table has a size on screen');

      const map = tab.locator('svg.map').first();
      await map.waitFor({ state: 'visible' });
      const mbox = await map.boundingBox();
      assert.ok(mbox && mbox.width > 200 && mbox.height > 100, `map is drawn (${JSON.stringify(mbox)})`);
      const units = await tab.locator('svg.map path.unit').count();
      assert.ok(units >= 30, `map has the governorate outlines (${units})`);

      const rows = tab.locator('table.claims tr.claim');
      const n = await rows.count();
      assert.ok(n > 0, 'claim rows are present');

      const conflicts = tab.locator('table.claims tr.claim[data-conflict="true"]');
      const c = await conflicts.count();
      if (page.mustConflict) assert.ok(c > 0, 'the page shows at least one contradiction');
      for (let i = 0; i < c; i++) {
        const bg = await conflicts.nth(i).locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor);
        assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'contradiction row has a background');
        assert.notEqual(bg, 'rgb(255, 255, 255)', 'contradiction row is highlighted');
      }
      const plain = tab.locator('table.claims tr.claim[data-conflict="false"]');
      if ((await plain.count()) > 0 && c > 0) {
        const a = await plain.first().locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor);
        const b = await conflicts.first().locator('td').first().evaluate((td) => getComputedStyle(td).backgroundColor);
        assert.notEqual(a, b, 'contradiction rows look different from the others');
      }

      // slot labels are in English (kind · group · place); their Arabic is only in the evidence
      const heads = tab.locator('table.claims tr.slot-head th');
      const hn = await heads.count();
      assert.ok(hn > 0, 'slots have a heading');
      for (let i = 0; i < hn; i++) {
        const label = await heads.nth(i).evaluate((th) => th.firstChild && th.firstChild.textContent);
        assert.ok(label && /[A-Za-z]/.test(label) && !/[\u0600-\u06FF]/.test(label), `slot label in English: ${label}`);
      }
      // a flagged slot (contradiction, or moved by 2x or more) stands out from the plain ones
      const flagged = tab.locator('table.claims tbody.slot.conflict tr.slot-head th');
      const plainHead = tab.locator('table.claims tbody.slot:not(.conflict) tr.slot-head th');
      if (page.mustConflict) assert.ok((await flagged.count()) > 0, 'a flagged slot is shown');
      if ((await flagged.count()) > 0 && (await plainHead.count()) > 0) {
        const bg = (l) => l.first().evaluate((th) => getComputedStyle(th).backgroundColor);
        assert.notEqual(await bg(flagged), await bg(plainHead), 'flagged slot headings are highlighted');
      }

      const ev = tab.locator('table.claims td.ev').first();
      assert.equal(await ev.getAttribute('dir'), 'rtl');
      assert.equal(await ev.getAttribute('lang'), 'ar');
      assert.equal(await ev.evaluate((el) => getComputedStyle(el).direction), 'rtl');

      const shot = join(outDir, basename(page.path).replace(/\.html?$/, '') + '.png');
      await tab.screenshot({ path: shot, fullPage: true });
      console.log(`screenshot: ${shot}`);
      const top = shot.replace(/\.png$/, '-top.png');
      await tab.screenshot({ path: top });
      console.log(`screenshot (first screen): ${top}`);
      assert.deepEqual(remote, [], 'no network requests');
      assert.deepEqual(errors, [], 'no script errors');
    } finally {
      await browser.close();
    }
  });
}
