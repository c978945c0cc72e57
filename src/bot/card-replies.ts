/**
 * The bot's Replies (dialogs/replies.ts) as Bot Framework activities: an answer is an Adaptive Card (version 1.5, so
 * Teams renders it) with the lead of its Markdown version in `text` for channels without cards, plus at most three
 * suggested actions for the obvious next questions.
 */
import { ActionTypes, Channels, MessageFactory, type Activity, type CardAction, type TurnContext } from 'botbuilder';
import type { Replies } from '../../dialogs/replies';
import { answerAttachment, didYouMeanAttachment } from '../cards/answer-card';
import type { PageUrl } from '../cards/card-actions';
import { feedbackSubjectId } from '../cards/answer-footer';
import { leadParagraphs } from '../cards/card-text';
import { SHORT_ACTS, type Answer, type EntryRef, type ExposedSecrets } from '../knowledge/answer';
import { renderText } from '../render/render-text';
import { withWebChatFeedback } from './web-chat-feedback';

/**
 * A channel without cards gets the answer's lead as a chat message (meaning, likely fix, description); the rest is a
 * follow-up away. Web Chat and Teams drop the text beside a card, so the whole answer would only double the reply.
 */
export const MAX_ANSWER_TEXT = 1_500;

/** Web Chat and Teams show suggested actions in one row; more than three crowd it. */
export const MAX_SUGGESTIONS = 3;

export function suggestedActions(prompts: readonly string[]): CardAction[] {
  return prompts.slice(0, MAX_SUGGESTIONS).map((p) => ({ type: ActionTypes.ImBack, title: p, value: p }));
}

/** `pageUrl`: where an entry's page is (CodePageLinks), for the cards' "Open page" button. */
export function answerActivity(answer: Answer, pageUrl?: PageUrl): Partial<Activity> {
  // "thanks", "ok", "bye": a line in kind, not a card.
  if (answer.intent === 'greeting' && answer.act && SHORT_ACTS.includes(answer.act))
    return MessageFactory.text(answer.exposed ? renderText(answer, 'markdown') : answer.message);
  // One feedback control per answer: the channel's own (Web Chat's thumbs, Teams' feedback loop), not card buttons too.
  const activity = MessageFactory.attachment(
    answerAttachment(answer, { feedback: false, detailsCollapsed: true, pageUrl }),
    leadParagraphs(renderText(answer, 'markdown'), MAX_ANSWER_TEXT),
  );
  activity.textFormat = 'markdown';
  if (answer.suggestions.length) activity.suggestedActions = { actions: suggestedActions(answer.suggestions), to: [] };
  return hasSubject(answer) ? withWebChatFeedback(activity, feedbackSubjectId(answer)) : activity;
}

/** Greetings and misses have nothing to rate; every answer about a code does. */
function hasSubject(answer: Answer): boolean {
  return answer.intent !== 'greeting' && answer.intent !== 'none';
}

export function didYouMeanActivity(candidates: EntryRef[], exposed?: ExposedSecrets): Partial<Activity> {
  const labels = candidates.map((c) => `${c.code} ${c.name}`).join(', ');
  const question = `Did you mean one of these? ${labels}, or none of these.`;
  return MessageFactory.attachment(
    didYouMeanAttachment(candidates, exposed),
    exposed ? `${exposed.warning}\n\n${question}` : question,
  );
}

/** How an answer is drawn for a channel: Teams opens only absolute links (AnswerActivities). */
export interface AnswerDrawing {
  activityFor(answer: Answer, options?: { absoluteLinksOnly?: boolean }): Partial<Activity>;
}

export class CardReplies implements Replies {
  constructor(private readonly answers: AnswerDrawing = { activityFor: (answer) => answerActivity(answer) }) {}

  async answer(context: TurnContext, answer: Answer): Promise<void> {
    const absoluteLinksOnly = context.activity.channelId === Channels.Msteams;
    await context.sendActivity(this.answers.activityFor(answer, { absoluteLinksOnly }));
  }

  async didYouMean(context: TurnContext, candidates: EntryRef[], answer?: Answer): Promise<void> {
    await context.sendActivity(didYouMeanActivity(candidates, answer?.exposed));
  }

  async line(context: TurnContext, text: string, suggestions: string[] = []): Promise<void> {
    await context.sendActivity(
      suggestions.length
        ? MessageFactory.suggestedActions(suggestedActions(suggestions), text)
        : MessageFactory.text(text),
    );
  }
}
