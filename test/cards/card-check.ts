/**
 * Checks a card the way a host would see it, and by the rules Teams adds on top of the schema.
 *
 * The adaptivecards library parses the card against schema 1.5 and reports unknown types and property values it
 * rejects. It silently drops properties it does not know, though, so a misspelt `wrapp` would pass; the round trip
 * below (parse, serialise, compare) catches those. The rest are Teams limits and our own conventions: exactly "1.5",
 * no Action.Execute or Table, wrapped text, at most 5 buttons per set, toggles that find their targets, click payloads
 * the bot can read, and a size well under Teams' 28 KB.
 *
 * The library's `lib/` build is ES modules that Jest (CommonJS here) cannot load, so the runtime comes from its
 * self-contained `dist/` bundle, typed by the `lib/` declarations. Only parse/validate/toJSON are used: no DOM needed.
 */
import type * as AdaptiveCardsModule from 'adaptivecards';
import type { AdaptiveCard } from '../../src/cards/adaptive-card-types';
import { lookupQuestion, MAX_ACTIONS_PER_SET } from '../../src/cards/card-actions';
import { readCardSubmit } from '../../src/cards/card-submit-data';

const adaptiveCards = jest.requireActual<typeof AdaptiveCardsModule>('adaptivecards/dist/adaptivecards.js');

/** Teams rejects cards over 28 KB; stay clearly below so the activity's other fields fit too. */
export const MAX_CARD_BYTES = 28_000;

const ALLOWED_ELEMENT_TYPES = new Set([
  'TextBlock',
  'RichTextBlock',
  'TextRun',
  'Container',
  'ColumnSet',
  'Column',
  'ActionSet',
]);
const ALLOWED_ACTION_TYPES = new Set(['Action.Submit', 'Action.OpenUrl', 'Action.ToggleVisibility']);

/** Every problem found, as readable lines; an empty list means the card is fine. */
export function cardProblems(card: AdaptiveCard): string[] {
  const problems = [...libraryProblems(card), ...roundTripProblems(card), ...ruleProblems(card)];
  return [...new Set(problems)];
}

export function cardBytes(card: AdaptiveCard): number {
  return Buffer.byteLength(JSON.stringify(card), 'utf8');
}

// === What the adaptivecards library says

function libraryProblems(card: AdaptiveCard): string[] {
  const problems: string[] = [];
  const context = new adaptiveCards.SerializationContext(adaptiveCards.Versions.v1_5);
  const parsed = new adaptiveCards.AdaptiveCard();
  parsed.parse(card, context);
  for (let i = 0; i < context.eventCount; i++) {
    const event = context.getEventAt(i);
    problems.push(`parse: ${adaptiveCards.ValidationEvent[event.event]}: ${event.message}`);
  }
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`validate: ${adaptiveCards.ValidationEvent[event.event]}: ${event.message}`);
  }
  return problems;
}

/** Every property we wrote must come back from parse + toJSON: what the library dropped, it did not understand. */
function roundTripProblems(card: AdaptiveCard): string[] {
  const parsed = new adaptiveCards.AdaptiveCard();
  parsed.parse(card, new adaptiveCards.SerializationContext(adaptiveCards.Versions.v1_5));
  const serialised: unknown = parsed.toJSON(new adaptiveCards.SerializationContext(adaptiveCards.Versions.v1_5));
  const problems: string[] = [];
  const compare = (ours: unknown, theirs: unknown, path: string): void => {
    if (isRecord(ours) || Array.isArray(ours)) {
      for (const [key, value] of Object.entries(ours)) {
        const other = isRecord(theirs) || Array.isArray(theirs) ? (theirs as Record<string, unknown>)[key] : undefined;
        if (other === undefined)
          problems.push(`round trip: ${path}.${key} was dropped (unknown or not allowed in 1.5)`);
        else compare(value, other, `${path}.${key}`);
      }
    } else if (typeof ours === 'string' && typeof theirs === 'string') {
      // The library writes enum values capitalised ("Bolder"); hosts read them case-insensitively.
      if (ours.toLowerCase() !== theirs.toLowerCase())
        problems.push(`round trip: ${path} changed from ${JSON.stringify(ours)} to ${JSON.stringify(theirs)}`);
    } else if (ours !== theirs) {
      problems.push(`round trip: ${path} changed from ${JSON.stringify(ours)} to ${JSON.stringify(theirs)}`);
    }
  };
  // `msteams` on the root is Teams' own extension (full-width cards), outside the schema; ruleProblems checks its shape.
  const { msteams: _teamsExtension, ...schemaPart } = card;
  compare(schemaPart, serialised, '');
  return problems;
}

// === Teams limits and our conventions

