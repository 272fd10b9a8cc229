// Types of the IPC contract (APP-CONTRACT.md).
//
// PROVISIONAL: shaped after the contract until the shell's generated ts-rs
// bindings land in ./bindings/; then this file only re-exports those and
// adds UI-only types (never a redeclared backend type).

export type LangDto = "kk" | "ru" | "en";
export type LabelsDto = { kk: string; ru: string; en: string };
export type ErrorCode =
  | "Locked" | "WrongPassphrase" | "NotAVault" | "InUse" | "AlreadyExists" | "Missing"
  | "Validation" | "NotFound" | "NoDialog" | "TooNew" | "Internal";
export type FieldErrorDto = { field: string; message: string };
export type IpcError = { code: ErrorCode; message: string; fields?: Array<FieldErrorDto> };
export type DemoVaultDto = { path: string; passphrase: string };
export type AppInfo = { version: string; defaultVaultPath: string; recentVaults: Array<string>; demo: DemoVaultDto | null };
export type VaultInfo = { path: string; uiLang: LangDto; autoLockMinutes: number };
export type VaultStatus = { unlocked: boolean; path: string | null; autoLockMinutes: number };
export type LockReason = "idle" | "user";
export type VaultLockedEvent = { reason: LockReason };
export type OrgDto = {
  name: LabelsDto; shortName: LabelsDto; monitoringHead: LabelsDto; headEmail: string; contactEmail: string;
};
export type SettingsDto = { org: OrgDto; uiLang: LangDto; autoLockMinutes: number };
export type CategoryDto = {
  code: string; label: LabelsDto; retired: boolean; isOther: boolean; legalReference: string | null; note: string | null;
};
export type GroupDto = { code: string; counted: boolean; label: LabelsDto; categories: Array<CategoryDto> };
export type TermDto = { code: string; label: LabelsDto; references: Array<string> };
export type RegionKindDto = "city" | "region" | "other";
export type RegionDto = { code: string; kind: RegionKindDto; label: LabelsDto };
export type TaxonomyDto = {
  version: number; groups: Array<GroupDto>; regions: Array<RegionDto>; victimTypes: Array<TermDto>;
  perpetratorTypes: Array<TermDto>; legalBases: Array<TermDto>;
};
export type CaseKindDto = "case" | "context";
export type CaseStatusDto = "open" | "closed";
export type ProceedingBranchDto = "criminal" | "civil" | "administrative";
export type ProceedingStageDto = "pretrial" | "court";
export type SortOrderDto = "dateDesc" | "dateAsc";
export type CaseFilterDto = {
  from?: string | null; to?: string | null; groups?: Array<string>; categories?: Array<string>;
  regions?: Array<string>; victimTypes?: Array<string>; perpetratorTypes?: Array<string>;
  status?: CaseStatusDto | null; kind?: CaseKindDto | null; text?: string | null; sort?: SortOrderDto | null;
};
export type CaseRowDto = {
  id: string; ref: string | null; kind: CaseKindDto; eventDate: string; category: string; region: string | null;
  title: string; victimName: string; outlet: string; status: CaseStatusDto;
};
export type CasePageDto = { rows: Array<CaseRowDto>; total: number };
export type ProceedingDto = {
  branch: ProceedingBranchDto; stage: ProceedingStageDto | null; court: string;
  amountClaimedKzt: number | null; fineKzt: number | null; outcome: string;
};
export type CaseInputDto = {
  ref: string | null; kind: CaseKindDto; eventDate: string; region: string | null; category: string;
  tags: Array<string>; title: string; summary: string; victimType: string | null; victimName: string;
  outlet: string; perpetratorType: string | null; legalBasis: string | null; proceeding: ProceedingDto | null;
  sources: Array<string>; status: CaseStatusDto; confidential: boolean; language: LangDto | null;
};
export type TimestampDto = { utc: string; local: string };
export type DevelopmentInputDto = {
  ref: string | null; eventDate: string; title: string; summary: string; sources: Array<string>; language: LangDto | null;
};
export type DevelopmentDto = {
  id: string; caseId: string; data: DevelopmentInputDto; createdAt: TimestampDto; updatedAt: TimestampDto;
};
export type CaseDto = {
  id: string; data: CaseInputDto; createdAt: TimestampDto; updatedAt: TimestampDto; developments: Array<DevelopmentDto>;
};
export type CategoryCountDto = { code: string; count: number };
export type GroupCountDto = {
  code: string; count: number; sharePercent: number; categories: Array<CategoryCountDto>; others: number;
};
export type MonthCountsDto = { month: string; total: number; groups: Array<GroupCountDto> };
export type ChangeDto =
  | { kind: "same" } | { kind: "fromZero" } | { kind: "times"; whole: number; tenth: number }
  | { kind: "morePercent"; percent: number } | { kind: "lessPercent"; percent: number };
