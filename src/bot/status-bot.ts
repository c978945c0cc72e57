/**
 * StatusBot on the wire: who it is to every channel. Greets new members and Web Chat's `webchat/join` event,
 * hands every message to the main dialog, and saves conversation state after each turn. A TeamsActivityHandler,
 * so Teams invokes (message extensions, feedback) reach it.
 *
 * Teams: the bot's own @mentions leave the text before anything reads it; answers get Teams' 👍/👎 (feedback loop),
 * whose votes land where the card's vote buttons do; the compose-box search is answered from src/teams/.
 *
 * On every channel, the answers sent are remembered by subject (answered-subjects.ts): a vote counts only for one.
 */
import {
  ActivityTypes,
  Channels,
  TeamsActivityHandler,
  type Activity,
  type ConversationState,
  type InvokeResponse,
  type MessagingExtensionQuery,
  type MessagingExtensionResponse,
  type ResourceResponse,
  type TurnContext,
} from 'botbuilder';
import type { DialogState } from '../../dialogs/dialog-kit';
import { MainDialog, type TurnObserver } from '../../dialogs/main-dialog';
import {
  NOTHING_ANSWERED,
  rememberAnswered,
  wasAnswered,
  type AnsweredSubjects,
} from '../conversation/answered-subjects';
import { EMPTY_MEMORY, type ConversationMemory } from '../conversation/plan-reply';
import type { StatusEngine } from '../knowledge/engine';
import { CodePageLinks } from '../pages/code-page-links';
import { withoutBotMentions } from '../teams/bot-mentions';
import { cardOnly } from '../teams/card-only';
import {
  NO_RATED_MESSAGES,
  SUBMIT_ACTION_INVOKE,
  enableFeedbackLoop,
  ratedSubject,
  readFeedbackSubmit,
  rememberRated,
  subjectOf,
  type RatedMessages,
} from '../teams/feedback-loop';
import { readSearchQuery } from '../teams/search-query';
import { searchResponse, selectedItemResponse } from '../teams/search-results';
import { AnswerActivities } from './answer-activities';
import type { Replies } from '../../dialogs/replies';
import { CardReplies } from './card-replies';
import { StateProperty } from './state-property';
import { readWebChatFeedback } from './web-chat-feedback';

export const MEMORY_PROPERTY = 'statusbot.memory';
export const DIALOG_STATE_PROPERTY = 'statusbot.dialogState';
export const RATED_MESSAGES_PROPERTY = 'statusbot.teams.ratedMessages';
export const ANSWERED_PROPERTY = 'statusbot.answered';

export class StatusBot extends TeamsActivityHandler {
  readonly dialogState: StateProperty<DialogState>;
  readonly memory: StateProperty<ConversationMemory>;
  /** Teams: which answer each recent bot message rated, so a feedback-loop vote names its subject. */
  readonly ratedMessages: StateProperty<RatedMessages>;
  /** The subjects of the answers sent lately in this conversation: the only ones a vote counts for. */
  readonly answered: StateProperty<AnsweredSubjects>;
  /** The reply activity for each answer, drawn once (answer-activities.ts). */
  readonly answerActivities: AnswerActivities;
  /** How the bot and its dialogs speak: every answer, question and line goes out through it. */
  private readonly replies: Replies;
  private readonly dialog: MainDialog;

