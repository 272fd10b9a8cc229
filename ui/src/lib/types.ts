// Types of the IPC contract (APP-CONTRACT.md).
//
// PROVISIONAL: shaped after the contract until the shell's generated ts-rs
// bindings land in ./bindings/; then this file only re-exports those and
// adds UI-only types (never a redeclared backend type).

export type Lang = "kk" | "ru" | "en";
export const LANGS: Lang[] = ["kk", "ru", "en"];

/** A text in the three languages. */
export interface Labels {
  kk: string;
  ru: string;
  en: string;
}

export type IpcErrorCode =
  | "Locked"
  | "WrongPassphrase"
  | "NotAVault"
  | "InUse"
  | "AlreadyExists"
  | "Missing"
  | "Validation"
  | "NotFound"
  | "NoDialog"
  | "TooNew"
  | "Internal";

export interface FieldErrorDto {
  field: string;
  message: string;
}

export interface IpcError {
  code: IpcErrorCode;
  message: string;
  fields?: FieldErrorDto[] | null;
}

export interface DemoVault {
  path: string;
  passphrase: string;
}

export interface AppInfo {
  version: string;
  defaultVaultPath: string;
  recentVaults: string[];
  demo: DemoVault | null;
}

export interface VaultInfo {
  path: string;
  uiLang: Lang | null;
  autoLockMinutes: number;
}

export interface VaultStatus {
  unlocked: boolean;
  path: string | null;
  autoLockMinutes: number;
}

export interface CategoryDto {
  code: string;
  label: Labels;
  retired: boolean;
  isOther: boolean;
}

export interface GroupDto {
  code: string;
  counted: boolean;
  label: Labels;
  categories: CategoryDto[];
}

export interface TermDto {
  code: string;
  label: Labels;
}

export interface TaxonomyDto {
  groups: GroupDto[];
  regions: TermDto[];
  victimTypes: TermDto[];
  perpetratorTypes: TermDto[];
  legalBases: TermDto[];
}

export type CaseKind = "case" | "context";
export type CaseStatus = "open" | "closed";
export type ProceedingBranch = "criminal" | "civil" | "administrative";
export type ProceedingStage = "pretrial" | "court";

export interface CaseFilterDto {
  /** Inclusive, "YYYY-MM-DD". */
  dateFrom?: string | null;
  /** Inclusive, "YYYY-MM-DD". */
  dateTo?: string | null;
  group?: string | null;
  category?: string | null;
  region?: string | null;
  victimType?: string | null;
  perpetratorType?: string | null;
  status?: CaseStatus | null;
  kind?: CaseKind | null;
  text?: string | null;
  /** "asc" | "desc" by event date. */
  sort?: "asc" | "desc" | null;
}

export interface CaseRowDto {
  id: string;
  ref: string | null;
  kind: CaseKind;
  eventDate: string;
  category: string;
  region: string | null;
  title: string;
  victimName: string;
  outlet: string;
  status: CaseStatus;
}

export interface CasePageDto {
  rows: CaseRowDto[];
  total: number;
}

export interface ProceedingDto {
  branch: ProceedingBranch;
  stage: ProceedingStage | null;
  court: string;
  amountClaimedKzt: number | null;
  fineKzt: number | null;
  outcome: string;
}

export interface CaseInputDto {
  externalRef: string | null;
  kind: CaseKind;
  eventDate: string;
  region: string | null;
  category: string;
  tags: string[];
  title: string;
  summary: string;
  victimType: string | null;
  victimName: string;
  outlet: string;
  perpetratorType: string | null;
  legalBasis: string | null;
  proceeding: ProceedingDto | null;
  sources: string[];
  status: CaseStatus;
  confidential: boolean;
  language: Lang | null;
}

export interface DevelopmentInputDto {
  externalRef: string | null;
  eventDate: string;
  title: string;
  summary: string;
  sources: string[];
  language: Lang | null;
}

export interface DevelopmentDto extends DevelopmentInputDto {
  id: string;
  caseId: string;
  createdAt: string;
  updatedAt: string;
}

export interface CaseDto extends CaseInputDto {
  id: string;
  createdAt: string;
  updatedAt: string;
  developments: DevelopmentDto[];
}

export interface CountDto {
  code: string;
  count: number;
  previousMonth: number;
  sameMonthLastYear: number;
  yearToDate: number;
}

export interface GroupCountDto extends CountDto {
  categories: CountDto[];
}

export interface MonthSummaryDto {
  month: string;
  total: number;
  groups: GroupCountDto[];
  regions: { code: string; count: number }[];
}

export interface OverviewEntryDto {
  /** The case or development the entry shows. */
  caseId: string;
  developmentId: string | null;
  eventDate: string;
  /** Texts per language; blank falls back to the case's own text. */
  text: Labels;
}

export interface OverviewSectionDto {
  code: string;
  title: Labels;
  entries: OverviewEntryDto[];
}

export interface OverviewDraftDto {
  month: string;
  intro: Labels;
  sections: OverviewSectionDto[];
}

export interface ReportBlockDto {
  kind: "heading" | "paragraph" | "bullet" | "entry";
  /** Bold lead, e.g. "May 3." for entries. */
  lead?: string | null;
  text: string;
}

export interface ReportModelDto {
  lang: Lang;
  title: string;
  subtitle: string;
  orgNames: string[];
  blocks: ReportBlockDto[];
}

export interface OrgDto {
  name: Labels;
  head: Labels;
  emails: string[];
  phone: string;
  address: Labels;
  website: string;
}

export interface SettingsDto {
  org: OrgDto;
  uiLang: Lang | null;
  autoLockMinutes: number;
}

export interface VaultLockedEvent {
  reason: "idle" | "user";
}
