/**
 * Removes the bot's own @mentions from a Teams message before the engine reads it.
 *
 * In channels and group chats Teams delivers a message to the bot only when it is @mentioned, and the mention stays in
 * the text: `"<at>StatusBot</at> what is 502\r\n"`. Left in, "StatusBot" is one more word for the engine to misread.
 * Bot Framework's TurnContext.removeRecipientMention() removes only the first occurrence of the first mention, so a
 * message that names the bot twice ("<at>StatusBot</at> 401 vs 403, thanks <at>StatusBot</at>") kept the second;
 * this removes every occurrence of every mention of the bot, and nobody else's.
 *
 *   activity.text = withoutBotMentions(activity.text, activity.entities, activity.recipient.id);
 */

/** A Bot Framework `mention` entity, as Teams sends it. Other entity types pass through untouched. */
export interface MentionEntity {
  type: string;
  text?: string;
  mentioned?: { id?: string; name?: string };
}

/**
 * The text without any mention of `botId`, trimmed, with Windows line breaks made plain. Spaces around a removed
 * mention shrink to one, so "hey <at>StatusBot</at> what is 502" reads "hey what is 502"; everything else (other
 * people's `<at>…</at>`, the layout of pasted log lines) stays as written.
 */
export function withoutBotMentions(
  text: string,
  entities: readonly unknown[] | undefined,
  botId: string | undefined,
): string {
  let result = text.replace(/\r\n?/g, '\n');
  for (const mention of botMentionTexts(entities, botId)) {
    // A mention between two words leaves one space; at the start or end of a line it leaves nothing.
    result = result.replace(
      new RegExp(`[ \\t\\u00a0]*${escapeRegExp(mention)}[ \\t\\u00a0]*`, 'g'),
      (match, offset: number, whole: string) => {
        const before = whole[offset - 1];
        const after = whole[offset + match.length];
        return before === undefined || before === '\n' || after === undefined || after === '\n' ? '' : ' ';
      },
    );
  }
  return result.trim();
}

/**
 * The distinct texts by which the message mentions the bot, longest first (so "<at>StatusBot Prod</at>" goes before
 * a shorter one it contains). Teams sometimes leaves `text` out of the entity; the mention then reads
 * `<at>name</at>`.
 */
export function botMentionTexts(entities: readonly unknown[] | undefined, botId: string | undefined): string[] {
  if (!botId || !entities) return [];
  const texts = new Set<string>();
  for (const entity of entities) {
    if (!isMention(entity) || entity.mentioned?.id !== botId) continue;
    const text = entity.text?.trim() || (entity.mentioned.name ? `<at>${entity.mentioned.name}</at>` : '');
    if (text) texts.add(text);
  }
  return [...texts].sort((a, b) => b.length - a.length);
}

function isMention(entity: unknown): entity is MentionEntity {
  return (
    typeof entity === 'object' &&
    entity !== null &&
    typeof (entity as MentionEntity).type === 'string' &&
    (entity as MentionEntity).type.toLowerCase() === 'mention'
  );
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
