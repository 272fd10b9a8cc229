// Evidence, history, trash and the integrity check, against the mock backend.
import { describe, it, expect, afterEach } from "vitest";
import { screen, fireEvent, waitFor, cleanup, within } from "@testing-library/svelte";
import { mockIPC, mockWindows } from "@tauri-apps/api/mocks";
import { emit } from "@tauri-apps/api/event";
import { start, unlock } from "./helpers";
import { formatBytes, shortHash, extensionOf } from "../lib/bytes";
import { fieldLabel, flattenRecord } from "../lib/history";
import type { AttachmentDto, IpcError, VerifyDto } from "../lib/types";

afterEach(() => cleanup());

const SHA = "0123456789abcdef".repeat(4);

function photo(caseId: string): AttachmentDto {
  return {
    id: "a0000000-0000-4000-8000-000000000001", caseId, name: "сот-ғимараты.jpg", mediaType: "image/jpeg",
    size: 245760, sha256: SHA, addedAt: { utc: "2024-06-10T04:15:00Z", local: "2024-06-10 09:15" },
    addedBy: "Айгүл Серікқызы", isImage: true,
  };
}

/** Starts with one case (its id returned), optionally with a photo attached, and opens it. */
async function openOnlyCase(opts: Parameters<typeof start>[0] = {}, withPhoto = true) {
  const r = start({ cases: 1, ...opts });
  const id = [...r.backend.cases.keys()][0];
  if (withPhoto) r.backend.attachments.set(id, [photo(id)]);
  await unlock();
  await fireEvent.click(await screen.findByTestId("case-row-open"));
  await screen.findByTestId("case-form");
  await waitFor(() => expect((screen.getByTestId("case-title") as HTMLInputElement).value).not.toBe(""));
  return { ...r, id };
}

/** Makes one command of the mock fail (or answer) differently. */
function override(handler: (cmd: string, args?: unknown) => unknown, cmd: string, answer: () => unknown) {
  mockIPC((c, args) => (c === cmd ? answer() : handler(c, args)), { shouldMockEvents: true });
}

describe("helpers", () => {
  it("formats sizes in KB/MB with the language's decimal mark, and short hashes", () => {
    expect(formatBytes(245760, "en")).toBe("240 KB");
    expect(formatBytes(1536, "ru")).toBe("1,5 КБ");
    expect(formatBytes(3 * 1024 * 1024 + 300 * 1024, "en")).toBe("3.3 MB");
    expect(formatBytes(512, "kk")).toBe("512 Б");
    expect(shortHash(SHA)).toBe("0123456789ab…");
    expect(extensionOf("Шарт.PDF")).toBe("pdf");
    expect(extensionOf("README")).toBe("");
  });

  it("labels field paths as the editor does, else shows them raw", () => {
    const t = (k: string) => ({ "fields.title": "Title", "fields.victimName": "Victim's name", "fields.stage": "Stage" })[k] ?? k;
    expect(fieldLabel("title", t)).toBe("Title");
    expect(fieldLabel("victim.name", t)).toBe("Victim's name");
    expect(fieldLabel("proceeding.stage", t)).toBe("Stage");
    expect(fieldLabel("unknown.thing", t)).toBe("unknown.thing");
    expect(flattenRecord({ a: "x", b: { c: 5, d: null }, e: ["p"] })).toEqual([["a", "x"], ["b.c", "5"], ["b.d", null], ["e", '["p"]']]);
  });
});

