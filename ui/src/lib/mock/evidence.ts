// The mock's attachments, history and trash: plumbing only (store and
// return), no rules of the core. Used by backend.ts.

import type {
  AttachmentDto, CaseDto, FieldChangeDto, HistoryActionDto, HistoryEntityDto, HistoryEntryDto, IpcError,
  TimestampDto, TrashedCaseDto, VerifyDto,
} from "../types";
import { flattenRecord } from "../history";

export const NOT_MINE = Symbol("not an evidence command");

/** A tiny PNG (1×1, grey) for every image thumbnail. */
const PNG =
  "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNgAAAAAgABSK+kcQAAAABJRU5ErkJggg==";
const TYPES: Record<string, string> = {
  jpg: "image/jpeg", jpeg: "image/jpeg", png: "image/png", pdf: "application/pdf", txt: "text/plain", mp3: "audio/mpeg",
};

function fail(code: IpcError["code"], message: string): never {
  throw { code, message } satisfies IpcError;
}

/** 64 hex digits derived from a string (not a real SHA-256; the mock stores no bytes). */
function fakeSha(s: string): string {
  let h = 0x811c9dc5;
  let out = "";
  for (let round = 0; out.length < 64; round++) {
    for (const ch of s + round) h = Math.imul(h ^ ch.charCodeAt(0), 16777619) >>> 0;
    out += h.toString(16).padStart(8, "0");
  }
  return out.slice(0, 64);
}

