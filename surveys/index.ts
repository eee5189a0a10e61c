// The public face of surveys/: questionnaire definitions (SurveyJS JSON, it + en), the resident
// vocabulary, answer validation and scoring. The resident page should import './resident' and
// './perception' directly so its bundle does not carry the institutional questionnaire.
export * from './i18n';
export * from './taxonomy';
export type {
  Answers,
  Choice,
  ChoiceValue,
  LocText,
  Panel,
  Question,
  QuestionType,
  SurveyDefinition,
  SurveyElement,
  SurveyPage,
} from './definition';
export { choice, choicesFrom } from './definition';
export { listQuestions, findQuestion, withChoices, type QuestionEntry } from './walk';

export {
  residentSurvey,
  residentSurveyVersion,
  residentTextMaxLength,
  residentAnswersToSignal,
  residentSignalFieldsSchema,
  type ResidentAnswers,
  type ResidentSignalFields,
  type AgeBand,
  type Gender,
  type Relation,
} from './resident';
export {
  perceptionSurvey,
  perceptionSurveyVersion,
  perceptionSchema,
  perceivedUnsafe,
  safeAfterDarkOptions,
  avoidsEveningOptions,
  incivilityItems,
  incivilityFrequencies,
  type Perception,
  type SafeAfterDark,
  type AvoidsEvening,
  type IncivilityItem,
  type IncivilityFrequency,
} from './perception';
export { institutionSurvey, institutionSurveyVersion, institutionScoring, withZones, type Zone } from './institution';
export { problemRows, problemIds, institutionalProblems } from './institution/problems';
export { cooperationActorRows } from './institution/cooperation';
export { policyAreas } from './institution/policies';
export { pactPriorities } from './institution/expectations';

export {
  dimensions,
  dimensionIds,
  scoreResponse,
  scoreItems,
  pointsOf,
  answerAt,
  type DimensionId,
  type DimensionScores,
  type ItemScore,
  type ScoreItem,
  type ScoringMap,
  type ValueScale,
} from './scoring';
export {
  validateAnswers,
  isEmptyAnswer,
  type AnswerError,
  type ValidationMode,
  type ValidationResult,
} from './validate';
export { defaultCommentMaxLength, defaultTextMaxLength } from './check-value';
export { evaluateCondition, questionState, clearHiddenAnswers, type QuestionState } from './conditions';
export { estimateMinutes } from './estimate';