describe("evidence panel", () => {
  it("lists an attachment with its size, short hash (full in the title), who added it and a thumbnail", async () => {
    await openOnlyCase();
    const item = await screen.findByTestId("evidence-item");
    expect(within(item).getByTestId("evidence-name").textContent).toBe("сот-ғимараты.jpg");
    expect(within(item).getByTestId("evidence-size").textContent).toBe("240 KB");
    const sha = within(item).getByTestId("evidence-sha");
    expect(sha.textContent).toBe("0123456789ab…");
    expect(sha.getAttribute("title")).toBe(`SHA-256: ${SHA}`);
    expect(within(item).getByTestId("evidence-added").textContent).toContain("added 2024-06-10 09:15 by Айгүл Серікқызы");
    expect(item.textContent).toContain("image/jpeg");
    const img = (await within(item).findByTestId("evidence-thumb")) as HTMLImageElement;
    expect(img.getAttribute("src")).toMatch(/^data:image\/png;base64,/);
  });

  it("adds picked files, and saves a verified copy and a publication copy without metadata", async () => {
    const { calls, id } = await openOnlyCase({ attachPaths: ["/home/monitor/Жүктеулер/хабарлама.pdf"], savePath: "/tmp/copy.jpg" });
    await screen.findByTestId("evidence-item");
    await fireEvent.click(screen.getByTestId("evidence-add"));
    await waitFor(() => expect(screen.getAllByTestId("evidence-item")).toHaveLength(2));
    expect(calls.find((c) => c.cmd === "attachment_add")!.args).toEqual({ caseId: id, paths: ["/home/monitor/Жүктеулер/хабарлама.pdf"] });
    expect(screen.getByTestId("evidence-result").textContent).toBe("1 file added.");
    await waitFor(() => expect(screen.getAllByTestId("history-entry")[0].textContent).toContain("File added"));
    expect(screen.getAllByTestId("history-entry")[0].textContent).toContain("хабарлама.pdf");
    // The PDF has no publication copy; the photo has.
    expect(screen.getAllByTestId("evidence-save-public")).toHaveLength(1);
    await fireEvent.click(screen.getAllByTestId("evidence-save")[0]);
    await waitFor(() => expect(screen.getByTestId("evidence-result").textContent).toBe(`Copy saved: /tmp/copy.jpg — verified SHA-256 ${SHA}`));
    expect(calls.find((c) => c.cmd === "pick_save_path")!.args).toEqual({ defaultName: "сот-ғимараты.jpg", extension: "jpg" });
    await fireEvent.click(screen.getByTestId("evidence-save-public"));
    await waitFor(() => expect(screen.getByTestId("evidence-result").textContent).toContain("without location/EXIF"));
    expect(calls.filter((c) => c.cmd === "attachment_extract").map((c) => c.args!.stripMetadata)).toEqual([false, true]);
  });

  it("adds files dropped onto the panel (the webview's drag-drop event)", async () => {
    const r = start({ cases: 1 });
    mockWindows("main");
    await unlock();
    await fireEvent.click(await screen.findByTestId("case-row-open"));
    await screen.findByTestId("evidence-none");
    await new Promise((ok) => setTimeout(ok, 50)); // the listener is registered after mount
    await emit("tauri://drag-drop", { paths: ["/home/monitor/Суреттер/IMG_0042.png"], position: { x: 0, y: 0 } });
    const item = await screen.findByTestId("evidence-item");
    expect(within(item).getByTestId("evidence-name").textContent).toBe("IMG_0042.png");
    expect(r.calls.find((c) => c.cmd === "attachment_add")!.args!.paths).toEqual(["/home/monitor/Суреттер/IMG_0042.png"]);
  });

  it("says loudly when the stored file no longer matches its fingerprint (Corrupt)", async () => {
    const { backend } = await openOnlyCase({ savePath: "/tmp/copy.jpg" });
    await screen.findByTestId("evidence-item");
    override(backend.handler, "attachment_extract", () => {
      throw { code: "Corrupt", message: "sha256 mismatch" } satisfies IpcError;
    });
    await fireEvent.click(screen.getByTestId("evidence-save"));
    const err = await screen.findByTestId("evidence-error");
    expect(err.textContent).toContain("THIS FILE IS DAMAGED OR ALTERED");
    expect(err.className).toContain("corrupt");
    expect(screen.queryByTestId("evidence-result")).toBeNull();
  });

  it("removes an attachment only after the confirmation", async () => {
    const { calls } = await openOnlyCase();
    await fireEvent.click(await screen.findByTestId("evidence-remove"));
    expect(screen.getByTestId("confirm-dialog").textContent).toContain("Remove “сот-ғимараты.jpg” from this case?");
    await fireEvent.click(screen.getByTestId("confirm-cancel"));
    expect(calls.some((c) => c.cmd === "attachment_remove")).toBe(false);
    await fireEvent.click(screen.getByTestId("evidence-remove"));
    await fireEvent.click(screen.getByTestId("confirm-ok"));
    await screen.findByTestId("evidence-none");
  });
});

