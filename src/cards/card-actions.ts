/**
 * The buttons on StatusBot cards and how they are grouped.
 *
 * A code button is an Action.Submit that works as a typed message on every channel: Teams sends its messageBack
 * text ("what is 504") and shows it in the chat; Web Chat sends the `data` object as `value` (see card-submit-data.ts).
 * The text alone is enough for the engine: "what is 499 esri" resolves to Esri's 499, not nginx's.
 */
import type { EntryRef, EntryView } from '../knowledge/answer';
import type {
  ActionSet,
  CardAction,
  ColumnSet,
  OpenUrlAction,
  Spacing,
  SubmitAction,
  ToggleVisibilityAction,
} from './adaptive-card-types';
import type { AskSubmitValue, LookupSubmitValue } from './card-submit-data';
import { entryTitle, label, truncate } from './card-text';
import { lookupQuestion, type LookupTarget } from '../knowledge/lookup-question';

export { lookupQuestion, type LookupTarget };

/**
 * Buttons per ActionSet. The adaptivecards renderer (Web Chat) shows 5 by default and Teams about 6; more are cut or
 * pushed into an overflow menu, so longer rows of buttons are split into several sets.
 */
export const MAX_ACTIONS_PER_SET = 5;

/** Teams cuts button labels at roughly this length; the full title is kept in the tooltip. */
const MAX_BUTTON_TITLE = 40;

/**
 * A button (or row click) that opens one code. Given an entry, the title is its name ("504 Gateway Timeout",
 * "460 Client closed connection (AWS Elastic Load Balancing (ALB/ELB))") and the tooltip its summary; given only a code
 * and id (a related link), pass the title.
 */
export function lookupAction(target: LookupTarget | EntryRef | EntryView, title?: string): SubmitAction {
  const fullTitle = title ?? ('name' in target ? entryTitle(target) : `What is ${target.code}?`);
  const value: LookupSubmitValue = { action: 'lookup', code: target.code, id: target.id };
  const text = lookupQuestion(target);
  return {
    type: 'Action.Submit',
    title: truncate(fullTitle, MAX_BUTTON_TITLE),
    ...tooltipOf(fullTitle, 'summary' in target ? target.summary : undefined),
    data: { ...value, msteams: { type: 'messageBack', text, displayText: text, value } },
  };
}

/** A button that asks a question as if the user had typed it (greeting examples, follow-ups). */
export function askAction(question: string): SubmitAction {
  const value: AskSubmitValue = { action: 'ask', text: question };
  return {
    type: 'Action.Submit',
    title: truncate(question, MAX_BUTTON_TITLE),
    ...tooltipOf(question),
    data: { ...value, msteams: { type: 'messageBack', text: question, displayText: question, value } },
  };
}

export function openUrlAction(title: string, url: string): OpenUrlAction {
  return { type: 'Action.OpenUrl', title: truncate(title, MAX_BUTTON_TITLE), ...tooltipOf(title), url };
}

/** The title of the button that opens a code's page (`/codes/502`), a link a person can share. */
export const OPEN_PAGE = 'Open page';

/**
 * Where an entry's page is, or undefined where a link cannot be given: Teams opens only absolute links, so without
 * PUBLIC_URL it gets none (CodePageLinks.absolute).
 */
export type PageUrl = (id: string) => string | undefined;

/** The "Open page" button for entry `id`, when `pageUrl` gives it a link. */
export function openPageAction(id: string, pageUrl: PageUrl | undefined): OpenUrlAction | undefined {
  const url = pageUrl?.(id);
  return url ? openUrlAction(OPEN_PAGE, url) : undefined;
}

/** Shows or hides elements by id, without a round trip to the bot (details behind "Show more"). */
export function toggleAction(title: string, targetElements: string[], tooltip?: string): ToggleVisibilityAction {
  return { type: 'Action.ToggleVisibility', title, ...(tooltip ? { tooltip } : {}), targetElements };
}

/** Splits buttons into ActionSets of at most MAX_ACTIONS_PER_SET, so none is cut or hidden in an overflow menu. */
export function actionSets(
  actions: readonly CardAction[],
  options: { spacing?: Spacing; id?: string; isVisible?: boolean } = {},
): ActionSet[] {
  const sets: ActionSet[] = [];
  for (let i = 0; i < actions.length; i += MAX_ACTIONS_PER_SET) {
    const first = i === 0;
    sets.push({
      type: 'ActionSet',
      actions: actions.slice(i, i + MAX_ACTIONS_PER_SET),
      ...(first && options.id ? { id: options.id } : {}),
      ...(options.isVisible === false ? { isVisible: false } : {}),
      spacing: first ? (options.spacing ?? 'small') : 'small',
    });
  }
  return sets;
}

/** The tooltip repeats a cut title in full and adds the one-line summary when there is one. */
function tooltipOf(title: string, summary?: string): { tooltip?: string } {
  const parts = [title.length > MAX_BUTTON_TITLE ? title : '', summary ?? ''].filter(Boolean);
  return parts.length ? { tooltip: parts.join(': ') } : {};
}

/**
 * A small label with its buttons on the same row ("Related  504  503  500"), a line shorter than a label above them.
 */
export function labelledRow(text: string, sets: readonly ActionSet[]): ColumnSet {
  return {
    type: 'ColumnSet',
    spacing: 'medium',
    separator: true,
    columns: [
      {
        type: 'Column',
        width: 'auto',
        verticalContentAlignment: 'center',
        items: [label(text, { isSubtle: true, size: 'small' })],
      },
      { type: 'Column', width: 'stretch', verticalContentAlignment: 'center', items: [...sets] },
    ],
  };
}
