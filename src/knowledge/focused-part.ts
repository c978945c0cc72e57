/**
 * The part of an answer a question or follow-up asks for ("how do I fix it?", "why?", "is it my fault?", "and for
 * the frontend?", "an example"), as channel-free content: a heading, a lead, paragraphs, steps per side (the user's
 * side first) and a transcript. The text renderer and the cards both draw this, so they say the same thing.
 */
import type { Focus, Side } from './conversation-lexicon';
import type { ClassInfo, StatusEntry } from './entry-schema';
import { likelyFixHeading, type LikelyFix } from './likely-fix';

export const STEPS_HEADING: Record<Side, string> = {
  client: "If you're calling the API or browsing",
  server: 'If you run the server',
};

/** Who has to act, in words, for "is it my fault?". */
export const FIXED_BY_LEAD: Record<StatusEntry['fixedBy']['side'], string> = {
  client: 'Usually the caller has to change something.',
  server: 'Usually whoever runs the server has to change something.',
  either: 'It depends on the case; here is how to tell.',
  nobody: 'Nothing failed, so nobody has to fix anything.',
};

export interface StepList {
  side: Side;
  heading: string;
  steps: string[];
}

export interface FocusedPart {
  heading: string;
  lead?: string;
  /** For "how do I fix it?": the steps that fit the user's stack and side, before both sides' lists. */
  likely?: { heading: string; steps: string[] };
  paragraphs: string[];
  /** A titled list (typical causes). */
  list?: { heading: string; items: string[] };
  steps: StepList[];
  /** What a terminal shows, for an example. */
  transcript?: string;
}

/** The fields an entry and a network error share, which is all a focused part needs. */
export type Subject = Pick<StatusEntry, 'summary' | 'description' | 'nextSteps' | 'example' | 'fixedBy'> & {
  causes?: string[];
};

/**
 * Both sides' steps, the user's side first; steps already `shown` (the likely fix) are left out,
 * and a side left with none.
 */
export function stepLists(
  subject: Pick<Subject, 'nextSteps'>,
  side?: Side,
  only?: Side,
  shown: readonly string[] = [],
): StepList[] {
  const order: Side[] = side === 'server' ? ['server', 'client'] : ['client', 'server'];
  return order
    .filter((s) => !only || s === only)
    .map((s) => ({
      side: s,
      heading: STEPS_HEADING[s],
      steps: subject.nextSteps[s].filter((step) => !shown.includes(step)),
    }))
    .filter((list) => list.steps.length > 0);
}

/**
 * The part of `subject` (titled `title`, "413 Content Too Large") that `focus` asks for. Overview, retry and more
 * are drawn by each channel from the whole entry; this covers the parts a follow-up narrows to.
 */
export function focusedPart(
  subject: Subject,
  title: string,
  focus: Exclude<Focus, 'overview' | 'retry' | 'more' | 'which'>,
  side?: Side,
  fix?: LikelyFix,
): FocusedPart {
  switch (focus) {
    case 'fix': {
      const likely = fix ? { likely: { heading: likelyFixHeading(fix), steps: fix.steps } } : {};
      return {
        heading: `How to fix ${title}`,
        lead: subject.summary,
        ...likely,
        paragraphs: [],
        steps: stepLists(subject, side, undefined, fix?.steps),
      };
    }
    case 'server':
    case 'client': {
      const likely = fix ? { likely: { heading: likelyFixHeading(fix), steps: fix.steps } } : {};
      const heading =
        focus === 'server' ? `${title}: what to change on the server` : `${title}: what to do as the caller`;
      return {
        heading,
        lead: subject.summary,
        ...likely,
        paragraphs: [],
        steps: stepLists(subject, side, focus, fix?.steps),
      };
    }
    case 'cause':
      return {
        heading: `Why ${title} happens`,
        paragraphs: [subject.description],
        ...(subject.causes?.length ? { list: { heading: 'Typical causes', items: subject.causes } } : {}),
        steps: [],
      };
    case 'fault': {
      const fixedBy = subject.fixedBy;
      const acting: Side | undefined =
        fixedBy.side === 'client' || fixedBy.side === 'server' ? fixedBy.side : undefined;
      const steps =
        fixedBy.side === 'nobody'
          ? []
          : stepLists(subject, acting ?? side).map((l) => ({ ...l, steps: l.steps.slice(0, 1) }));
      return {
        heading: `Whose side is ${title}?`,
        lead: FIXED_BY_LEAD[fixedBy.side],
        paragraphs: [fixedBy.note],
        steps: acting ? steps.filter((l) => l.side === acting) : steps,
      };
    }
    case 'example':
      return {
        heading: `An example of ${title}`,
        paragraphs: [subject.example.scenario],
        transcript: subject.example.transcript,
        steps: [],
      };
  }
}

/** The focuses drawn by focusedPart() rather than from the whole entry. */
export function isPartFocus(focus: Focus): focus is Exclude<Focus, 'overview' | 'retry' | 'more' | 'which'> {
  return (
    focus === 'fix' ||
    focus === 'server' ||
    focus === 'client' ||
    focus === 'cause' ||
    focus === 'fault' ||
    focus === 'example'
  );
}

/**
 * The part of a class's answer a follow-up asks for ("so is it ever my fault?" after "explain 5xx"), or null for the
 * whole class. An example names the class's codes people meet most beside the worked one.
 */
export function classPart(
  info: ClassInfo,
  focus: Focus,
  side: Side | undefined,
  common: readonly { code: number; name: string }[],
): FocusedPart | null {
  const title = `a ${info.class} (${info.name.toLowerCase()})`;
  if (focus === 'retry') return { heading: `Retrying after ${title}`, paragraphs: [info.retry], steps: [] };
  if (!isPartFocus(focus)) return null;
  const part = focusedPart(info, title, focus, side);
  if (focus !== 'example' || !common.length) return part;
  return {
    ...part,
    list: { heading: `The ${info.class} codes met most`, items: common.map((c) => `${c.code} ${c.name}`) },
  };
}