describe("case history", () => {
  async function editTitle(title: string) {
    await fireEvent.input(screen.getByTestId("case-title"), { target: { value: title } });
    await fireEvent.click(screen.getByTestId("case-save"));
    await screen.findByTestId("case-saved");
  }

  it("shows “Title: A → B” after an edit, and restores an earlier version as a new change", async () => {
    const { calls, id } = await openOnlyCase({}, false);
    await editTitle("A");
    await editTitle("B");
    await waitFor(() => expect(screen.getAllByTestId("history-entry")).toHaveLength(2));
    const [newest, older] = screen.getAllByTestId("history-entry");
    expect(newest.textContent).toContain("Case changed");
    expect(newest.textContent).toContain("(Almaty time)");
    expect(within(newest).getAllByTestId("history-change").map((c) => c.textContent)).toEqual(["Title: A → B"]);
    // View the version after the first edit, read only.
    await fireEvent.click(within(older).getByTestId("history-view"));
    const dlg = await screen.findByTestId("history-version");
    expect(dlg.textContent).toContain("The case after change #1");
    expect(dlg.querySelector("dd")!.textContent).not.toBe("");
    expect(dlg.querySelectorAll("input, textarea, select")).toHaveLength(0);
    await fireEvent.click(screen.getByTestId("history-version-close"));
    // Restore it: a confirmation that says it is a new change, then the editor shows it.
    await fireEvent.click(within(older).getByTestId("history-restore"));
    expect(screen.getByTestId("confirm-dialog").textContent).toContain("recorded as a new change");
    await fireEvent.click(screen.getByTestId("confirm-ok"));
    await waitFor(() => expect((screen.getByTestId("case-title") as HTMLInputElement).value).toBe("A"));
    expect(calls.find((c) => c.cmd === "case_version_restore")!.args).toEqual({ caseId: id, seq: 1 });
    await waitFor(() => expect(screen.getAllByTestId("history-entry")).toHaveLength(3));
    const top = screen.getAllByTestId("history-entry")[0];
    expect(top.textContent).toContain("restored from change #1");
    expect(within(top).getAllByTestId("history-change").map((c) => c.textContent)).toEqual(["Title: B → A"]);
  });
});

describe("trash", () => {
  it("moves a case to the trash from the editor and restores it from the Cases screen", async () => {
    // The first seven records of the demo vault: the newest, heading the list, has two developments.
    const { calls } = start({ cases: 7 });
    await unlock();
    await waitFor(() => expect(screen.getAllByTestId("case-row")).toHaveLength(7));
    const title = screen.getAllByTestId("case-row-open")[0].textContent!;
    expect(title).toBe("Blogger Daniyar Adilbekov detained on suspicion of knowingly false denunciation");
    await fireEvent.click(screen.getAllByTestId("case-row-open")[0]);
    await screen.findByTestId("case-form");
    expect(screen.getByTestId("case-delete").textContent).toBe("Move to trash");
    await fireEvent.click(screen.getByTestId("case-delete"));
    expect(screen.getByTestId("confirm-dialog").textContent).toContain("restore it from the trash");
    await fireEvent.click(screen.getByTestId("confirm-ok"));
    await waitFor(() => expect(screen.getAllByTestId("case-row")).toHaveLength(6));
    await waitFor(() => expect(screen.getByTestId("trash-open").textContent).toBe("Trash (1)"));
    await fireEvent.click(screen.getByTestId("trash-open"));
    const item = await screen.findByTestId("trash-item");
    expect(within(item).getByTestId("trash-title").textContent).toBe(title);
    expect(item.textContent).toContain("2 developments, 0 files");
    await fireEvent.click(within(item).getByTestId("trash-restore"));
    expect((await screen.findByTestId("trash-result")).textContent).toBe(`Restored: ${title}`);
    await screen.findByTestId("trash-none");
    expect(screen.getByTestId("trash-open").textContent).toBe("Trash (0)");
    await fireEvent.click(screen.getByTestId("trash-close"));
    await waitFor(() => expect(screen.getAllByTestId("case-row")).toHaveLength(7));
    expect(calls.some((c) => c.cmd === "trash_empty")).toBe(false);
  });

  it("empties the trash only after a confirmation that says it is permanent and how many", async () => {
    const { backend, calls } = start({ cases: 3 });
    await unlock();
    await screen.findAllByTestId("case-row");
    for (const id of [...backend.cases.keys()].slice(0, 2)) backend.handler("case_delete", { id });
    await fireEvent.click(screen.getByTestId("trash-open"));
    await waitFor(() => expect(screen.getAllByTestId("trash-item")).toHaveLength(2));
    await fireEvent.click(screen.getByTestId("trash-empty"));
    const msg = screen.getByTestId("confirm-dialog").textContent!;
    expect(msg).toContain("Remove 2 cases in the trash for good");
    expect(msg).toContain("permanent");
    await fireEvent.click(screen.getByTestId("confirm-ok"));
    expect((await screen.findByTestId("trash-result")).textContent).toBe("2 cases removed for good.");
    expect(calls.filter((c) => c.cmd === "trash_empty")).toHaveLength(1);
    expect(backend.trash.size).toBe(0);
  });
});

