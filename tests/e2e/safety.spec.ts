import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { test, expect } from './fixtures';

/** Every exercise record in the browser's database, as stored (for byte-for-byte comparisons). */
const storedExercises = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<string>((resolve, reject) => {
        const open = indexedDB.open('chizu-dojo');
        open.onsuccess = () => {
          const request = open.result.transaction('exercises').objectStore('exercises').getAll();
          request.onsuccess = () => {
            open.result.close();
            resolve(JSON.stringify(request.result));
          };
          request.onerror = () => reject(request.error);
        };
      }),
  );

async function makeMap(page: Page, title: string) {
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await page.getByTestId('run-count').click();
  await expect(page.getByTestId('legend-class')).toHaveCount(5);
  await page.getByTestId('map-title-input').fill(title);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
}

async function exportExercise(page: Page): Promise<{ text: string; path: string }> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-exercise').click()]);
  const path = (await download.path())!;
  return { text: readFileSync(path, 'utf8'), path };
}

test('export → delete → import gives back the same exercise; a bad file changes nothing; an existing id asks first', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('exercises-panel').locator('summary').click();
  await makeMap(page, '小学校区別不審者出没状況図');
  const exported = await exportExercise(page);
  const work = JSON.parse(exported.text);
  expect(work.exercises).toHaveLength(1);
  expect(work.exercises[0].layers).toHaveLength(2);

  // Delete, with undo offered; then the list has only the fresh empty exercise.
  await page.getByTestId('delete-exercise').first().click();
  await expect(page.getByTestId('deleted-notice')).toContainText('小学校区別不審者出没状況図');
  await expect(page.getByTestId('layers-empty')).toBeVisible();
  await expect(page.getByTestId('exercise-item')).toHaveCount(1);

  // A damaged file is refused by name and leaves the stored exercises byte-identical.
  const before = await storedExercises(page);
  const damaged = { ...work, exercises: [...work.exercises, { ...work.exercises[0], id: 'other', layers: 'not a list' }] };
  await page.getByTestId('import-exercise-input').setInputFiles({ name: 'damaged.chizudojo.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(damaged)) });
  await expect(page.getByTestId('import-error')).toContainText('damaged.chizudojo.json: ファイルの内容が壊れています');
  await page.getByTestId('import-exercise-input').setInputFiles({ name: 'newer.chizudojo.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ ...work, version: 7 })) });
  await expect(page.getByTestId('import-error')).toContainText('newer.chizudojo.json: 新しい版の地図道場で書き出されたファイルです');
  expect(await storedExercises(page)).toBe(before);

  // The exported file brings the exercise back exactly.
  await page.getByTestId('import-exercise-input').setInputFiles(exported.path);
  await expect(page.getByTestId('import-done')).toContainText('1 件の演習を読み込みました');
  await expect(page.getByTestId('exercise-item')).toHaveCount(2);
  // The record holds each layer's table id (the tables are stored apart); everything else as exported.
  type LayerJson = { data?: unknown; tableId?: string };
  const withoutData = (e: { layers: LayerJson[] }) => ({ ...e, layers: e.layers.map(({ data: _data, tableId: _tableId, ...layer }) => layer) });
  const restored = JSON.parse(await storedExercises(page)).find((e: { id: string }) => e.id === work.exercises[0].id);
  expect(restored.layers.every((l: LayerJson) => typeof l.tableId === 'string' && l.data === undefined)).toBe(true);
  expect(withoutData(restored)).toEqual(withoutData(work.exercises[0]));
  await page.locator(`[data-exercise-id="${work.exercises[0].id}"]`).getByTestId('open-exercise').click();
  await expect(page.getByTestId('map-title-input')).toHaveValue('小学校区別不審者出没状況図');
  await expect(page.getByTestId('legend-class')).toHaveCount(5);
  // Exported again, every layer's data is what the first export held, feature for feature.
  const again = JSON.parse((await exportExercise(page)).text);
  expect(again.exercises[0].layers.map((l: LayerJson) => l.data)).toEqual(work.exercises[0].layers.map((l: LayerJson) => l.data));
  await expect(page.getByTestId('result-row')).toHaveCount(33);

  // Importing it once more: the id exists, so the user chooses; "keep both" adds a copy.
  await page.getByTestId('import-exercise-input').setInputFiles(exported.path);
  await expect(page.getByTestId('import-collision')).toContainText('すでにあります');
  await page.getByTestId('import-copy').click();
  await expect(page.getByTestId('exercise-item')).toHaveCount(3);
  await expect(page.getByTestId('exercise-list')).toContainText('小学校区別不審者出没状況図（読み込み）');
});

test('rename, duplicate, delete and undo the delete; undo and redo edits with buttons and keys', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('exercises-panel').locator('summary').click();
  await makeMap(page, '元の題');
  await page.getByTestId('duplicate-exercise').first().click();
  await expect(page.getByTestId('exercise-item')).toHaveCount(2);
  await expect(page.getByTestId('exercise-list')).toContainText('元の題（コピー）');
  const copy = page.getByTestId('exercise-item').filter({ hasText: '元の題（コピー）' });
  await copy.getByTestId('rename-exercise').click();
  await page.getByTestId('rename-input').fill('練習用');
  await page.getByTestId('rename-input').press('Enter');
  await expect(page.getByTestId('exercise-list')).toContainText('練習用');
  await page.getByTestId('exercise-item').filter({ hasText: '練習用' }).getByTestId('delete-exercise').click();
  await expect(page.getByTestId('exercise-item')).toHaveCount(1);
  await page.getByTestId('undo-delete').click();
  await expect(page.getByTestId('exercise-item')).toHaveCount(2);

  // Undo/redo of edits: the class method, then the title (typing is one step).
  await page.getByTestId('class-method').selectOption('equal-interval');
  await page.getByTestId('map-title-input').fill('新しい題');
  await page.getByTestId('undo').click();
  await expect(page.getByTestId('map-title-input')).toHaveValue('元の題');
  await page.locator('body').press('Control+z');
  await expect(page.getByTestId('class-method')).toHaveValue('quantile');
  await page.locator('body').press('Control+Shift+z');
  await expect(page.getByTestId('class-method')).toHaveValue('equal-interval');
  await page.getByTestId('redo').click();
  await expect(page.getByTestId('map-title-input')).toHaveValue('新しい題');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.reload();
  await expect(page.getByTestId('map-title-input')).toHaveValue('新しい題');
});

test('two tabs: an upgrade in one never leaves the other hanging, and an older tab never overwrites newer work', async ({ page, context }) => {
  await page.goto('/');
  await makeMap(page, 'タブAの題');
  const second = await context.newPage();
  await second.goto('/');
  await expect(second.getByTestId('map-title-input')).toHaveValue('タブAの題');

  // Tab B saves a newer title; tab A, still on the old version, then edits: it must not overwrite B.
  await second.getByTestId('map-title-input').fill('タブBの新しい題');
  await expect(second.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await page.getByTestId('map-title-input').fill('タブAの古い続き');
  await expect(page.getByTestId('notice-error')).toContainText('別のタブで、より新しい内容が保存されています');
  expect(JSON.parse(await storedExercises(page))[0].title).toBe('タブBの新しい題');

  // A newer app version in tab B upgrades the database: tab A lets go at once and says so.
  const upgraded = await second.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const request = indexedDB.open('chizu-dojo', 4);
        request.onblocked = () => resolve('blocked');
        request.onsuccess = () => {
          request.result.close();
          resolve('upgraded');
        };
        request.onerror = () => resolve(`error: ${request.error?.message}`);
      }),
  );
  expect(upgraded).toBe('upgraded');
  await expect(page.getByTestId('storage-upgraded')).toBeVisible();
  await second.close();
});

