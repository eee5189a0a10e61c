// The subset of the SurveyJS JSON schema that Osservatorio's questionnaires use, typed so that a
// misspelt property or an unsupported question type fails the typecheck. The validator and the
// scoring read exactly these shapes; the web app passes the same objects to `new Model(json)`.
//
// Locales: every user-facing string is a `Label` ({ it, en }). SurveyJS treats the `default` key as
// its own default locale ("en"), so `survey.locale = 'en'` would be coerced to "" and show the
// `default` text; with explicit `it`/`en` keys and `locale: 'it'` on the survey, Italian is shown
// first and `survey.locale = 'en'` switches to English, whatever `surveyLocalization.defaultLocale`.
import type { Label } from './i18n';
import type { Option } from './taxonomy';

export type LocText = Label;
export type ChoiceValue = string | number;

export type Choice = {
  value: ChoiceValue;
  text: LocText;
  visibleIf?: string;
  enableIf?: string;
  /** Checkbox only: selecting it clears the others (e.g. "none"). */
  isExclusive?: boolean;
};

type QuestionCommon = {
  name: string;
  title: LocText;
  description?: LocText;
  isRequired?: boolean;
  requiredIf?: string;
  visibleIf?: string;
  enableIf?: string;
  startWithNewLine?: boolean;
};

export type CheckboxQuestion = QuestionCommon & {
  type: 'checkbox' | 'tagbox';
  choices: Choice[];
  colCount?: number;
  minSelectedChoices?: number;
  maxSelectedChoices?: number;
  hideIfChoicesEmpty?: boolean;
  placeholder?: LocText;
};

export type SingleChoiceQuestion = QuestionCommon & {
  type: 'radiogroup' | 'dropdown';
  choices: Choice[];
  colCount?: number;
  placeholder?: LocText;
};

export type RatingQuestion = QuestionCommon & {
  type: 'rating';
  rateMin?: number;
  rateMax?: number;
  rateStep?: number;
  minRateDescription?: LocText;
  maxRateDescription?: LocText;
  displayRateDescriptionsAsExtremeItems?: boolean;
};

export type TextQuestion = QuestionCommon & {
  type: 'text';
  inputType?: 'text' | 'number';
  min?: number;
  max?: number;
  maxLength?: number;
  placeholder?: LocText;
};

export type CommentQuestion = QuestionCommon & {
  type: 'comment';
  maxLength?: number;
  rows?: number;
  autoGrow?: boolean;
  placeholder?: LocText;
};

export type BooleanQuestion = QuestionCommon & {
  type: 'boolean';
  labelTrue?: LocText;
  labelFalse?: LocText;
};

export type RankingQuestion = QuestionCommon & {
  type: 'ranking';
  choices: Choice[];
  /** When true the respondent picks a subset and ranks it; otherwise the answer ranks every choice. */
  selectToRankEnabled?: boolean;
  minSelectedChoices?: number;
  maxSelectedChoices?: number;
  selectToRankEmptyRankedAreaText?: LocText;
  selectToRankEmptyUnrankedAreaText?: LocText;
};

/** Single-select grid: answer `{ [row]: column }`. */
export type MatrixQuestion = QuestionCommon & {
  type: 'matrix';
  rows: Choice[];
  columns: Choice[];
  eachRowRequired?: boolean;
  alternateRows?: boolean;
};

export type MatrixDropdownColumn = {
  name: string;
  title: LocText;
  cellType: 'dropdown' | 'radiogroup';
  choices: Choice[];
  /** Every row must answer this column. */
  isRequired?: boolean;
  minWidth?: string;
};

/** Rows × typed columns: answer `{ [row]: { [column]: value } }`. */
export type MatrixDropdownQuestion = QuestionCommon & {
  type: 'matrixdropdown';
  rows: Choice[];
  columns: MatrixDropdownColumn[];
  alternateRows?: boolean;
  rowTitleWidth?: string;
};

export type Question =
  | CheckboxQuestion
  | SingleChoiceQuestion
  | RatingQuestion
  | TextQuestion
  | CommentQuestion
  | BooleanQuestion
  | RankingQuestion
  | MatrixQuestion
  | MatrixDropdownQuestion;

export type QuestionType = Question['type'];

export type Panel = {
  type: 'panel';
  name: string;
  title?: LocText;
  description?: LocText;
  visibleIf?: string;
  enableIf?: string;
  state?: 'default' | 'collapsed' | 'expanded';
  elements: SurveyElement[];
};

export type SurveyElement = Question | Panel;

export type SurveyPage = {
  name: string;
  title: LocText;
  description?: LocText;
  navigationTitle?: LocText;
  visibleIf?: string;
  enableIf?: string;
  elements: SurveyElement[];
};

export type SurveyDefinition = {
  locale: 'it';
  title: LocText;
  description?: LocText;
  pages: SurveyPage[];
  showQuestionNumbers?: 'on' | 'onPage' | 'off';
  showProgressBar?: boolean;
  progressBarType?: 'pages' | 'questions' | 'requiredQuestions';
  progressBarShowPageTitles?: boolean;
  questionErrorLocation?: 'top' | 'bottom';
  pageNextText?: LocText;
  pagePrevText?: LocText;
  completeText?: LocText;
  completedHtml?: LocText;
  showCompletePage?: boolean;
};

/** The SurveyJS data object: question name → value. */
export type Answers = Record<string, unknown>;

export function choice(value: ChoiceValue, it: string, en: string): Choice {
  return { value, text: { it, en } };
}

/** Choices from a taxonomy list: the taxonomy id is the stored value, its label the text. */
export function choicesFrom(options: readonly Option[]): Choice[] {
  return options.map((o) => ({ value: o.id, text: { it: o.label.it, en: o.label.en } }));
}

/** The navigation captions every questionnaire shares. */
export const navigationTexts = {
  pageNextText: { it: 'Avanti', en: 'Next' },
  pagePrevText: { it: 'Indietro', en: 'Back' },
  completeText: { it: 'Invia', en: 'Submit' },
} satisfies Partial<SurveyDefinition>;
