/**
 * StatusBot on the wire: who it is to every channel. Greets new members and Web Chat's `webchat/join` event,
 * hands every message to the main dialog, and saves conversation state after each turn. A TeamsActivityHandler,
 * so Teams invokes (message extensions, feedback) reach it.
 */
import { TeamsActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import type { DialogState } from 'botbuilder-dialogs';
import { MainDialog, type TurnObserver } from '../../dialogs/main-dialog';
import { EMPTY_MEMORY, type ConversationMemory } from '../conversation/plan-reply';
import type { StatusEngine } from '../knowledge/engine';
import { CardReplies, answerActivity } from './replies';

export const MEMORY_PROPERTY = 'statusbot.memory';
export const DIALOG_STATE_PROPERTY = 'statusbot.dialogState';

export class StatusBot extends TeamsActivityHandler {
  readonly dialogState: StatePropertyAccessor<DialogState>;
  readonly memory: StatePropertyAccessor<ConversationMemory>;
  private readonly dialog: MainDialog;

  constructor(
    private readonly engine: StatusEngine,
    private readonly conversationState: ConversationState,
    observe?: TurnObserver,
  ) {
    super();
    this.dialogState = conversationState.createProperty<DialogState>(DIALOG_STATE_PROPERTY);
    this.memory = conversationState.createProperty<ConversationMemory>(MEMORY_PROPERTY);
    this.dialog = new MainDialog(engine, this.memory, new CardReplies(), observe);

    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient?.id;
      const newcomers = (context.activity.membersAdded ?? []).filter((m) => m.id !== botId);
      if (newcomers.length) await this.welcome(context);
      await next();
    });

    this.onEvent(async (context, next) => {
      if (context.activity.name === 'webchat/join') await this.welcome(context);
      await next();
    });

    this.onMessage(async (context, next) => {
      await this.dialog.run(context, this.dialogState);
      await next();
    });
  }

  /** The greeting: what the bot does and example questions as suggested actions. */
  async welcome(context: TurnContext): Promise<void> {
    const { answer } = this.engine.ask('hello');
    await context.sendActivity(answerActivity(answer));
    await this.memory.set(context, await this.memory.get(context, EMPTY_MEMORY));
  }

  override async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.conversationState.saveChanges(context, false);
  }
}
