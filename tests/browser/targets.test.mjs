// The touch-target rule itself (`measureTargets` in lib.mjs, which `launch` runs on every
// page the suite visits): what it measures, and the one exemption, links inside running
// text. Runs on a page of its own, not one of Varig's.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, smallTargets } from './lib.mjs';

let browser;
let page;

before(async () => {
  browser = await launch({ width: 390, height: 844 });
  page = browser.context.pages()[0] ?? await browser.context.newPage();
});

after(async () => {
  await browser?.close();
});

test('the rule lists small controls and lone links, and spares links in a sentence', async () => {
  await page.setContent(`<!doctype html><html><head><style>
      body { font: 16px/1.4 sans-serif; margin: 0; }
      .big { min-height: 44px; min-width: 44px; }
      .row { display: flex; align-items: center; min-height: 44px; }
      .row label { min-height: 44px; display: flex; align-items: center; }
      .sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); }
    </style></head><body><main>
      <a class="sr" href="#x">Hopp til innholdet</a>
      <button id="small">x</button>
      <button id="big" class="big">Lagre</button>
      <p>Les mer i <a id="inline" href="#a">brukerveiledningen</a> før du starter.</p>
      <ul><li><a id="lone" href="#b">Prosjektet</a></li></ul>
      <div class="row"><input type="checkbox" id="ok"><label for="ok">Til stede</label></div>
      <div><input type="checkbox" id="tiny"><label for="tiny">Publiser</label></div>
      <input type="hidden" name="h" value="1">
      <div role="button" id="fake" tabindex="0">Meny</div>
    </main></body></html>`);
  const found = await smallTargets(page);
  const ids = found.map((line) => line.split(' ')[0]);
  assert.deepEqual(ids.sort(), ['a#lone', 'button#small', 'div#fake', 'input#tiny'].sort(), found.join('\n'));
});
