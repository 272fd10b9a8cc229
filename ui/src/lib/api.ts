// The ONLY module of the UI that imports @tauri-apps/api. `call` is the
// typed client: a command's name, arguments and result come from the
// generated bindings (commands.ts from src-tauri/src/commands/list.rs;
// signatures.ts from each `#[tauri::command]` function's Rust signature), so
// a misspelt command, a missing argument or a misread result fails
// `npm run check`. The named functions below are thin wrappers for the
// screens. Every call rejects with an `IpcError` ({ code, message,
// fields? }); the UI branches on `code` (and a field error's problem
// `kind`), never on `message`.

import { invoke } from "@tauri-apps/api/core";
import { listen, type UnlistenFn } from "@tauri-apps/api/event";
import { getCurrentWebview } from "@tauri-apps/api/webview";
import type {
  AppInfo,
  AttachmentDto,
  BundleExportDto,
  BundleReportDto,
  DuplicateDto,
  HeldDto,
  IdentityDto,
  LinkKindDto,
  PeerDto,
  PeerRoleDto,
  PlatformClassDto,
  ResolutionDto,
  ExtractedDto,
  HistoryEntryDto,
  TrashedCaseDto,
  VerifyDto,
  CaseDto,
  CaseFilterDto,
  CaseInputDto,
  CasePageDto,
  DevelopmentDto,
  DevelopmentInputDto,
  EditionDto,
  EntryRefDto,
  ExportFormatDto,
  IpcError,
  IpcErrorCode,
  Labels,
  MonthSummaryDto,
  NameCandidateDto,
  OverviewDraftDto,
  ReportModelDto,
  SettingsDto,
  TaxonomyDto,
  VaultInfo,
  VaultLockedEvent,
  VaultStatus,
  Lang,
} from "./types";
import { ERROR_CODES, type CommandName } from "./bindings/commands";
import type { CommandArgs, CommandResults } from "./bindings/signatures";

/** The shell's error codes, generated from Rust's `ErrorCode`. */
const CODES: readonly IpcErrorCode[] = ERROR_CODES;

/** Turns whatever a rejected invoke carried into an IpcError. */
export function toIpcError(e: unknown): IpcError {
  if (e && typeof e === "object" && "code" in e) {
    const o = e as { code: unknown; message?: unknown; fields?: unknown };
    const code = CODES.includes(o.code as IpcErrorCode) ? (o.code as IpcErrorCode) : "Internal";
    return {
      code,
      message: typeof o.message === "string" ? o.message : String(o.code),
      fields: Array.isArray(o.fields) ? (o.fields as IpcError["fields"]) : undefined,
    };
  }
  return { code: "Internal", message: e instanceof Error ? e.message : String(e) };
}

/** True if `e` is an IpcError with the given code. */
export function isCode(e: unknown, code: IpcErrorCode): boolean {
  return !!e && typeof e === "object" && (e as IpcError).code === code;
}

/** A command's arguments as a rest parameter: none for commands that take none. */
type ArgsOf<K extends CommandName> = Record<string, never> extends CommandArgs[K] ? [] : [args: CommandArgs[K]];

/** Calls a command with the arguments and result its Rust function declares (bindings/signatures.ts). */
export async function call<K extends CommandName>(cmd: K, ...args: ArgsOf<K>): Promise<CommandResults[K]> {
  try {
    return await invoke<CommandResults[K]>(cmd, args[0]);
  } catch (e) {
    throw toIpcError(e);
  }
}

// ---- app & vault ----
export const appInfo = () => call("app_info");
export const vaultCreate = (path: string, passphrase: string) =>
  call("vault_create", { path, passphrase });
export const vaultOpen = (path: string, passphrase: string) =>
  call("vault_open", { path, passphrase });
export const vaultLock = () => call("vault_lock");
export const vaultStatus = () => call("vault_status");
export const pickOpenPath = () => call("pick_open_path");
export const pickSavePath = (defaultName: string, extension: string) =>
  call("pick_save_path", { defaultName, extension });

let lastActivity = 0;
/** Tells the shell the user is active (throttled to one call per 30 s). */
export function activity(now: number = performance.now()): void {
  if (now - lastActivity < 30_000 && lastActivity !== 0) return;
  lastActivity = now;
  call("activity").catch(() => {});
}

// ---- taxonomy ----
export const taxonomyGet = () => call("taxonomy_get");
export const taxonomyAddCategory = (group: string, code: string, label: Labels) =>
  call("taxonomy_add_category", { group, code, label });
export const taxonomyRelabel = (code: string, label: Labels) =>
  call("taxonomy_relabel", { code, label });
export const taxonomySetRetired = (code: string, retired: boolean) =>
  call("taxonomy_set_retired", { code, retired });

// ---- cases ----
export const casesFind = (filter: CaseFilterDto, offset: number, limit: number) =>
  call("cases_find", { filter, offset, limit });
export const caseGet = (id: string) => call("case_get", { id });
export const caseCreate = (data: CaseInputDto) => call("case_create", { data });
export const caseUpdate = (id: string, data: CaseInputDto) =>
  call("case_update", { id, data });