export function createEvidence(
  cases: Map<string, CaseDto>,
  staff: () => string,
  opts: { attachPaths?: string[]; savePath?: string },
) {
  const attachments = new Map<string, AttachmentDto[]>();
  const history: HistoryEntryDto[] = []; // oldest first
  const versions = new Map<number, CaseDto>();
  const trash = new Map<string, { c: CaseDto; at: TimestampDto; by: string; files: AttachmentDto[] }>();
  let idSeq = 0;

  const now = (): TimestampDto => {
    const m = String(history.length % 60).padStart(2, "0");
    return { utc: `2024-06-10T06:${m}:00Z`, local: `2024-06-10 12:${m}` };
  };

  function diff(before: CaseDto | null, after: CaseDto | null): FieldChangeDto[] {
    const a = new Map(before ? flattenRecord(before.data) : []);
    const b = new Map(after ? flattenRecord(after.data) : []);
    const keys = [...new Set([...a.keys(), ...b.keys()])];
    return keys
      .filter((k) => (a.get(k) ?? null) !== (b.get(k) ?? null))
      .map((k) => ({ field: k, old: a.get(k) ?? null, new: b.get(k) ?? null }));
  }

  function record(entity: HistoryEntityDto, entityId: string, action: HistoryActionDto, changes: FieldChangeDto[], snapshot?: CaseDto, source = "app") {
    const seq = history.length + 1;
    history.push({ seq, at: now(), actor: staff(), source, entity, entityId, action, changes, canRestore: !!snapshot });
    if (snapshot) versions.set(seq, structuredClone(snapshot));
  }

  /** Called by the backend after a case was created or updated. */
  function caseSaved(before: CaseDto | null, after: CaseDto) {
    record("case", after.id, before ? "updated" : "created", diff(before, after), after);
  }

  const caseOf = (caseId: string) => cases.get(caseId) ?? fail("NotFound", "no such case");
  const findAttachment = (id: string) =>
    [...attachments.values()].flat().find((x) => x.id === id) ?? fail("NotFound", "no such attachment");

  function handle(cmd: string, a: Record<string, any>): unknown {
    switch (cmd) {
      case "pick_attachment_paths":
        return opts.attachPaths ? [...opts.attachPaths] : fail("NoDialog", "no dialog in mock mode");
      case "attachment_add": {
        const c = caseOf(a.caseId);
        const added = ((a.paths ?? []) as string[]).map((p): AttachmentDto => {
          const name = p.split(/[\\/]/).pop() ?? p;
          const ext = name.split(".").pop()?.toLowerCase() ?? "";
          const mediaType = TYPES[ext] ?? "application/octet-stream";
          return {
            id: `10000000-0000-4000-8000-${String(++idSeq).padStart(12, "0")}`, caseId: c.id, name, mediaType,
            size: 1024 * (20 + name.length), sha256: fakeSha(p), addedAt: now(), addedBy: staff(), isImage: mediaType.startsWith("image/"),
          };
        });
        attachments.set(c.id, [...(attachments.get(c.id) ?? []), ...added]);
        for (const x of added) record("attachment", x.id, "created", [{ field: "name", old: null, new: x.name }]);
        return structuredClone(added);
      }
      case "attachments_list":
        return structuredClone(attachments.get(a.caseId) ?? []);
      case "attachment_thumbnail":
        return findAttachment(a.id).isImage ? PNG : null;
      case "attachment_extract": {
        const x = findAttachment(a.id);
        return { path: a.path, size: x.size, sha256: x.sha256, metadataStripped: !!a.stripMetadata && x.isImage };
      }
      case "attachment_remove": {
        const x = findAttachment(a.id);
        attachments.set(x.caseId, (attachments.get(x.caseId) ?? []).filter((y) => y.id !== x.id));
        record("attachment", x.id, "removed", [{ field: "name", old: x.name, new: null }]);
        return null;
      }
      case "case_history": {
        const own = new Set([a.caseId, ...(cases.get(a.caseId)?.developments.map((d) => d.id) ?? [])]);
        for (const x of attachments.get(a.caseId) ?? []) own.add(x.id);
        const removed = history.filter((h) => h.entity === "attachment" && h.action === "removed").map((h) => h.entityId);
        return structuredClone(history.filter((h) => own.has(h.entityId) || removed.includes(h.entityId)).reverse());
      }
      case "case_version": {
        const v = versions.get(a.seq);
        if (!v || v.id !== a.caseId) fail("NotFound", "no such version");
        return structuredClone(v);
      }
      case "case_version_restore": {
        const v = versions.get(a.seq);
        const c = caseOf(a.caseId);
        if (!v || v.id !== a.caseId) fail("NotFound", "no such version");
        const before = structuredClone(c);
        c.data = structuredClone(v.data);
        record("case", c.id, "updated", diff(before, c), c, `version ${a.seq}`);
        return structuredClone(c);
      }
      case "case_delete": {
        const c = caseOf(a.id);
        cases.delete(c.id);
        trash.set(c.id, { c, at: now(), by: staff(), files: attachments.get(c.id) ?? [] });
        record("case", c.id, "trashed", []);
        return null;
      }
      case "trash_list":
        return [...trash.values()].reverse().map(({ c, at, by, files }): TrashedCaseDto => ({
          id: c.id, title: c.data.title, eventDate: c.data.eventDate, deletedAt: at, deletedBy: by,
          developments: c.developments.length, attachments: files.length,
        }));
      case "trash_restore": {
        const t = trash.get(a.caseId) ?? fail("NotFound", "not in the trash");
        trash.delete(a.caseId);
        cases.set(t.c.id, t.c);
        record("case", t.c.id, "restored", [], t.c);
        return structuredClone(t.c);
      }
      case "trash_empty": {
        const n = trash.size;
        for (const id of trash.keys()) {
          attachments.delete(id);
          record("case", id, "purged", []);
        }
        trash.clear();
        return n;
      }
      case "vault_verify":
        return {
          ok: true, entries: history.length, head: history.length ? fakeSha(String(history.length)) : "", firstBreak: null,
          attachments: [...attachments.values()].flat().length, attachmentProblems: [],
        } satisfies VerifyDto;
      default:
        return NOT_MINE;
    }
  }

  return { handle, caseSaved, record, attachments, history, trash };
}
