/**
 * What happens when a client posts an activity: it is echoed into the conversation at once (Web Chat marks its
 * message as sent when its own activity comes back with the same clientActivityID), then the bot's turn runs,
 * after any turn still running in that conversation, and its replies are added to the history and pushed to open
 * streams. When a turn takes longer than TYPING_DELAY_MS, a typing indicator is pushed meanwhile.
 *
 * ```ts
 * const channel = new DirectLineChannel(inProcessBot);
 * const { id } = await channel.post(conversation, userActivity, serviceUrl);
 * ```
 */
import { activityForBot, botActivityForClient, isVisibleReply, typingActivity } from './activity-mapping';
import type { DirectLineConversation } from './conversation';
import type { InProcessBot } from './in-process-bot';

/** Answers are usually instant; show "typing" only when one is not, so fast answers never flicker an indicator. */
export const TYPING_DELAY_MS = 300;

export class DirectLineChannel {
  constructor(private readonly bot: Pick<InProcessBot, 'turn'>) {}

  /**
   * Keeps the user's activity and runs the bot on it; resolves with the activity's id once the replies are in the
   * history. Rejects when the turn failed beyond the bot's own error handling (the echo stays).
   */
  async post(
    conversation: DirectLineConversation,
    userActivity: Record<string, unknown> & { type: string },
    serviceUrl: string,
  ): Promise<{ id: string }> {
    const [echo] = conversation.append([userActivity]);
    if (!echo) throw new Error('the conversation did not keep the activity');
    // Typing from the user tells the bot nothing it acts on; it is echoed (the client waits for that) and not run.
    if (echo.type === 'typing') return { id: echo.id };

    await conversation.turns.run(async () => {
      const typing = setTimeout(
        () =>
          conversation.pushTransient({
            ...typingActivity(conversation.id, echo.id, new Date()),
            id: `${echo.id}-typing`,
          }),
        TYPING_DELAY_MS,
      );
      let replies;
      try {
        replies = await this.bot.turn(activityForBot({ ...userActivity, id: echo.id }, serviceUrl));
      } finally {
        clearTimeout(typing);
      }
      // One millisecond apart, so clients that order by timestamp keep the bot's order.
      const start = Date.now();
      const visible = replies.filter(isVisibleReply);
      conversation.append(
        visible.map((reply, i) => botActivityForClient(reply, conversation.id, echo.id, new Date(start + i))),
      );
    });
    return { id: echo.id };
  }
}
