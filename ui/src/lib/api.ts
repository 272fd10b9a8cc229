// The ONLY module of the UI that imports @tauri-apps/api: one typed function
// per command of the generated client (bindings/commands.ts, from
// src-tauri/src/commands/list.rs). Every function rejects with an `IpcError`
// ({ code, message, fields? }); the UI branches on `code`, never on `message`.

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

async function call<T>(cmd: CommandName, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(cmd, args);
  } catch (e) {
    throw toIpcError(e);
  }
}

// ---- app & vault ----
export const appInfo = () => call<AppInfo>("app_info");
export const vaultCreate = (path: string, passphrase: string) =>
  call<VaultInfo>("vault_create", { path, passphrase });
export const vaultOpen = (path: string, passphrase: string) =>
  call<VaultInfo>("vault_open", { path, passphrase });
export const vaultLock = () => call<void>("vault_lock");
export const vaultStatus = () => call<VaultStatus>("vault_status");
export const pickOpenPath = () => call<string | null>("pick_open_path");
export const pickSavePath = (defaultName: string, extension: string) =>
  call<string | null>("pick_save_path", { defaultName, extension });

let lastActivity = 0;
/** Tells the shell the user is active (throttled to one call per 30 s). */
export function activity(now: number = performance.now()): void {
  if (now - lastActivity < 30_000 && lastActivity !== 0) return;
  lastActivity = now;
  call<void>("activity").catch(() => {});
}

// ---- taxonomy ----
export const taxonomyGet = () => call<TaxonomyDto>("taxonomy_get");
export const taxonomyAddCategory = (group: string, code: string, label: Labels) =>
  call<TaxonomyDto>("taxonomy_add_category", { group, code, label });
export const taxonomyRelabel = (code: string, label: Labels) =>
  call<TaxonomyDto>("taxonomy_relabel", { code, label });
export const taxonomySetRetired = (code: string, retired: boolean) =>
  call<TaxonomyDto>("taxonomy_set_retired", { code, retired });

// ---- cases ----
export const casesFind = (filter: CaseFilterDto, offset: number, limit: number) =>
  call<CasePageDto>("cases_find", { filter, offset, limit });
export const caseGet = (id: string) => call<CaseDto>("case_get", { id });
export const caseCreate = (data: CaseInputDto) => call<CaseDto>("case_create", { data });
export const caseUpdate = (id: string, data: CaseInputDto) =>
  call<CaseDto>("case_update", { id, data });
/** Moves the case to the trash. */
export const caseDelete = (id: string) => call<void>("case_delete", { id });
export const developmentCreate = (caseId: string, data: DevelopmentInputDto) =>
  call<DevelopmentDto>("development_create", { caseId, data });
export const developmentUpdate = (id: string, data: DevelopmentInputDto) =>
  call<DevelopmentDto>("development_update", { id, data });
export const developmentDelete = (id: string) => call<void>("development_delete", { id });

// ---- evidence (attachments) ----
/** The native multi-file dialog; [] when cancelled. */
export const pickAttachmentPaths = () => call<string[]>("pick_attachment_paths");
/** Adds files to a case, in order; all or none. */
export const attachmentAdd = (caseId: string, paths: string[]) =>
  call<AttachmentDto[]>("attachment_add", { caseId, paths });
export const attachmentsList = (caseId: string) => call<AttachmentDto[]>("attachments_list", { caseId });
/** A `data:image/png;base64,…` thumbnail (≤ 160 px), null when not an image. */
export const attachmentThumbnail = (id: string) => call<string | null>("attachment_thumbnail", { id });
/** Writes a copy, verifying its SHA-256 (`Corrupt` on a mismatch); without EXIF/GPS when `stripMetadata`. */
export const attachmentExtract = (id: string, path: string, stripMetadata: boolean) =>
  call<ExtractedDto>("attachment_extract", { id, path, stripMetadata });
export const attachmentRemove = (id: string) => call<void>("attachment_remove", { id });

// ---- history & trash ----
/** The case's history, newest first (its developments and attachments included). */
export const caseHistory = (caseId: string) => call<HistoryEntryDto[]>("case_history", { caseId });
/** The case as it was after entry `seq` (read only). */
export const caseVersion = (caseId: string, seq: number) => call<CaseDto>("case_version", { caseId, seq });
/** Restores that version as a new change. */
export const caseVersionRestore = (caseId: string, seq: number) =>
  call<CaseDto>("case_version_restore", { caseId, seq });
export const trashList = () => call<TrashedCaseDto[]>("trash_list");
export const trashRestore = (caseId: string) => call<CaseDto>("trash_restore", { caseId });
/** Removes every trashed case for good; the number removed. */
export const trashEmpty = () => call<number>("trash_empty");
/** Re-checks the history chain and every attachment's bytes. */
export const vaultVerify = () => call<VerifyDto>("vault_verify");

