/**
 * The invoke responses of StatusBot's compose-box search (`composeExtension/query` and `composeExtension/selectItem`).
 *
 * Each result is the full answer card (what gets inserted into the message) with a small preview for the list: a
 * thumbnail card with the code and name as title and the one-line summary. Teams requires the preview to be a hero
 * or thumbnail card. Its tap sends the entry id back as `composeExtension/selectItem`, and the bot answers with the
 * card built fresh from the table.
 *
 *   return searchResponse(engine, readSearchQuery(query));     // handleTeamsMessagingExtensionQuery
 *   return selectedItemResponse(engine, value);                // handleTeamsMessagingExtensionSelectItem
 */
import type { Attachment, MessagingExtensionAttachment, MessagingExtensionResponse } from 'botbuilder';
import { cardAttachment } from '../cards/card-attachment';
import { entryRef, type EntryRef } from '../knowledge/answer';
import type { StatusEngine } from '../knowledge/engine';
import { classOf } from '../knowledge/status-table';
import type { CodePageLinks } from '../pages/code-page-links';
import type { SearchQuery } from './search-query';
import { sharedAnswerCard } from './shared-answer-card';
import { searchStatuses } from './status-search';

export const THUMBNAIL_CARD_CONTENT_TYPE = 'application/vnd.microsoft.card.thumbnail';

/** What the preview's tap sends back in `composeExtension/selectItem`. */
export interface SelectedItem {
  id: string;
}

/** The thumbnail card shown in the result list. */
export interface PreviewCard {
  title: string;
  subtitle?: string;
  text: string;
  tap: { type: 'invoke'; value: SelectedItem };
}

/** One page of results for the typed query; an empty page when nothing matches (Teams says "no results"). */
export function searchResponse(
  engine: StatusEngine,
  query: SearchQuery,
  pages?: CodePageLinks,
): MessagingExtensionResponse {
  const ids = searchStatuses(engine, query.text).slice(query.skip, query.skip + query.count);
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: ids.map((id) => resultAttachment(engine, id, pages)),
    },
  };
}

/**
 * The card for the item the user picked, or a short message when the id is not (or no longer) in the table. The id
 * comes from the request, so it is not repeated in the message (Teams renders that text as Markdown).
 */
export function selectedItemResponse(
  engine: StatusEngine,
  value: unknown,
  pages?: CodePageLinks,
): MessagingExtensionResponse {
  const id = isRecord(value) && typeof value.id === 'string' ? value.id : '';
  if (!engine.table.entry(id)) {
    return {
      composeExtension: {
        type: 'message',
        text: 'StatusBot has no entry for that item any more. Search again and pick a code from the new list.',
      },
    };
  }
  return {
    composeExtension: {
      type: 'result',
      attachmentLayout: 'list',
      attachments: [answerCardAttachment(engine, id, pages)],
    },
  };
}

/** The full card, previewed by a thumbnail that selects it. */
export function resultAttachment(
  engine: StatusEngine,
  id: string,
  pages?: CodePageLinks,
): MessagingExtensionAttachment {
  return { ...answerCardAttachment(engine, id, pages), preview: previewAttachment(engine, id) };
}

/** The card that goes into the message, with "Open page" when the code's page has an absolute link (PUBLIC_URL). */
export function answerCardAttachment(engine: StatusEngine, id: string, pages?: CodePageLinks): Attachment {
  return cardAttachment(
    sharedAnswerCard(engine.answer(engine.lookup(id)), pages && ((entryId) => pages.absolute(entryId))),
  );
}

/** "502 Bad Gateway", "5xx Server error" (or "Cloudflare · 5xx Server error"), and the summary. */
export function previewAttachment(engine: StatusEngine, id: string): Attachment & { content: PreviewCard } {
  const entry: EntryRef = entryRef(engine.table, id);
  const statusClass = classOf(entry.code);
  const classLabel = statusClass ? `${statusClass} ${engine.table.classInfo(statusClass).name}` : '';
  const subtitle = [entry.vendor, classLabel].filter(Boolean).join(' · ');
  return {
    contentType: THUMBNAIL_CARD_CONTENT_TYPE,
    content: {
      title: `${entry.code} ${entry.name}`,
      ...(subtitle ? { subtitle } : {}),
      text: entry.summary,
      tap: { type: 'invoke', value: { id: entry.id } },
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
