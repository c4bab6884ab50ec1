export { DesignerSession, type DesignerSessionOptions, type InputEvent, type InputObserver, type LoadState } from './session/designer-session.ts';
export { Screencast, type ScreencastFrame, type ScreencastFrameMetadata, type ScreencastOptions, type ScreencastStats } from './session/screencast.ts';
export { callInPage, pickerBundlePath, readPickerBundle, type EvaluatingPage, type InPageMethod } from './session/in-page.ts';
export { ListDesigner, type AddFieldOptions, type ListSelection } from './design/list-designer.ts';
export { fieldFromSuggestion, type DesignedField } from './design/field-build.ts';
export { confirmPagination, detectPagination, type DetectPaginationOptions, type PaginationKind, type PaginationOption, type PaginationProposal, type PaginationRecipePart } from './design/pagination.ts';
export { probeInfiniteScroll, type ScrollProbe } from './design/scroll-probe.ts';
export { LivePreview, type LivePreviewOptions, type PreviewResult } from './design/preview.ts';
export { checkTiers, type FieldTier, type FieldTierResult, type TierReport } from './design/tier-check.ts';
export { ActionRecorder, type RecorderOptions, type WaitStep } from './design/recorder.ts';
export { buildRecipe, type DraftRecipeInput } from './design/draft.ts';
export { selectorOf, selectorText, toRecipeSelector } from './design/selectors.ts';
export { attributeScore, classScore, idScore, isGeneratedToken, isStateClass, isUtilityClass } from './page/stability.ts';
export type {
  ActionTarget, Box, CandidateKind, ElementDescriptor, FieldKind, HoverReport, ListLevel, PaginationCandidateResult, SelectorCandidate, SelectorSpec,
} from './page/types.ts';
