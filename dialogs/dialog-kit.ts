/**
 * The parts of botbuilder-dialogs StatusBot's dialogs are built from, imported from their own modules. The
 * package's index also loads every prompt and its language recognizers (@microsoft/recognizers-text-*, lodash,
 * globalize): 36 MB of resident memory in every process for prompts StatusBot never shows. These modules are the
 * same ones the index re-exports, so classes and persisted dialog state are identical either way.
 */
export { ComponentDialog } from 'botbuilder-dialogs/lib/componentDialog';
export { Dialog, DialogTurnStatus } from 'botbuilder-dialogs/lib/dialog';
export type { DialogState } from 'botbuilder-dialogs/lib/dialogContext';
export { DialogSet } from 'botbuilder-dialogs/lib/dialogSet';
export { WaterfallDialog } from 'botbuilder-dialogs/lib/waterfallDialog';
export type { WaterfallStepContext } from 'botbuilder-dialogs/lib/waterfallStepContext';