describe("settings: staff name and integrity", () => {
  async function openSettings(opts: Parameters<typeof start>[0] = {}) {
    const r = start({ cases: 1, ...opts });
    await unlock();
    await screen.findAllByTestId("case-row");
    await fireEvent.click(screen.getByTestId("nav-settings"));
    await screen.findByTestId("settings-form");
    return r;
  }

  it("saves the staff name with the settings", async () => {
    const { calls } = await openSettings();
    await fireEvent.input(screen.getByTestId("settings-staff-name"), { target: { value: "Айгүл Серікқызы" } });
    await fireEvent.click(screen.getByTestId("settings-save"));
    await screen.findByTestId("settings-saved");
    const saved = calls.find((c) => c.cmd === "settings_save")!.args!.settings as { staffName: string };
    expect(saved.staffName).toBe("Айгүл Серікқызы");
  });

  it("shows the ok line of the vault check", async () => {
    const { backend } = await openSettings();
    const id = [...backend.cases.keys()][0];
    backend.attachments.set(id, [photo(id)]);
    backend.handler("case_update", { id, data: { ...backend.cases.get(id)!.data, title: "Жаңа тақырып" } });
    await fireEvent.click(screen.getByTestId("verify-button"));
    const ok = await screen.findByTestId("verify-ok");
    expect(ok.textContent).toMatch(/^\s*The vault is intact: 1 history entry checked, 1 attachment re-hashed\. Last fingerprint [0-9a-f]{12}…\s*$/);
  });

  it("shows the first break of the history chain loudly", async () => {
    const { backend } = await openSettings();
    const broken: VerifyDto = {
      ok: false, entries: 7, head: "ab".repeat(32), firstBreak: { seq: 4, reason: "hash does not follow" }, attachments: 2,
      attachmentProblems: [{ id: "x", caseId: "y", name: "фото.jpg", problem: "sha256 mismatch" }],
    };
    override(backend.handler, "vault_verify", () => broken);
    await fireEvent.click(screen.getByTestId("verify-button"));
    expect((await screen.findByTestId("verify-break")).textContent).toContain("change #4 does not follow the one before (hash does not follow)");
    expect(screen.getByTestId("verify-file-problem").textContent).toBe("фото.jpg: sha256 mismatch");
    expect(screen.queryByTestId("verify-ok")).toBeNull();
  });
});

describe("in Kazakh", () => {
  it("names the panels, the trash and the size in Kazakh", async () => {
    await openOnlyCase({ uiLang: "kk" });
    await fireEvent.change(screen.getByTestId("lang-switch"), { target: { value: "kk" } });
    await waitFor(() => expect(screen.getByTestId("case-delete").textContent).toBe("Себетке жылжыту"));
    expect(screen.getByTestId("evidence").querySelector("h2")!.textContent).toBe("Дәлелдер");
    expect(screen.getByTestId("history").querySelector("h2")!.textContent).toBe("Тарих");
    expect((await screen.findByTestId("evidence-size")).textContent).toBe("240 КБ");
    expect(screen.getByTestId("evidence-added").textContent).toContain("2024-06-10 09:15 қосқан: Айгүл Серікқызы");
  });
});