/** Moves the case to the trash. */
export const caseDelete = (id: string) => call("case_delete", { id });
export const developmentCreate = (caseId: string, data: DevelopmentInputDto) =>
  call("development_create", { caseId, data });
export const developmentUpdate = (id: string, data: DevelopmentInputDto) =>
  call("development_update", { id, data });
export const developmentDelete = (id: string) => call("development_delete", { id });

// ---- evidence (attachments) ----
/** The native multi-file dialog; [] when cancelled. */
export const pickAttachmentPaths = () => call("pick_attachment_paths");
/** Adds files to a case, in order; all or none. */
export const attachmentAdd = (caseId: string, paths: string[]) =>
  call("attachment_add", { caseId, paths });
export const attachmentsList = (caseId: string) => call("attachments_list", { caseId });
/** A `data:image/png;base64,…` thumbnail (≤ 160 px), null when not an image. */
export const attachmentThumbnail = (id: string) => call("attachment_thumbnail", { id });
/** Writes a copy, verifying its SHA-256 (`Corrupt` on a mismatch); without EXIF/GPS when `stripMetadata`. */
export const attachmentExtract = (id: string, path: string, stripMetadata: boolean) =>
  call("attachment_extract", { id, path, stripMetadata });
export const attachmentRemove = (id: string) => call("attachment_remove", { id });

// ---- history & trash ----
/** The case's history, newest first (its developments and attachments included). */
export const caseHistory = (caseId: string) => call("case_history", { caseId });
/** The case as it was after entry `seq` (read only). */
export const caseVersion = (caseId: string, seq: number) => call("case_version", { caseId, seq });
/** Restores that version as a new change. */
export const caseVersionRestore = (caseId: string, seq: number) =>
  call("case_version_restore", { caseId, seq });
export const trashList = () => call("trash_list");
export const trashRestore = (caseId: string) => call("trash_restore", { caseId });
/** Removes every trashed case for good; the number removed. */
export const trashEmpty = () => call("trash_empty");
/** Re-checks the history chain and every attachment's bytes. */
export const vaultVerify = () => call("vault_verify");

// ---- exchange between vaults ----
/** Bundles to open (several), or with `identity` one identity file; [] when cancelled. */
export const pickExchangePaths = (identity: boolean) => call("pick_exchange_paths", { identity });
/** This vault's public identity: name, fingerprint and the text to give to the other side. */
export const exchangeIdentity = () => call("exchange_identity");
export const exchangeIdentityRename = (name: string) => call("exchange_identity_rename", { name });
/** Writes the public identity (no secret) to `path` from `pickSavePath(…, "kuzetid")`. */
export const exchangeIdentitySave = (path: string) => call("exchange_identity_save", { path });
/** Reads a peer's identity from pasted `text` or, with `path`, from that file (nothing is stored). */
export const exchangePeerRead = (text: string, path: string | null = null) =>
  call("exchange_peer_read", { text, path });
/** Adds a peer (after staff compared its fingerprint), or updates its name and role. */
export const exchangePeerAdd = (text: string, role: PeerRoleDto) => call("exchange_peer_add", { text, role });
export const exchangePeers = () => call("exchange_peers");
export const exchangePeerRemove = (fingerprint: string) => call("exchange_peer_remove", { fingerprint });
/** Writes a bundle for the peer to `path`: what it has not seen yet, or everything with `full`. */
export const exchangeBundleExport = (fingerprint: string, path: string, full: boolean) =>
  call("exchange_bundle_export", { fingerprint, path, full });
/** Applies a bundle (all or nothing); with `dryRun` only says what it would do. `BundleRefused` when it cannot be trusted. */
export const exchangeBundleImport = (path: string, dryRun: boolean) =>
  call("exchange_bundle_import", { path, dryRun });
/** Incoming versions held back (conflicts first). */
export const exchangeHeld = () => call("exchange_held");
export const exchangeHeldResolve = (seq: number, resolution: ResolutionDto) =>
  call("exchange_held_resolve", { seq, resolution });

// ---- duplicates ----
/** Likely duplicate pairs, best first: cases dated `from`–`to` (both null: all), or those of `caseId`. */
export const duplicatesList = (from: string | null, to: string | null, caseId: string | null = null) =>
  call("duplicates_list", { from, to, caseId });
/** Merges `duplicateId` into `keepId`; the duplicate goes to the trash. */
export const duplicateMerge = (keepId: string, duplicateId: string) =>
  call("duplicate_merge", { keepId, duplicateId });
/** Marks a pair related, or not duplicates; it is not proposed again. */
export const duplicateLink = (caseId: string, otherId: string, kind: LinkKindDto) =>
  call("duplicate_link", { caseId, otherId, kind });

// ---- summary & overview ----
export const summaryMonth = (month: string) => call("summary_month", { month });
export const overviewDraftGet = (month: string) =>
  call("overview_draft_get", { month });
export const overviewDraftSave = (month: string, draft: OverviewDraftDto) =>
  call("overview_draft_save", { month, draft });
