// The mock's exchange and duplicates: plumbing only (store and return canned
// answers), no rules of the core. Used by backend.ts.
//
// Identity text in the mock: `kuzet-id1:<24 digits>:<name>`.
// Bundle paths drive the answers: a name with "tampered" is refused,
// "conflict" holds a version; anything else creates and updates one record each.

import type {
  BundleReportDto, CaseDto, DuplicateDto, HeldDto, IdentityDto, IpcError, PeerDto, TimestampDto,
} from "../types";
import { NOT_MINE } from "./evidence";
import { sortByLabel } from "../collate";

function fail(code: IpcError["code"], message: string, field?: "_form"): never {
  throw { code, message, ...(field ? { fields: [{ field, problem: { kind: "invalid", message } }] } : {}) } satisfies IpcError;
}

const at = (local: string): TimestampDto => ({ utc: local.replace(" ", "T") + ":00Z", local });
const fingerprint = (digits: string) => digits.match(/.{4}/g)!.join(" ");
const identity = (digits: string, name: string): IdentityDto => ({
  name, fingerprint: fingerprint(digits), public: `kuzet-id1:${digits}:${name}`,
});

function parse(text: string): IdentityDto {
  const m = /^kuzet-id1:(\d{24}):(.+)$/s.exec(text.trim());
  if (!m) fail("Validation", "not a Kuzet identity", "_form");
  return identity(m[1], m[2].trim());
}

export function createExchange(cases: Map<string, CaseDto>, opts: { exchangePaths?: string[]; savePath?: string }) {
  let me = identity("482913570264118390572261", "Әділ сөз — Алматы");
  const hq = identity("731950286413905572816034", "Әділ сөз — штаб");
  const peers = new Map<string, PeerDto>([
    [hq.fingerprint, { identity: hq, role: "headquarters", addedAt: at("2024-05-02 10:15"), sentAt: at("2024-06-01 18:40") }],
  ]);
  const first = () => [...cases.values()][0];
  const held: HeldDto[] = [];
  const c = first();
  if (c) {
    held.push({
      seq: 1, entity: "case", entityId: c.id, caseId: c.id, peer: hq.name, reason: "conflict", detail: "",
      receivedAt: at("2024-06-09 16:20"), title: c.data.title, oursExists: true, theirsExists: true,
      changes: [
        { field: "title", old: c.data.title, new: c.data.title + " (толықтырылды)" },
        { field: "victim.name", old: c.data.victimName || null, new: "Әсел Нұрланқызы" },
        { field: "victim.outlet", old: c.data.outlet || null, new: "«Жайық Пресс»" },
        { field: "summary", old: c.data.summary || null, new: "Тілші сот ғимаратына кіргізілмеді, күзет оның куәлігін тексерді." },
      ],
    });
    held.push({
      seq: 2, entity: "case", entityId: "00000000-0000-4000-8000-999999999999", caseId: "00000000-0000-4000-8000-999999999999",
      peer: hq.name, reason: "invalid", detail: "category: media.unknown", receivedAt: at("2024-06-09 16:20"),
      title: "Редакцияға тексеру келді", oursExists: false, theirsExists: true, changes: [],
    });
  }
  let duplicates: DuplicateDto[] = [];
  const all = [...cases.values()];
  if (all.length >= 2) {
    duplicates = [{
      case: all[0], other: all[1], score: 87,
      reasons: [
        { kind: "sameVictim", name: all[0].data.victimName || "Әсел Нұрланқызы" },
        { kind: "similarText", percent: 72 }, { kind: "closeDates", days: 2 }, { kind: "sameRegion" },
      ],
    }];
  }

  function report(path: string, applied: boolean): BundleReportDto {
    if (path.includes("tampered")) fail("BundleTampered", "this bundle was changed after it was made");
    const c = first();
    const conflict = path.includes("conflict");
    return {
      id: "b-" + path.length, sender: hq.name, senderFingerprint: hq.fingerprint, createdAt: at("2024-06-09 15:00"),
      seenBefore: false, applied, taxonomyUpdated: false, taxonomyRefused: null, missingEarlier: false,
      changes: [
        { entity: "case", id: "c-new", caseId: "c-new", title: "Ақтауда тілшінің камерасы сындырылды", outcome: "created", reason: null, detail: null },
        { entity: "development", id: "d-1", caseId: c?.id ?? "", title: "Сот отырысы кейінге қалдырылды", outcome: "created", reason: null, detail: null },
        conflict
          ? { entity: "case", id: c?.id ?? "", caseId: c?.id ?? "", title: c?.data.title ?? "", outcome: "held", reason: "conflict", detail: null }
          : { entity: "case", id: c?.id ?? "", caseId: c?.id ?? "", title: c?.data.title ?? "", outcome: "updated", reason: null, detail: null },
      ],
    };
  }

  function handle(cmd: string, a: Record<string, any>): unknown {
    switch (cmd) {
      case "pick_exchange_paths":
        return opts.exchangePaths ? (a.identity ? opts.exchangePaths.slice(0, 1) : [...opts.exchangePaths]) : fail("NoDialog", "no dialog in mock mode");
      case "exchange_identity":
        return structuredClone(me);
      case "exchange_identity_rename":
        me = { ...identity(me.public.split(":")[1], String(a.name ?? "").trim() || me.name) };
        return structuredClone(me);
      case "exchange_identity_save":
        return null;
      case "exchange_peer_read":
        return parse(a.path ? "kuzet-id1:105822947736120485599310:Тілші — Шымкент" : String(a.text ?? ""));
      case "exchange_peer_add": {
        const id = parse(String(a.text ?? ""));
        const p: PeerDto = { identity: id, role: a.role, addedAt: at("2024-06-10 12:00"), sentAt: null };
        peers.set(id.fingerprint, p);
        return structuredClone(p);
      }
      case "exchange_peers":
        return structuredClone(sortByLabel([...peers.values()], (p) => p.identity.name));
      case "exchange_peer_remove":
        if (!peers.delete(a.fingerprint)) fail("NotFound", "no such peer");
        return null;
      case "exchange_bundle_export": {
        const p = peers.get(a.fingerprint) ?? fail("NotFound", "no such peer");
        p.sentAt = at("2024-06-10 12:05");
        return { path: a.path, cases: a.full ? cases.size : 3, deletions: a.full ? 0 : 1, developments: 2, attachments: 1, taxonomy: p.role === "correspondent", bytes: 48_213 };
      }
      case "exchange_bundle_import":
        return report(String(a.path ?? ""), !a.dryRun);
      case "exchange_held":
        return structuredClone(held);
      case "exchange_held_resolve": {
        const i = held.findIndex((h) => h.seq === a.seq);
        if (i < 0) fail("NotFound", "no such held version");
        held.splice(i, 1);
        return null;
      }
      case "duplicates_list":
        return structuredClone(duplicates.filter((d) => cases.has(d.case.id) && cases.has(d.other.id)));
      case "duplicate_merge": {
        const keep = cases.get(a.keepId) ?? fail("NotFound", "no such case");
        cases.delete(a.duplicateId);
        return structuredClone(keep);
      }
      case "duplicate_link":
        duplicates = duplicates.filter((d) => !([d.case.id, d.other.id].includes(a.caseId) && [d.case.id, d.other.id].includes(a.otherId)));
        return null;
      default:
        return NOT_MINE;
    }
  }

  return { handle, peers, held };
}
