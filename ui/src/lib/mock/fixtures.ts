// The answers the real commands gave, for the mock backend and the tests.
//
// `fixtures.json` is written by the Rust test `tests/app/fixtures.rs`: it
// opens the demo vault (the May 2024 fixture, built from the published
// overview) through the shell and records what the commands answered.
// Regenerate it with
//
//     KUZET_WRITE_BINDINGS=1 cargo test -p kuzet-app --test app
//
// (the same test fails when the committed file drifts from the commands).
// Never edit it by hand: the mock has no rules of its own, it only replays.

import json from "./fixtures.json";
import type {
  CaseDto, IpcError, Lang, MonthSummaryDto, NameCandidateDto, OverviewDraftDto, ReportModelDto, SettingsDto, TaxonomyDto,
} from "../types";
import type { AnnualSummaryDto } from "../bindings/AnnualSummaryDto";
import type { PlatformSplitRowDto } from "../bindings/PlatformSplitRowDto";
import type { ImportCheckDto } from "../bindings/ImportCheckDto";
import type { ImportSummaryDto } from "../bindings/ImportSummaryDto";

/** The refusals recorded (each the IpcError the shell answered). */
export type FixtureError =
  | "caseTitleRequired" | "caseBadDate" | "caseUnknownCategory" | "caseKindMismatch" | "caseTitleTooLong"
  | "caseNegativeAmount" | "developmentTitleRequired" | "draftUntitledSection" | "draftEntryTwice" | "monthInvalid"
  | "wrongPassphrase" | "yearInvalid";

export interface Fixtures {
  /** The demo vault's passphrase. */
  passphrase: string;
  /** A month without any record: its summary answers for every month not recorded. */
  emptyMonth: string;
  taxonomy: TaxonomyDto;
  settings: SettingsDto;
  /** Every case of the demo vault (`case_get`), by date then reference; ids `00000000-0000-4000-8000-<n>`. */
  cases: CaseDto[];
  /** `summary_month` of every month with a case or development, and of `emptyMonth`. */
  summaries: Record<string, MonthSummaryDto>;
  /** `overview_draft_get` of those months (saved once with publicationDate 2024-06-05). */
  drafts: Record<string, OverviewDraftDto>;
  /** `overview_preview` of those months in each language. */
  previews: Record<string, Record<Lang, ReportModelDto>>;
  /** `overview_name_check` of those months in each language. */
  nameChecks: Record<string, Record<Lang, NameCandidateDto[]>>;
  errors: Record<FixtureError, IpcError>;
  /** A case created in 2024-05 after May's draft was saved, and `overview_draft_get` then. */
  draftAfterNewCase: { case: CaseDto; draft: OverviewDraftDto };
  /** `annual_summary` of every year with a case or development (keys "2023", "2024"). */
  annual: Record<string, AnnualSummaryDto>;
  /** `platform_split_get` (the default split). */
  platformSplit: PlatformSplitRowDto[];
  /** `case_print_check` (en) of the cases whose public print lists a name. */
  casePrintChecks: { caseId: string; names: NameCandidateDto[] }[];
  /** Names and titles in the order the core sorts them for people (`kuzet_core::text::sort_names`). */
  collation: string[];
  /** `cases_import_check` of a CSV with two problems, `cases_import`'s refusal of it, the check of the
   * corrected file and `cases_import` of that. */
  import: { withProblems: ImportCheckDto; refused: IpcError; clean: ImportCheckDto; done: ImportSummaryDto };
}

/** Read only: take a `structuredClone` before changing anything. */
export const fixtures = json as unknown as Fixtures;