/** Drops the month's saved draft (the next get gives the default); true when one was saved. */
export const overviewDraftReset = (month: string) =>
  call("overview_draft_reset", { month });
export const overviewPreview = (month: string, lang: Lang) =>
  call("overview_preview", { month, lang });
/** The pre-publication check: names the overview would print that nobody marked. */
export const overviewNameCheck = (month: string, lang: Lang) =>
  call("overview_name_check", { month, lang });
/** Writes the PDF; rejects with `NamesUnchecked` unless every checked name's key is confirmed. */
export const overviewExportPdf = (month: string, lang: Lang, confirmedNames: string[]) =>
  call("overview_export_pdf", { month, lang, confirmedNames });

// ---- annual overview & case prints ----
/** Everything counted for `year`: the year, every earlier year, month by month, breakdowns, platform split. */
export const annualSummary = (year: number) => call("annual_summary", { year });
/** Writes the annual overview PDF (counts only: no name check); the path, or null when cancelled. */
export const annualExportPdf = (year: number, lang: Lang) => call("annual_export_pdf", { year, lang });
/** Which platform class each category of the counted groups is counted under. */
export const platformSplitGet = () => call("platform_split_get");
/** Counts `category` under `cls` from now on (its default removes the choice); the new rows. */
export const platformSplitSet = (category: string, cls: PlatformClassDto) =>
  call("platform_split_set", { category, class: cls });
/** The pre-publication check of the case's public copy: names it would print that nobody marked. */
export const casePrintCheck = (id: string, lang: Lang) => call("case_print_check", { id, lang });
/** Writes the case sheet PDF; the public copy rejects with `NamesUnchecked` unless every checked key is confirmed. */
export const caseExportPdf = (id: string, lang: Lang, edition: EditionDto, confirmedNames: string[]) =>
  call("case_export_pdf", { id, lang, edition, confirmedNames });

// ---- safe publication ----
export const publicFigureAdd = (name: string) => call("public_figure_add", { name });
export const privateNameAdd = (item: EntryRefDto, name: string) =>
  call("private_name_add", { item, name });
export const casesExportCheck = (month: string | null) =>
  call("cases_export_check", { month });
export const casesExport = (
  format: ExportFormatDto,
  edition: EditionDto,
  month: string | null,
  confirmedNames: string[],
) => call("cases_export", { format, edition, month, confirmedNames });

// ---- import (CSV/XLSX) ----
/** Asks which CSV or XLSX file to import; null when cancelled. */
export const pickImportPath = () => call("pick_import_path");
/** Checks the file without writing: counts, or every problem with its line and column. */
export const casesImportCheck = (path: string) => call("cases_import_check", { path });
/** Imports the checked file all or nothing; rejects with `FileChanged` if it is not the file `digest` names. */
export const casesImport = (path: string, digest: string) => call("cases_import", { path, digest });

// ---- settings ----
export const settingsGet = () => call("settings_get");
export const settingsSave = (settings: SettingsDto) => call("settings_save", { settings });
export const passphraseChange = (current: string, next: string) =>
  call("passphrase_change", { current, next });
export const backupCreate = (passphrase: string | null = null) => call("backup_create", { passphrase });

// ---- crash-safe editor drafts (stored in the vault) ----
export const editorDraftGet = (key: string) => call("editor_draft_get", { key });
export const editorDraftSave = (key: string, json: unknown) =>
  call("editor_draft_save", { key, json });
export const editorDraftClear = (key: string) => call("editor_draft_clear", { key });

// ---- events ----
/** Calls `cb` when the shell locks the vault (idle timeout or user). */
export function onVaultLocked(cb: (e: VaultLockedEvent) => void): Promise<UnlistenFn> {
  return listen<VaultLockedEvent>("vault-locked", (ev) => cb(ev.payload));
}

/** A point in CSS pixels of the window. */
export type WindowPoint = { x: number; y: number };

/**
 * Calls `cb` with the paths of files dropped onto the window and where they
 * were dropped (for the panel under the pointer); `hover`, if given, with the
 * pointer's place while files are dragged over the window, null when they
 * leave. Outside Tauri (the browser mock, unit tests) nothing is listened to.
 */
export async function onFileDrop(
  cb: (paths: string[], at: WindowPoint | null) => void,
  hover?: (at: WindowPoint | null) => void,
): Promise<UnlistenFn> {
  const noop: UnlistenFn = () => {};
  const css = (p: { x: number; y: number } | undefined): WindowPoint | null => {
    const scale = globalThis.devicePixelRatio || 1;
    return p ? { x: p.x / scale, y: p.y / scale } : null;
  };
  try {
    if (!("__TAURI_INTERNALS__" in globalThis)) return noop;
    return await getCurrentWebview().onDragDropEvent((ev) => {
      const e = ev.payload;
      if (e.type === "drop") {
        hover?.(null);
        if (e.paths.length) cb(e.paths, css(e.position));
      } else if (e.type === "leave") hover?.(null);
      else hover?.(css(e.position));
    });
  } catch {
    return noop;
  }
}
