// The three translation files have exactly the same keys and no empty text
// (the frontend crate's own #[test]s check this too, plus that every key used in src/ exists).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const load = (lang) => JSON.parse(readFileSync(new URL(`../../frontend/i18n/${lang}.json`, import.meta.url), 'utf8'));

test('nb, nn and en have exactly the same keys, none empty', () => {
  const nb = load('nb');
  for (const lang of ['nn', 'en']) {
    const other = load(lang);
    assert.deepEqual(Object.keys(other).sort(), Object.keys(nb).sort(), `${lang}.json keys differ from nb.json`);
  }
  for (const lang of ['nb', 'nn', 'en']) {
    for (const [key, value] of Object.entries(load(lang))) {
      assert.ok(typeof value === 'string' && value.trim() !== '', `${lang}.json: ${key} is empty`);
    }
  }
});

test('phase names follow the decks', () => {
  const phases = ['phase.prepare', 'phase.plan', 'phase.implement', 'phase.sustain'];
  assert.deepEqual(phases.map((k) => load('nb')[k]), ['Forberede', 'Planlegge', 'Implementere', 'Videreføre']);
  assert.deepEqual(phases.map((k) => load('nn')[k]), ['Førebu', 'Planleggje', 'Implementere', 'Vidareføre']);
});
