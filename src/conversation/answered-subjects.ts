/**
 * What the bot answered lately in one conversation, as the subject ids its vote buttons carry ("502", "401-vs-403"):
 * a vote counts only for one of these, so nobody can rate an answer they were never given, or stuff the record with
 * made-up subjects. Kept in conversation state, so small and plain JSON.
 *
 *   answered = rememberAnswered(answered, '502');   // when an answer with vote buttons is sent
 *   wasAnswered(answered, vote.id);                 // when a vote arrives
 */

export interface AnsweredSubjects {
  /** Oldest first, each once. */
  recent: string[];
}

export const NOTHING_ANSWERED: AnsweredSubjects = { recent: [] };

/** Votes come soon after the answer; older answers fall out so conversation state stays small. */
export const ANSWERED_KEPT = 20;

export function rememberAnswered(answered: AnsweredSubjects, subject: string): AnsweredSubjects {
  return { recent: [...answered.recent.filter((s) => s !== subject), subject].slice(-ANSWERED_KEPT) };
}

export function wasAnswered(answered: AnsweredSubjects, subject: string | undefined): boolean {
  return subject !== undefined && answered.recent.includes(subject);
}