function ruleProblems(card: AdaptiveCard): string[] {
  const problems: string[] = [];
  if (card.type !== 'AdaptiveCard') problems.push('root type is not AdaptiveCard');
  if (card.version !== '1.5') problems.push(`version is ${String(card.version)}, not 1.5`);
  if (card.$schema !== 'http://adaptivecards.io/schemas/adaptive-card.json')
    problems.push('$schema is missing or wrong');
  if (!card.fallbackText || !card.fallbackText.trim()) problems.push('fallbackText is empty');
  if (!card.body.length) problems.push('body is empty');
  if (card.msteams !== undefined && JSON.stringify(card.msteams) !== '{"width":"Full"}')
    problems.push(`msteams is ${JSON.stringify(card.msteams)}, not { width: 'Full' }`);
  const bytes = cardBytes(card);
  if (bytes >= MAX_CARD_BYTES) problems.push(`card is ${bytes} bytes, over ${MAX_CARD_BYTES}`);

  const ids = new Map<string, number>();
  const toggleTargets: string[] = [];
  for (const { node, path } of walk(card.body, 'body')) {
    // Click payloads are the bot's data, not card elements (a lookup payload has its own `id`).
    if (path.includes('.data')) continue;
    const type = node.type;
    if (typeof node.id === 'string') ids.set(node.id, (ids.get(node.id) ?? 0) + 1);
    if (typeof type !== 'string') continue;
    if (type.startsWith('Action.')) {
      if (!ALLOWED_ACTION_TYPES.has(type)) problems.push(`${path}: action type ${type} is not allowed`);
      problems.push(...actionProblems(node, path));
      if (type === 'Action.ToggleVisibility' && Array.isArray(node.targetElements))
        toggleTargets.push(...node.targetElements.map(String));
    } else if (!ALLOWED_ELEMENT_TYPES.has(type)) {
      problems.push(`${path}: element type ${type} is not allowed`);
    }
    if (type === 'TextBlock') {
      if (node.wrap !== true) problems.push(`${path}: TextBlock without wrap: true`);
      if (typeof node.text !== 'string' || !node.text.trim()) problems.push(`${path}: TextBlock with empty text`);
      else if (/(^|[^\\])[*_`~[\]<>]/.test(node.text))
        problems.push(`${path}: TextBlock text has unescaped Markdown: ${node.text}`);
    }
    if (type === 'TextRun' && (typeof node.text !== 'string' || !node.text)) problems.push(`${path}: empty TextRun`);
    if (type === 'ActionSet' && Array.isArray(node.actions)) {
      if (node.actions.length > MAX_ACTIONS_PER_SET)
        problems.push(`${path}: ${node.actions.length} actions, over ${MAX_ACTIONS_PER_SET}`);
      if (!node.actions.length) problems.push(`${path}: empty ActionSet`);
    }
  }
  for (const [id, count] of ids) if (count > 1) problems.push(`element id "${id}" is used ${count} times`);
  for (const target of toggleTargets) if (!ids.has(target)) problems.push(`toggle target "${target}" does not exist`);
  return problems;
}

function actionProblems(action: Record<string, unknown>, path: string): string[] {
  const problems: string[] = [];
  // A row's selectAction may go without a title: the row's text names it. A button may not.
  if (!path.endsWith('.selectAction') && (typeof action.title !== 'string' || !action.title.trim()))
    problems.push(`${path}: action without a title`);
  if (action.type === 'Action.OpenUrl' && !(typeof action.url === 'string' && /^https:\/\/[^\s]+$/.test(action.url))) {
    problems.push(`${path}: OpenUrl without an https URL`);
  }
  if (action.type === 'Action.Submit') {
    const data = action.data;
    const value = readCardSubmit(data);
    if (!value) return [...problems, `${path}: submit data the bot cannot read: ${JSON.stringify(data)}`];
    if (isRecord(data) && data.msteams !== undefined) {
      const teams = data.msteams;
      if (!isRecord(teams) || teams.type !== 'messageBack') problems.push(`${path}: msteams is not a messageBack`);
      else {
        if (typeof teams.text !== 'string' || teams.text !== teams.displayText)
          problems.push(`${path}: messageBack text and displayText differ`);
        if (JSON.stringify(readCardSubmit(teams.value)) !== JSON.stringify(value))
          problems.push(`${path}: messageBack value differs from data`);
        if (value.action === 'lookup' && teams.text !== lookupQuestion(value))
          problems.push(`${path}: lookup sends "${String(teams.text)}", not "${lookupQuestion(value)}"`);
        if (value.action === 'ask' && teams.text !== value.text)
          problems.push(`${path}: ask sends "${String(teams.text)}", not "${value.text}"`);
      }
    } else if (value.action === 'lookup' || value.action === 'ask') {
      problems.push(`${path}: ${value.action} button without a messageBack, so Teams shows nothing when it is clicked`);
    }
  }
  return problems;
}

// === Walking the JSON

/** Every object in the card with its path, so checks can name where a problem is. */
export function* walk(value: unknown, path: string): Generator<{ node: Record<string, unknown>; path: string }> {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) yield* walk(value[i], `${path}[${i}]`);
  } else if (isRecord(value)) {
    yield { node: value, path };
    for (const [key, child] of Object.entries(value)) yield* walk(child, `${path}.${key}`);
  }
}

/** Every Action.Submit payload on the card, as the bot would read it. */
export function submitValues(card: AdaptiveCard): ReturnType<typeof readCardSubmit>[] {
  const values: ReturnType<typeof readCardSubmit>[] = [];
  for (const { node, path } of walk(card.body, 'body')) {
    if (node.type === 'Action.Submit' && !path.includes('.data')) values.push(readCardSubmit(node.data));
  }
  return values;
}

/** Every action on the card, buttons and row clicks alike. */
export function cardActions(card: AdaptiveCard): Array<Record<string, unknown>> {
  return [...walk(card.body, 'body')]
    .filter(
      ({ node, path }) => typeof node.type === 'string' && node.type.startsWith('Action.') && !path.includes('.data'),
    )
    .map(({ node }) => node);
}

/** All text a reader can see (TextBlocks and TextRuns), joined, for "does the card name X" checks. */
export function visibleText(card: AdaptiveCard): string {
  const parts: string[] = [];
  for (const { node } of walk(card.body, 'body')) {
    // A paragraph is one line, however many runs (monospace terms) it is made of.
    if (node.type === 'RichTextBlock' && Array.isArray(node.inlines))
      parts.push(
        (node.inlines as Array<{ text?: unknown }>).map((r) => (typeof r.text === 'string' ? r.text : '')).join(''),
      );
    if (node.type === 'TextBlock' && typeof node.text === 'string') parts.push(node.text.replace(/\\(.)/g, '$1'));
  }
  return parts.join('\n');
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
