/**
 * Adaptive Cards for StatusBot answers: what a channel imports to draw an Answer as a card and to read card clicks.
 *
 *   import { answerAttachment, didYouMeanCard, readCardSubmit } from './cards';
 */
export { answerAttachment, answerCard, type AnswerCardOptions } from './answer-card';
export { cardAttachment, type AdaptiveCardAttachment } from './card-attachment';
export { didYouMeanAttachment, didYouMeanCard } from './did-you-mean-card';
export { feedbackSubjectId } from './answer-footer';
export { LOOKUP_ELEMENT_IDS } from './lookup-card';
export { readCardSubmit, type CardSubmitValue, type FeedbackReaction } from './card-submit-data';
export { ADAPTIVE_CARD_CONTENT_TYPE, ADAPTIVE_CARD_VERSION, type AdaptiveCard } from './adaptive-card-types';