// ---- exchange between vaults ----
/** Bundles to open (several), or with `identity` one identity file; [] when cancelled. */
export const pickExchangePaths = (identity: boolean) => call<string[]>("pick_exchange_paths", { identity });
/** This vault's public identity: name, fingerprint and the text to give to the other side. */
export const exchangeIdentity = () => call<IdentityDto>("exchange_identity");
export const exchangeIdentityRename = (name: string) => call<IdentityDto>("exchange_identity_rename", { name });
/** Writes the public identity (no secret) to `path` from `pickSavePath(…, "kuzetid")`. */
export const exchangeIdentitySave = (path: string) => call<void>("exchange_identity_save", { path });
/** Reads a peer's identity from pasted `text` or, with `path`, from that file (nothing is stored). */
export const exchangePeerRead = (text: string, path: string | null = null) =>
  call<IdentityDto>("exchange_peer_read", { text, path });
/** Adds a peer (after staff compared its fingerprint), or updates its name and role. */
export const exchangePeerAdd = (text: string, role: PeerRoleDto) => call<PeerDto>("exchange_peer_add", { text, role });
export const exchangePeers = () => call<PeerDto[]>("exchange_peers");
export const exchangePeerRemove = (fingerprint: string) => call<void>("exchange_peer_remove", { fingerprint });
/** Writes a bundle for the peer to `path`: what it has not seen yet, or everything with `full`. */
export const exchangeBundleExport = (fingerprint: string, path: string, full: boolean) =>
  call<BundleExportDto>("exchange_bundle_export", { fingerprint, path, full });
/** Applies a bundle (all or nothing); with `dryRun` only says what it would do. `BundleRefused` when it cannot be trusted. */
export const exchangeBundleImport = (path: string, dryRun: boolean) =>
  call<BundleReportDto>("exchange_bundle_import", { path, dryRun });
/** Incoming versions held back (conflicts first). */
export const exchangeHeld = () => call<HeldDto[]>("exchange_held");
export const exchangeHeldResolve = (seq: number, resolution: ResolutionDto) =>
  call<void>("exchange_held_resolve", { seq, resolution });

// ---- duplicates ----
/** Likely duplicate pairs, best first: cases dated `from`–`to` (both null: all), or those of `caseId`. */
export const duplicatesList = (from: string | null, to: string | null, caseId: string | null = null) =>
  call<DuplicateDto[]>("duplicates_list", { from, to, caseId });
/** Merges `duplicateId` into `keepId`; the duplicate goes to the trash. */
export const duplicateMerge = (keepId: string, duplicateId: string) =>
  call<CaseDto>("duplicate_merge", { keepId, duplicateId });
/** Marks a pair related, or not duplicates; it is not proposed again. */
export const duplicateLink = (caseId: string, otherId: string, kind: LinkKindDto) =>
  call<void>("duplicate_link", { caseId, otherId, kind });

// ---- summary & overview ----
export const summaryMonth = (month: string) => call<MonthSummaryDto>("summary_month", { month });
export const overviewDraftGet = (month: string) =>
  call<OverviewDraftDto>("overview_draft_get", { month });
export const overviewDraftSave = (month: string, draft: OverviewDraftDto) =>
  call<void>("overview_draft_save", { month, draft });
/** Drops the month's saved draft (the next get gives the default); true when one was saved. */
export const overviewDraftReset = (month: string) =>
  call<boolean>("overview_draft_reset", { month });
export const overviewPreview = (month: string, lang: Lang) =>
  call<ReportModelDto>("overview_preview", { month, lang });
/** The pre-publication check: names the overview would print that nobody marked. */
export const overviewNameCheck = (month: string, lang: Lang) =>
  call<NameCandidateDto[]>("overview_name_check", { month, lang });
/** Writes the PDF; rejects with `NamesUnchecked` unless every checked name's key is confirmed. */
export const overviewExportPdf = (month: string, lang: Lang, confirmedNames: string[]) =>
  call<string | null>("overview_export_pdf", { month, lang, confirmedNames });

// ---- safe publication ----
export const publicFigureAdd = (name: string) => call<string[]>("public_figure_add", { name });
export const privateNameAdd = (item: EntryRefDto, name: string) =>
  call<boolean>("private_name_add", { item, name });
export const casesExportCheck = (month: string | null) =>
  call<NameCandidateDto[]>("cases_export_check", { month });
export const casesExport = (
  format: ExportFormatDto,
  edition: EditionDto,
  month: string | null,
  confirmedNames: string[],
) => call<string | null>("cases_export", { format, edition, month, confirmedNames });

// ---- settings ----
export const settingsGet = () => call<SettingsDto>("settings_get");
export const settingsSave = (settings: SettingsDto) => call<void>("settings_save", { settings });
export const passphraseChange = (current: string, next: string) =>
  call<void>("passphrase_change", { current, next });
export const backupCreate = (passphrase: string | null = null) => call<string | null>("backup_create", { passphrase });

// ---- crash-safe editor drafts (stored in the vault) ----
export const editorDraftGet = (key: string) => call<unknown | null>("editor_draft_get", { key });
export const editorDraftSave = (key: string, json: unknown) =>
  call<void>("editor_draft_save", { key, json });
export const editorDraftClear = (key: string) => call<void>("editor_draft_clear", { key });

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