test('the app states whether its storage is persistent', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('exercises-panel').locator('summary').click();
  await expect(page.getByTestId('storage-state')).toContainText(/保存領域：(永続|一時)/);
  await expect(page.getByTestId('storage-state')).toContainText('まだ書き出していません');
});

test('a full disk is reported at once and never shown as saved', async ({ page }) => {
  await page.goto('/');
  await page.getByTestId('load-sample').click();
  await expect(page.getByTestId('layer-item')).toHaveCount(2);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  // From now on the browser refuses every write, as it does when the quota is used up.
  await page.evaluate(() => {
    IDBObjectStore.prototype.put = function () {
      throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
    };
  });
  await page.getByTestId('map-title-input').fill('保存できない題');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'failed');
  await expect(page.getByTestId('notice-error')).toContainText('作業内容をブラウザに保存できませんでした（The quota has been exceeded.）');
  await expect(page.getByTestId('notice-error')).toContainText('書き出す');
});

test('without IndexedDB (private window) the app says so, works in memory and can still export', async ({ page }) => {
  await page.addInitScript(() => {
    IDBFactory.prototype.open = function () {
      throw new DOMException('IndexedDB is disabled', 'InvalidStateError');
    };
  });
  await page.goto('/');
  await expect(page.getByTestId('storage-unavailable')).toContainText('このブラウザでは作業を保存できません');
  await makeMap(page, '保存できないけれど作れる地図');
  // The exercises panel opens by itself, with the export buttons.
  await expect(page.getByTestId('export-exercise')).toBeVisible();
  const { text } = await exportExercise(page);
  expect(JSON.parse(text).exercises[0].title).toBe('保存できないけれど作れる地図');
});

test('an edit made just before a reload is not lost', async ({ page }) => {
  await page.goto('/');
  await makeMap(page, '最初の題');
  // Both edits are still waiting for autosave when the page reloads.
  await page.getByTestId('class-method').selectOption('equal-interval');
  await page.getByTestId('map-title-input').fill('途中の題');
  await page.reload();
  await expect(page.getByTestId('map-title-input')).toHaveValue('途中の題');
  await expect(page.getByTestId('class-method')).toHaveValue('equal-interval');
  await expect(page.getByTestId('legend-class')).toHaveCount(5);
});
