/**
 * The Adaptive Card JSON we send, as TypeScript types: only the elements, actions and properties of schema 1.5 that
 * StatusBot uses, so a property Teams would not understand cannot be written by mistake.
 *
 * Teams renders Adaptive Cards up to 1.5 (Web Chat goes to 1.6), so every card declares exactly "1.5". Deliberately
 * absent: `Action.Execute` (Universal Actions need extra bot wiring and Web Chat cannot run them) and `Table` (valid
 * 1.5, but Teams mobile draws it poorly; rows of `ColumnSet`s render everywhere).
 */
import type { CardSubmitData } from './card-submit-data';

export const ADAPTIVE_CARD_VERSION = '1.5';
export const ADAPTIVE_CARD_SCHEMA = 'http://adaptivecards.io/schemas/adaptive-card.json';
export const ADAPTIVE_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.adaptive';

export type Spacing = 'none' | 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type TextColor = 'default' | 'dark' | 'light' | 'accent' | 'good' | 'warning' | 'attention';
export type TextSize = 'small' | 'default' | 'medium' | 'large' | 'extraLarge';
export type TextWeight = 'lighter' | 'default' | 'bolder';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';

/** Layout properties every element shares. `id` is only set where an action must find the element. */
interface ElementBase {
  id?: string;
  spacing?: Spacing;
  separator?: boolean;
  isVisible?: boolean;
}

/**
 * Text that hosts run through their Markdown subset. Only for our own fixed words or data passed through
 * escapeMarkdown(); sentences from the table go into a RichTextBlock, which no host parses as Markdown.
 */
export interface TextBlock extends ElementBase {
  type: 'TextBlock';
  text: string;
  /** Always true: unwrapped text is cut at the card edge, and Teams cards are narrow on mobile. */
  wrap: true;
  style?: 'default' | 'heading';
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
}

/** One run of literal text: never interpreted as Markdown, so asterisks, underscores or `<length>` show as written. */
export interface TextRun {
  type: 'TextRun';
  text: string;
  size?: TextSize;
  weight?: TextWeight;
  color?: TextColor;
  isSubtle?: boolean;
  italic?: boolean;
  /** Adaptive Cards 1.5: a fixed-width run, for what a terminal printed. */
  fontType?: 'default' | 'monospace';
}

/** A paragraph of literal text runs; it always wraps. */
export interface RichTextBlock extends ElementBase {
  type: 'RichTextBlock';
  inlines: TextRun[];
}

export interface Container extends ElementBase {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
  bleed?: boolean;
  selectAction?: SelectAction;
}

/** `auto`, `stretch`, a pixel width (`"60px"`) or a relative weight. */
export type ColumnWidth = 'auto' | 'stretch' | `${number}px` | number;

export interface Column {
  type: 'Column';
  items: CardElement[];
  width?: ColumnWidth;
  style?: ContainerStyle;
  spacing?: Spacing;
  verticalContentAlignment?: 'top' | 'center' | 'bottom';
  selectAction?: SelectAction;
}

export interface ColumnSet extends ElementBase {
  type: 'ColumnSet';
  columns: Column[];
  selectAction?: SelectAction;
}

/** Buttons placed in the body. Cards keep at most MAX_ACTIONS_PER_SET per set (see card-actions.ts). */
export interface ActionSet extends ElementBase {
  type: 'ActionSet';
  actions: CardAction[];
}

export type CardElement = TextBlock | RichTextBlock | Container | ColumnSet | ActionSet;

interface ActionBase {
  /** The button label; also the accessible name of a clickable row. */
  title: string;
  /** Hover text and screen-reader hint (schema 1.5). */
  tooltip?: string;
  style?: 'default' | 'positive' | 'destructive';
}

export interface SubmitAction extends ActionBase {
  type: 'Action.Submit';
  data: CardSubmitData;
}

export interface OpenUrlAction extends ActionBase {
  type: 'Action.OpenUrl';
  url: string;
}

export interface ToggleVisibilityAction extends ActionBase {
  type: 'Action.ToggleVisibility';
  targetElements: string[];
}

export type CardAction = SubmitAction | OpenUrlAction | ToggleVisibilityAction;

/**
 * What a click on a whole row or column may do: send a message or open a page. The title may be left out when the
 * row's own text already says it, since hosts name a clickable row for screen readers from its content.
 */
export type SelectAction = (Omit<SubmitAction, 'title'> | Omit<OpenUrlAction, 'title'>) & { title?: string };

/** The root object: the `content` of a Bot Framework attachment with ADAPTIVE_CARD_CONTENT_TYPE. */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: typeof ADAPTIVE_CARD_SCHEMA;
  version: typeof ADAPTIVE_CARD_VERSION;
  body: CardElement[];
  /** Shown by hosts that cannot render the card (and read by some notification previews). */
  fallbackText: string;
  /** What a voice channel says instead of reading the card. */
  speak?: string;
  /** Teams only: let wide cards (tables, side-by-side comparisons) use the whole message width. */
  msteams?: { width: 'Full' };
  /** The card's own buttons, under everything else: "Open page", the link to the code's page. */
  actions?: CardAction[];
}
