/**
 * The likely fix: the one or two steps of an entry that fit what the user said, shown before everything else.
 * Steps tagged with a stack the message names come first ("our nginx returns 413" → raise client_max_body_size);
 * otherwise the first steps of the user's side, or of the side that usually has to act (the table lists the most
 * common cause's fix first).
 */
import type { Side } from './conversation-lexicon';
import type { SideStep, StatusEntry } from './entry-schema';

export interface LikelyFix {
  /** The stack or vendor the steps are for, when the message named one ("nginx"). */
  stack?: { id: string; name: string };
  steps: string[];
}

/** The words a likely fix is shown under, the same on every channel. */
export function likelyFixHeading(fix: LikelyFix): string {
  return fix.stack ? `Most likely fix with ${fix.stack.name}` : 'Most likely fix';
}

/** At most this many steps: the rest is under "Show more". */
const MAX_STEPS = 2;
/** Without a stack named, the first step of the side that acts: the table lists the most common cause's fix first. */
const DEFAULT_STEPS = 1;

export function likelyFix(
  entry: Pick<StatusEntry, 'sideSteps' | 'fixedBy'>,
  named: readonly string[],
  side: Side | undefined,
  nameOf: (id: string) => string,
  only?: Side,
): LikelyFix | undefined {
  if (entry.fixedBy.side === 'nobody') return undefined;
  const tagged = entry.sideSteps.filter((s) => s.stacks.some((id) => named.includes(id)) && (!only || s.side === only));
  // One side's steps asked for: only a stack's step narrows them; without one, the list itself is the answer.
  if (only && !tagged.length) return undefined;
  // The user's side first; a caller is still shown the operator's steps for the stack they named, after their own.
  const forStack = side ? [...tagged.filter((s) => s.side === side), ...tagged.filter((s) => s.side !== side)] : tagged;
  if (forStack.length) {
    const id = forStack[0]?.stacks.find((s) => named.includes(s)) as string;
    return { stack: { id, name: nameOf(id) }, steps: forStack.slice(0, MAX_STEPS).map((s) => s.text) };
  }
  const acting = side ?? (entry.fixedBy.side === 'either' ? undefined : entry.fixedBy.side);
  const first = (s: SideStep['side'], n: number) =>
    entry.sideSteps
      .filter((step) => step.side === s)
      .slice(0, n)
      .map((step) => step.text);
  return { steps: acting ? first(acting, DEFAULT_STEPS) : [...first('client', 1), ...first('server', 1)] };
}
