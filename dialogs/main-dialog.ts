/**
 * The conversation: every message is planned by planReply() (understanding, follow-ups, button clicks) and
 * carried out here: answer, ask "did you mean", or acknowledge feedback. The last code discussed is kept in
 * conversation state so "how do I fix it?" and "what about 504?" work on the next turn and on another instance.
 *
 * Most messages are a question and its answer, complete in one turn; only "did you mean" spans turns. So the
 * dialog stack is consulted (and the dialog machinery run) only when a dialog is waiting or one must start: a
 * one-turn answer takes the direct path, without a dialog context, its memory scopes and two waterfall steps.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import {
  ComponentDialog,
  DialogSet,
  DialogTurnStatus,
  WaterfallDialog,
  type DialogState,
  type WaterfallStepContext,
} from './dialog-kit';
import { NOTHING_ANSWERED, type AnsweredSubjects } from '../src/conversation/answered-subjects';
import {
  EMPTY_MEMORY,
  lookupPlan,
  planReply,
  type ConversationMemory,
  type ReplyPlan,
} from '../src/conversation/plan-reply';
import type { StatusEngine } from '../src/knowledge/engine';
import {
  DID_YOU_MEAN_DIALOG,
  DidYouMeanDialog,
  type DidYouMeanOptions,
  type DidYouMeanResult,
} from './did-you-mean-dialog';
import type { Replies } from './replies';

/** Stable ids: persisted dialog stacks name them, so they never change between deploys. */
export const MAIN_DIALOG = 'statusbot.main';
const STEPS = 'statusbot.main.steps';
/** Turn state: the plan made on the direct path, which the dialog then carries out instead of planning again. */
const PLANNED = Symbol('statusbot.main.planned');

/** Called once per message turn with what was understood, for logs and usage statistics. */
export type TurnObserver = (context: TurnContext, text: string, plan: ReplyPlan) => void;

export class MainDialog extends ComponentDialog {
  constructor(
    private readonly engine: StatusEngine,
    private readonly memory: StatePropertyAccessor<ConversationMemory>,
    private readonly replies: Replies,
    private readonly observe: TurnObserver = () => undefined,
    /** What the bot answered lately in this conversation: votes count only for these. */
    private readonly answered?: StatePropertyAccessor<AnsweredSubjects>,
  ) {
    super(MAIN_DIALOG);
    this.addDialog(new DidYouMeanDialog(replies));
    this.addDialog(new WaterfallDialog(STEPS, [this.handleMessage.bind(this), this.handleChoice.bind(this)]));
    this.initialDialogId = STEPS;
  }

  /** Runs the dialog for one turn: continue a waiting "did you mean", or start a new exchange. */
  async run(context: TurnContext, dialogState: StatePropertyAccessor<DialogState>): Promise<void> {
    if (!(await dialogState.get(context))?.dialogStack.length) {
      const plan = await this.plan(context);
      if (plan.kind !== 'did-you-mean') {
        this.observe(context, context.activity.text ?? '', plan);
        return this.carryOut(context, plan);
      }
      context.turnState.set(PLANNED, plan);
    }
    const set = new DialogSet(dialogState);
    set.add(this);
    const dc = await set.createContext(context);
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(this.id);
  }

  private async plan(context: TurnContext, text = context.activity.text ?? ''): Promise<ReplyPlan> {
    const answered = (await this.answered?.get(context, NOTHING_ANSWERED)) ?? NOTHING_ANSWERED;
    return planReply(this.engine, text, context.activity.value, await this.memory.get(context, EMPTY_MEMORY), answered);
  }

  private async handleMessage(step: WaterfallStepContext) {
    const plan = (step.context.turnState.get(PLANNED) as ReplyPlan | undefined) ?? (await this.plan(step.context));
    this.observe(step.context, step.context.activity.text ?? '', plan);
    if (plan.kind === 'did-you-mean') {
      // The readings offered become the subject: a typed "why?" instead of a choice is about the likeliest.
      await this.memory.set(step.context, plan.memory);
      return step.beginDialog(DID_YOU_MEAN_DIALOG, {
        candidates: plan.candidates,
        answer: plan.answer,
      } satisfies DidYouMeanOptions);
    }
    await this.carryOut(step.context, plan);
    return step.endDialog();
  }

  private async handleChoice(step: WaterfallStepContext) {
    const result = step.result as DidYouMeanResult | undefined;
    // Every branch observes the turn once (stats, the turn log line), as handleMessage does for other turns.
    if (result && 'chosen' in result) {
      const plan = lookupPlan(this.engine, result.chosen, await this.memory.get(step.context, EMPTY_MEMORY));
      this.observe(step.context, step.context.activity.text ?? '', plan);
      await this.carryOut(step.context, plan);
    } else if (result && 'newQuestion' in result) {
      // The user typed something else instead of choosing: answer it as the new question it is.
      // The activity value goes along: a click on an older card (a code, feedback, an example) is not lost.
      const plan = await this.plan(step.context, result.newQuestion);
      // Just as vague: start over, and handleMessage plans and observes it.
      if (plan.kind === 'did-you-mean') return step.replaceDialog(STEPS);
      this.observe(step.context, result.newQuestion, plan);
      await this.carryOut(step.context, plan);
    } else {
      const plan: ReplyPlan = { kind: 'none-of-these' };
      this.observe(step.context, step.context.activity.text ?? '', plan);
      await this.carryOut(step.context, plan);
    }
    return step.endDialog();
  }

  private async carryOut(context: TurnContext, plan: ReplyPlan): Promise<void> {
    switch (plan.kind) {
      case 'answer':
        await this.replies.answer(context, plan.answer);
        await this.memory.set(context, plan.memory);
        return;
      case 'feedback':
        // 👍 is acknowledged by the pressed thumb itself; 👎 gets an offer to rephrase or to open another reading.
        if (plan.reaction === 'dislike')
          await this.replies.line(context, this.engine.talk.dislikeReply, plan.offers ?? []);
        return;
      case 'none-of-these':
        await this.replies.line(context, this.engine.talk.noneOfTheseReply, ['what is 502', '401 vs 403']);
        return;
      case 'did-you-mean':
        await this.replies.answer(context, plan.answer);
        return;
    }
  }
}
