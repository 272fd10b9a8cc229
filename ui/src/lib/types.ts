// Types of the IPC.
//
// Transport types are generated from Rust (ts-rs) into ./bindings/ by the
// shell; this file re-exports them and adds UI-only aliases. Never redeclare
// a backend type here.

import type { LangDto } from "./bindings/LangDto";
import type { LabelsDto } from "./bindings/LabelsDto";
import type { ErrorCode } from "./bindings/ErrorCode";
import type { Field } from "./bindings/Field";
import type { FieldError } from "./bindings/FieldError";
import type { Problem } from "./bindings/Problem";
import type { IpcError } from "./bindings/IpcError";
import type { DemoVaultDto } from "./bindings/DemoVaultDto";
import type { AppInfo } from "./bindings/AppInfo";
import type { VaultInfo } from "./bindings/VaultInfo";
import type { VaultStatus } from "./bindings/VaultStatus";
import type { LockReason } from "./bindings/LockReason";
import type { VaultLockedEvent } from "./bindings/VaultLockedEvent";
import type { OrgDto } from "./bindings/OrgDto";
import type { SettingsDto } from "./bindings/SettingsDto";
import type { CategoryDto } from "./bindings/CategoryDto";
import type { GroupDto } from "./bindings/GroupDto";
import type { TermDto } from "./bindings/TermDto";
import type { RegionKindDto } from "./bindings/RegionKindDto";
import type { RegionDto } from "./bindings/RegionDto";
import type { TaxonomyDto } from "./bindings/TaxonomyDto";
import type { CaseKindDto } from "./bindings/CaseKindDto";
import type { CaseStatusDto } from "./bindings/CaseStatusDto";
import type { ProceedingBranchDto } from "./bindings/ProceedingBranchDto";
import type { ProceedingStageDto } from "./bindings/ProceedingStageDto";
import type { SortOrderDto } from "./bindings/SortOrderDto";
import type { CaseFilterDto } from "./bindings/CaseFilterDto";
import type { CaseRowDto } from "./bindings/CaseRowDto";
import type { CasePageDto } from "./bindings/CasePageDto";
import type { ProceedingDto } from "./bindings/ProceedingDto";
import type { CaseInputDto } from "./bindings/CaseInputDto";
import type { TimestampDto } from "./bindings/TimestampDto";
import type { DevelopmentInputDto } from "./bindings/DevelopmentInputDto";
import type { TranslationDto } from "./bindings/TranslationDto";
import type { DevelopmentDto } from "./bindings/DevelopmentDto";
import type { CaseDto } from "./bindings/CaseDto";
import type { CategoryCountDto } from "./bindings/CategoryCountDto";
import type { GroupCountDto } from "./bindings/GroupCountDto";
import type { MonthCountsDto } from "./bindings/MonthCountsDto";
import type { ChangeDto } from "./bindings/ChangeDto";
import type { SeriesPointDto } from "./bindings/SeriesPointDto";
import type { CategorySeriesDto } from "./bindings/CategorySeriesDto";
import type { GroupSeriesDto } from "./bindings/GroupSeriesDto";
import type { GroupYearToDateDto } from "./bindings/GroupYearToDateDto";
import type { YearToDateDto } from "./bindings/YearToDateDto";
import type { CodeCountDto } from "./bindings/CodeCountDto";
import type { BreakdownDto } from "./bindings/BreakdownDto";
import type { StateRollupDto } from "./bindings/StateRollupDto";
import type { MonthSummaryDto } from "./bindings/MonthSummaryDto";
import type { LangTextsDto } from "./bindings/LangTextsDto";
import type { SectionKindDto } from "./bindings/SectionKindDto";
import type { EntryRefDto } from "./bindings/EntryRefDto";
import type { DraftEntryDto } from "./bindings/DraftEntryDto";
import type { DraftSectionDto } from "./bindings/DraftSectionDto";
import type { OverviewDraftDto } from "./bindings/OverviewDraftDto";
import type { CountLineDto } from "./bindings/CountLineDto";
import type { ChartBarDto } from "./bindings/ChartBarDto";
import type { ChartDto } from "./bindings/ChartDto";
import type { ReportEntryDto } from "./bindings/ReportEntryDto";
import type { ReportSectionDto } from "./bindings/ReportSectionDto";
import type { ReportModelDto } from "./bindings/ReportModelDto";
import type { RedactionStyleDto } from "./bindings/RedactionStyleDto";
import type { NamePlaceDto } from "./bindings/NamePlaceDto";
import type { NameCandidateDto } from "./bindings/NameCandidateDto";
import type { EditionDto } from "./bindings/EditionDto";
import type { ExportFormatDto } from "./bindings/ExportFormatDto";
import type { AttachmentDto } from "./bindings/AttachmentDto";
import type { ExtractedDto } from "./bindings/ExtractedDto";
import type { FieldChangeDto } from "./bindings/FieldChangeDto";
import type { HistoryActionDto } from "./bindings/HistoryActionDto";
import type { IdentityDto } from "./bindings/IdentityDto";
import type { PeerDto } from "./bindings/PeerDto";
import type { PeerRoleDto } from "./bindings/PeerRoleDto";
import type { BundleExportDto } from "./bindings/BundleExportDto";
import type { BundleReportDto } from "./bindings/BundleReportDto";
import type { BundleChangeDto } from "./bindings/BundleChangeDto";
import type { OutcomeDto } from "./bindings/OutcomeDto";
import type { HeldDto } from "./bindings/HeldDto";
import type { HeldReasonDto } from "./bindings/HeldReasonDto";
import type { ResolutionDto } from "./bindings/ResolutionDto";
import type { DuplicateDto } from "./bindings/DuplicateDto";
import type { DuplicateReasonDto } from "./bindings/DuplicateReasonDto";
import type { LinkKindDto } from "./bindings/LinkKindDto";
import type { HistoryEntityDto } from "./bindings/HistoryEntityDto";
import type { HistoryEntryDto } from "./bindings/HistoryEntryDto";
import type { TrashedCaseDto } from "./bindings/TrashedCaseDto";
import type { ChainBreakDto } from "./bindings/ChainBreakDto";
import type { AttachmentProblemDto } from "./bindings/AttachmentProblemDto";
import type { VerifyDto } from "./bindings/VerifyDto";
import type { YearCountsDto } from "./bindings/YearCountsDto";
import type { AnnualSummaryDto } from "./bindings/AnnualSummaryDto";
import type { PlatformClassDto } from "./bindings/PlatformClassDto";
import type { PlatformCountDto } from "./bindings/PlatformCountDto";
import type { PlatformSplitRowDto } from "./bindings/PlatformSplitRowDto";

