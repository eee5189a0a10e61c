// Answers SurveyJS pages through the UI, the way a person would (clicks and typing), driven by
// the questionnaire definition: used by the browser tests to get through the required questions.
import type { Locator, Page } from 'playwright-core';
import { type Question, type SurveyDefinition, listQuestions } from '../../surveys';

const it = (text: { it: string }) => text.it;

/** Opens a SurveyJS dropdown and picks an option from its own list (popups of other dropdowns stay in the DOM). */
async function pickFromPopup(page: Page, trigger: Locator, label: string) {
  const input = trigger.locator('[aria-controls]').first();
  const option = page.locator(`#${await input.getAttribute('aria-controls')} li[role=option]`, { hasText: label }).first();
  // A click that lands while SurveyJS re-renders the previous cell can leave the popup closed: retry.
  for (let attempt = 0; attempt < 5; attempt++) {
    await trigger.scrollIntoViewIfNeeded();
    await trigger.click();
    try {
      await option.waitFor({ state: 'visible', timeout: 2000 });
      break;
    } catch {
      await page.keyboard.press('Escape');
    }
  }
  await option.click();
}

export async function answer(page: Page, q: Question) {
  const root = page.locator(`[data-name="${q.name}"]`).first();
  const choose = (value: string | number) => root.locator(`label:has(input[value="${value}"])`).first().click();
  switch (q.type) {
    case 'dropdown':
      return pickFromPopup(page, root.locator('.sd-dropdown'), it(q.choices[0].text));
    case 'radiogroup':
      return choose(q.choices[0].value);
    case 'checkbox':
      return choose(q.choices.find((c) => !c.isExclusive)!.value);
    case 'text':
      return root.locator('input').fill(q.inputType === 'number' ? String(q.min ?? 1) : 'Risposta di prova');
    case 'comment':
      return root.locator('textarea').fill('Risposta di prova scritta nel browser.');
    case 'matrix':
      for (const row of q.rows) await root.locator(`label:has(input[name$="_${row.value}"][value="${q.columns[q.columns.length - 1].value}"])`).first().click();
      return;
    case 'matrixdropdown': {
      const required = q.columns.filter((c) => c.isRequired);
      const rows = root.locator('tbody tr.sd-table__row');
      for (let r = 0; r < q.rows.length; r++) {
        for (const col of required) {
          const index = q.columns.indexOf(col);
          await pickFromPopup(page, rows.nth(r).locator('td.sd-table__cell').nth(index + 1).locator('.sd-dropdown'), it(col.choices[1].text));
        }
      }
      return;
    }
    case 'ranking': {
      const n = Math.max(q.minSelectedChoices ?? 1, 1);
      for (let i = 0; i < n; i++) await root.locator('[data-ranking="from-container"] .sv-ranking-item').first().click();
      return;
    }
    default:
      throw new Error(`No way to answer a ${q.type} question (${q.name}) in the browser test`);
  }
}

const isRequired = (q: Question) =>
  q.isRequired === true || (q.type === 'matrix' && q.eachRowRequired === true) || (q.type === 'matrixdropdown' && q.columns.some((c) => c.isRequired));

/** Answers every visible required question of the current page that is still empty. */
export async function answerRequired(page: Page, definition: SurveyDefinition, pageName: string, skip: string[] = []) {
  for (const entry of listQuestions(definition)) {
    if (entry.page !== pageName || skip.includes(entry.question.name) || !isRequired(entry.question)) continue;
    const root = page.locator(`[data-name="${entry.question.name}"]`).first();
    if (!(await root.isVisible())) continue;
    await answer(page, entry.question);
  }
}