  /** `pages`: where each code's page is (PUBLIC_URL); cards link there, on Teams only when the link is absolute. */
  constructor(
    private readonly engine: StatusEngine,
    private readonly conversationState: ConversationState,
    private readonly observe: TurnObserver = () => undefined,
    answerActivities?: AnswerActivities,
    private readonly pages: CodePageLinks = new CodePageLinks(),
  ) {
    super();
    this.answerActivities = answerActivities ?? new AnswerActivities(undefined, pages);
    this.dialogState = new StateProperty<DialogState>(conversationState, DIALOG_STATE_PROPERTY);
    this.memory = new StateProperty<ConversationMemory>(conversationState, MEMORY_PROPERTY);
    this.ratedMessages = new StateProperty<RatedMessages>(conversationState, RATED_MESSAGES_PROPERTY);
    this.answered = new StateProperty<AnsweredSubjects>(conversationState, ANSWERED_PROPERTY);
    this.replies = new CardReplies(this.answerActivities);
    this.dialog = new MainDialog(engine, this.memory, this.replies, observe, this.answered);

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (newcomers.length) await this.welcome(context);
      await next();
    });

    this.onEvent(async (context, next) => {
      if (context.activity.name === 'webchat/join') await this.welcome(context);
      const vote = readWebChatFeedback(context.activity);
      if (vote)
        this.observe(context, '', {
          kind: 'feedback',
          reaction: vote.reaction,
          id: vote.id,
          counted: wasAnswered(await this.answered.get(context, NOTHING_ANSWERED), vote.id),
        });
      await next();
    });
  }

  /** A message: understood and answered by the dialog. */
  private async onMessageTurn(context: TurnContext): Promise<void> {
    // Teams channels and group chats: "<at>StatusBot</at> what is 502" → "what is 502", for every later reader.
    const { activity } = context;
    if (activity.text) activity.text = withoutBotMentions(activity.text, activity.entities, activity.recipient?.id);
    await this.dialog.run(context, this.dialogState);
  }

  /** The greeting: what the bot does and example questions as suggested actions. */
  async welcome(context: TurnContext): Promise<void> {
    const { answer } = this.engine.ask('hello');
    await this.replies.answer(context, answer);
    await this.memory.set(context, await this.memory.get(context, EMPTY_MEMORY));
  }

  override async run(context: TurnContext): Promise<void> {
    context.onSendActivities((ctx, activities, next) => this.rememberingAnswers(ctx, activities, next));
    if (context.activity.channelId === Channels.Msteams)
      context.onSendActivities((ctx, activities, next) => this.sendingToTeams(ctx, activities, next));
    // Messages skip ActivityHandler's dispatch: its nested generator steps keep each turn alive until V8's next full
    // collection (docs/performance.md, "What a turn leaves behind").
    if (context.activity.type === ActivityTypes.Message) await this.onMessageTurn(context);
    else await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }

  /** Every answer that can be rated is remembered by its subject once sent, so a vote for it counts (any channel). */
  private async rememberingAnswers(
    context: TurnContext,
    activities: Partial<Activity>[],
    next: () => Promise<ResourceResponse[]>,
  ): Promise<ResourceResponse[]> {
    const subjects = activities.flatMap((activity) => ratedSubject(activity) ?? []);
    const responses = await next();
    if (subjects.length)
      await this.answered.set(
        context,
        subjects.reduce(rememberAnswered, await this.answered.get(context, NOTHING_ANSWERED)),
      );
    return responses;
  }

  /**
   * Teams: a card goes without its Markdown text, which Teams would show as a message of its own (card-only.ts);
   * answers that can be rated get Teams' 👍/👎, and the id Teams gives each one is remembered with its subject.
   */
  private async sendingToTeams(
    context: TurnContext,
    activities: Partial<Activity>[],
    next: () => Promise<ResourceResponse[]>,
  ): Promise<ResourceResponse[]> {
    activities.forEach((activity) => cardOnly(activity));
    const subjects = activities.map((activity) => ratedSubject(activity));
    activities.forEach((activity, i) => {
      if (subjects[i]) enableFeedbackLoop(activity);
    });
    const responses = await next();
    if (!subjects.some(Boolean)) return responses;
    let rated = await this.ratedMessages.get(context, NO_RATED_MESSAGES);
    subjects.forEach((subject, i) => {
      const messageId = responses?.[i]?.id;
      if (subject && messageId) rated = rememberRated(rated, messageId, subject);
    });
    await this.ratedMessages.set(context, rated);
    return responses;
  }

  /**
   * Teams' feedback form (`message/submitAction`): recorded like a vote from the card's
   * buttons, when it rates one of ours.
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== SUBMIT_ACTION_INVOKE) return super.onInvokeActivity(context);
    const vote = readFeedbackSubmit(context.activity);
    if (!vote)
      return {
        status: 400,
        body: { error: 'Expected actionName "feedback" with actionValue.reaction "like" or "dislike".' },
      };
    // The rated message must be one the bot sent in this conversation: otherwise there is no subject, and no count.
    const id = subjectOf(await this.ratedMessages.get(context, NO_RATED_MESSAGES), context.activity.replyToId);
    this.observe(context, vote.text, { kind: 'feedback', reaction: vote.reaction, id, counted: id !== undefined });
    return { status: 200 };
  }

  /** The compose-box search ("Look up an HTTP status"): matching codes as cards, one page at a time. */
  protected override async handleTeamsMessagingExtensionQuery(
    _context: TurnContext,
    query: MessagingExtensionQuery,
  ): Promise<MessagingExtensionResponse> {
    return searchResponse(this.engine, readSearchQuery(query), this.pages);
  }

  /** The result the user picked: its full card goes into their message. */
  protected override async handleTeamsMessagingExtensionSelectItem(
    _context: TurnContext,
    value: unknown,
  ): Promise<MessagingExtensionResponse> {
    return selectedItemResponse(this.engine, value, this.pages);
  }
}