export type SeriesPointDto = { year: number; throughMonth: number; count: number };
export type CategorySeriesDto = { code: string; points: Array<SeriesPointDto> };
export type GroupSeriesDto = { code: string; points: Array<SeriesPointDto>; categories: Array<CategorySeriesDto> };
export type GroupYearToDateDto = { code: string; count: number; previousYearCount: number };
export type YearToDateDto = {
  from: string; to: string; total: number; previousYearTotal: number; groups: Array<GroupYearToDateDto>;
};
export type CodeCountDto = { code: string; count: number };
export type BreakdownDto = { counts: Array<CodeCountDto>; unspecified: number };
export type StateRollupDto = { state: number; nonState: number; unspecified: number };
export type MonthSummaryDto = {
  counts: MonthCountsDto; previousMonth: MonthCountsDto; previousYearSameMonth: MonthCountsDto;
  changeFromPreviousMonth: ChangeDto; changeFromPreviousYear: ChangeDto; yearToDate: YearToDateDto;
  series: Array<GroupSeriesDto>; byRegion: BreakdownDto; byVictimType: BreakdownDto;
  byPerpetratorType: BreakdownDto; stateVsNonState: StateRollupDto; claimsByLegalBasis: BreakdownDto;
};

// ---- overview: provisional (shaped after kuzet_core::overview, camelCase) ----
export type LangTextsDto = { kk?: string | null; ru?: string | null; en?: string | null };
export type SectionKindDto =
  | { kind: "context" } | { kind: "group"; code: string } | { kind: "developments" } | { kind: "custom" };
export type EntryRefDto = { type: "case" | "development"; id: string };
export type DraftEntryDto = { item: EntryRefDto; title: LangTextsDto; text: LangTextsDto };
export type DraftSectionDto = { kind: SectionKindDto; title: LangTextsDto; note: LangTextsDto; entries: Array<DraftEntryDto> };
export type OverviewDraftDto = {
  month: string; publicationDate: string; title: LangTextsDto; intro: LangTextsDto; sections: Array<DraftSectionDto>;
};
export type CountLineDto = { text: string; including: Array<string>; bullets: Array<string> };
export type ChartBarDto = { label: string; current: number; earlier: number };
export type ChartDto = { title: string; currentLabel: string; earlierLabel: string; bars: Array<ChartBarDto> };
export type ReportEntryDto = { date: string; title: string; text: string; details: Array<string> };
export type ReportSectionDto = { title: string; note: string; entries: Array<ReportEntryDto> };
export type ReportModelDto = {
  lang: LangDto; month: string; orgNames: Array<string>; title: string; publicationDate: string; intro: string;
  countsHeading: string; countLines: Array<CountLineDto>; trend: Array<string>; seriesHeading: string;
  series: Array<string>; breakdownsHeading: string; breakdowns: Array<string>; chart: ChartDto;
  sections: Array<ReportSectionDto>; footer: Array<string>; author: string;
};

// ---- UI-only aliases ----
export type Lang = LangDto;
export type Labels = LabelsDto;
export type IpcErrorCode = ErrorCode;
export type CaseKind = CaseKindDto;
export type CaseStatus = CaseStatusDto;
export type ProceedingBranch = ProceedingBranchDto;
export const LANGS: Lang[] = ["kk", "ru", "en"];