export type {
  LangDto,
  LabelsDto,
  ErrorCode,
  Field,
  FieldError,
  Problem,
  IpcError,
  DemoVaultDto,
  AppInfo,
  VaultInfo,
  VaultStatus,
  LockReason,
  VaultLockedEvent,
  OrgDto,
  SettingsDto,
  CategoryDto,
  GroupDto,
  TermDto,
  RegionKindDto,
  RegionDto,
  TaxonomyDto,
  CaseKindDto,
  CaseStatusDto,
  ProceedingBranchDto,
  ProceedingStageDto,
  SortOrderDto,
  CaseFilterDto,
  CaseRowDto,
  CasePageDto,
  ProceedingDto,
  CaseInputDto,
  TimestampDto,
  DevelopmentInputDto,
  TranslationDto,
  DevelopmentDto,
  CaseDto,
  CategoryCountDto,
  GroupCountDto,
  MonthCountsDto,
  ChangeDto,
  SeriesPointDto,
  CategorySeriesDto,
  GroupSeriesDto,
  GroupYearToDateDto,
  YearToDateDto,
  CodeCountDto,
  BreakdownDto,
  StateRollupDto,
  MonthSummaryDto,
  LangTextsDto,
  SectionKindDto,
  EntryRefDto,
  DraftEntryDto,
  DraftSectionDto,
  OverviewDraftDto,
  CountLineDto,
  ChartBarDto,
  ChartDto,
  ReportEntryDto,
  ReportSectionDto,
  ReportModelDto,
  RedactionStyleDto,
  NamePlaceDto,
  NameCandidateDto,
  EditionDto,
  ExportFormatDto,
  AttachmentDto,
  ExtractedDto,
  FieldChangeDto,
  HistoryActionDto,
  HistoryEntityDto,
  HistoryEntryDto,
  TrashedCaseDto,
  ChainBreakDto,
  AttachmentProblemDto,
  VerifyDto,
  IdentityDto,
  PeerDto,
  PeerRoleDto,
  BundleExportDto,
  BundleReportDto,
  BundleChangeDto,
  OutcomeDto,
  HeldDto,
  HeldReasonDto,
  ResolutionDto,
  DuplicateDto,
  DuplicateReasonDto,
  LinkKindDto,
  YearCountsDto,
  AnnualSummaryDto,
  PlatformClassDto,
  PlatformCountDto,
  PlatformSplitRowDto,
};

// ---- UI-only aliases ----
export type Lang = LangDto;
export type Labels = LabelsDto;
export type IpcErrorCode = ErrorCode;
export type CaseKind = CaseKindDto;
export type CaseStatus = CaseStatusDto;
export type ProceedingBranch = ProceedingBranchDto;
export const LANGS: Lang[] = ["kk", "ru", "en"];
