// The exchange screen against the mock backend: identity, peers with the
// fingerprint check, bundles out and in, held versions and duplicates.
import { describe, it, expect, afterEach } from "vitest";
import { screen, fireEvent, waitFor, cleanup, within } from "@testing-library/svelte";
import { mockIPC } from "@tauri-apps/api/mocks";
import { start, unlock, type Call } from "./helpers";
import { groupByTopField, outcomeCounts, reasonMessage, safeFileName } from "../lib/exchange";
import { todayKz } from "../lib/dates";
import type { BundleReportDto } from "../lib/types";
import kk from "../lib/i18n/kk.json";

afterEach(() => cleanup());

const HQ = "7319 5028 6413 9055 7281 6034";
const SHYMKENT = "kuzet-id1:105822947736120485599310:Тілші — Шымкент";
const BUNDLES = ["/home/monitor/Жүктеулер/штаб.kuzetbundle", "/media/usb/conflict.kuzetbundle", "/media/usb/tampered.kuzetbundle"];

async function openExchange(opts: Parameters<typeof start>[0] = {}) {
  const r = start({ cases: 12, ...opts });
  await unlock();
  await fireEvent.click(await screen.findByTestId("nav-exchange"));
  await screen.findByTestId("exchange-identity-fingerprint");
  await screen.findAllByTestId("exchange-peer-row");
  return r;
}

const argsOf = (calls: Call[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

describe("exchange helpers", () => {
  it("makes file names from peer names and a date", () => {
    expect(safeFileName("Әділ сөз — штаб", "2024-06-10")).toBe("Әділ-сөз-штаб-2024-06-10");
    expect(safeFileName('../Тілші: "Шымкент"/ -', "2024-06-10")).toBe("Тілші-Шымкент-2024-06-10");
    expect(safeFileName("  ", "2024-06-10")).toBe("kuzet-2024-06-10");
    expect(todayKz()).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  it("counts outcomes, groups changes by top-level field and names duplicate reasons", () => {
    const change = (outcome: BundleReportDto["changes"][number]["outcome"]) =>
      ({ entity: "case", id: "x", caseId: "x", title: "", outcome, reason: null, detail: null }) as const;
    const r = { changes: [change("created"), change("held"), change("created"), change("unchanged")] } as BundleReportDto;
    expect(outcomeCounts(r)).toEqual([{ outcome: "created", n: 2 }, { outcome: "unchanged", n: 1 }, { outcome: "held", n: 1 }]);
    const g = groupByTopField([
      { field: "title", old: "a", new: "b" },
      { field: "victim.name", old: null, new: "Әсел" },
      { field: "proceeding.stage", old: "court", new: "pretrial" },
      { field: "victim.outlet", old: "x", new: "y" },
    ]);
    expect(g.map((x) => [x.field, x.rows.length])).toEqual([["title", 1], ["victim", 2], ["proceeding", 1]]);
    expect(reasonMessage({ kind: "closeDates", days: 2 })).toEqual({ key: "exchange.reason.closeDates", values: { days: 2 } });
  });
});

describe("exchange screen", () => {
  it("shows this vault's fingerprint and identity text, renames it and saves it to a file", async () => {
    const { calls } = await openExchange({ savePath: "/home/monitor/Documents/me.kuzetid" });
    expect(screen.getByTestId("exchange-identity-fingerprint").textContent).toBe("4829 1357 0264 1183 9057 2261");
    expect((screen.getByTestId("exchange-identity-text") as HTMLTextAreaElement).value).toBe(
      "kuzet-id1:482913570264118390572261:Әділ сөз — Алматы",
    );
    await fireEvent.input(screen.getByTestId("exchange-identity-name"), { target: { value: "Әділ сөз — Орал" } });
    await fireEvent.click(screen.getByTestId("exchange-identity-rename"));
    await waitFor(() => expect(screen.getByTestId("exchange-identity-result").textContent).toBe("Name saved."));
    expect(argsOf(calls, "exchange_identity_rename")).toEqual([{ name: "Әділ сөз — Орал" }]);
    expect(screen.getByTestId("exchange-identity-fingerprint").textContent).toBe("4829 1357 0264 1183 9057 2261");
    await fireEvent.click(screen.getByTestId("exchange-identity-save"));
    await waitFor(() =>
      expect(screen.getByTestId("exchange-identity-result").textContent).toBe("Saved: /home/monitor/Documents/me.kuzetid"),
    );
    const save = argsOf(calls, "pick_save_path")[0] as { defaultName: string; extension: string };
    expect(save.extension).toBe("kuzetid");
    expect(save.defaultName).toMatch(/^Әділ-сөз-Орал-\d{4}-\d{2}-\d{2}$/);
    expect(argsOf(calls, "exchange_identity_save")).toEqual([{ path: "/home/monitor/Documents/me.kuzetid" }]);
  });

  it("adds a pasted peer only after its fingerprint is confirmed, with the chosen role", async () => {
    const { calls } = await openExchange();
    expect(screen.getAllByTestId("exchange-peer-row")).toHaveLength(1);
    await fireEvent.input(screen.getByTestId("exchange-peer-text"), { target: { value: SHYMKENT } });
    await fireEvent.click(screen.getByTestId("exchange-peer-read"));
    const preview = await screen.findByTestId("exchange-peer-preview");
    expect(within(preview).getByTestId("exchange-peer-name").textContent).toBe("Тілші — Шымкент");
    expect(within(preview).getByTestId("exchange-peer-fingerprint-preview").textContent).toBe("1058 2294 7736 1204 8559 9310");
    expect(argsOf(calls, "exchange_peer_read")).toEqual([{ text: SHYMKENT, path: null }]);
    const add = screen.getByTestId("exchange-peer-add") as HTMLButtonElement;
    expect(add.disabled).toBe(true);
    await fireEvent.click(add);
    expect(argsOf(calls, "exchange_peer_add")).toEqual([]);
    await fireEvent.click(screen.getByTestId("exchange-peer-confirm"));
    expect(add.disabled).toBe(false);
    await fireEvent.change(screen.getByTestId("exchange-peer-role"), { target: { value: "headquarters" } });
    await fireEvent.click(add);
    await waitFor(() => expect(screen.getByTestId("exchange-peer-result").textContent).toBe("Added: Тілші — Шымкент"));
    expect(argsOf(calls, "exchange_peer_add")).toEqual([{ text: SHYMKENT, role: "headquarters" }]);
    const rows = await waitFor(() => {
      const r = screen.getAllByTestId("exchange-peer-row");
      expect(r).toHaveLength(2);
      return r;
    });
    expect(rows.map((r) => within(r).getByTestId("exchange-peer-fingerprint").textContent)).toEqual([
      HQ, "1058 2294 7736 1204 8559 9310",
    ]);
    expect(rows[1].textContent).toContain("Headquarters");
    expect(rows[1].textContent).toContain("nothing sent yet");
    expect(screen.queryByTestId("exchange-peer-preview")).toBeNull();
    expect(screen.getByTestId("exchange-send-105822947736120485599310").textContent).toContain("Тілші — Шымкент");
  });

  it("reads a peer from a file, and says when pasted text is not an identity", async () => {
    const { calls } = await openExchange({ exchangePaths: ["/media/usb/shymkent.kuzetid"] });
    await fireEvent.input(screen.getByTestId("exchange-peer-text"), { target: { value: "сәлем" } });
    await fireEvent.click(screen.getByTestId("exchange-peer-read"));
    expect((await screen.findByTestId("exchange-peer-error")).textContent).toBe(
      "This is not a Kuzet identity text (or file). Ask the other side to send it again.",
    );
    expect(screen.queryByTestId("exchange-peer-preview")).toBeNull();
    await fireEvent.click(screen.getByTestId("exchange-peer-file"));
    const preview = await screen.findByTestId("exchange-peer-preview");
    expect(within(preview).getByTestId("exchange-peer-fingerprint-preview").textContent).toBe("1058 2294 7736 1204 8559 9310");
    expect(argsOf(calls, "pick_exchange_paths")).toEqual([{ identity: true }]);
    expect(argsOf(calls, "exchange_peer_read").at(-1)).toEqual({ text: "", path: "/media/usb/shymkent.kuzetid" });
    expect(screen.queryByTestId("exchange-peer-error")).toBeNull();
  });

  it("removes a peer after confirmation", async () => {
    const { calls } = await openExchange();
    await fireEvent.click(screen.getByTestId("exchange-peer-remove"));
    expect(screen.getByTestId("confirm-dialog").textContent).toContain("Remove Әділ сөз — штаб? Its bundles will no longer be accepted.");
    await fireEvent.click(screen.getByTestId("confirm-ok"));
    await screen.findByTestId("exchange-peers-none");
    expect(argsOf(calls, "exchange_peer_remove")).toEqual([{ fingerprint: HQ }]);
  });

  it("sends a bundle to a peer, everything again when asked", async () => {
    const { calls } = await openExchange({ savePath: "/media/usb/штаб.kuzetbundle" });
    await fireEvent.click(screen.getByTestId("exchange-full"));
    await fireEvent.click(screen.getByTestId("exchange-send-731950286413905572816034"));
    const done = await screen.findByTestId("exchange-send-result");
    expect(done.textContent).toBe("Written /media/usb/штаб.kuzetbundle: 12 cases, 0 deletions, 2 developments, 1 file; 47 KB.");
    expect(argsOf(calls, "exchange_bundle_export")).toEqual([{ fingerprint: HQ, path: "/media/usb/штаб.kuzetbundle", full: true }]);
    const save = argsOf(calls, "pick_save_path")[0] as { defaultName: string; extension: string };
    expect(save).toEqual({ defaultName: `Әділ-сөз-штаб-${todayKz()}`, extension: "kuzetbundle" });
  });

  it("previews several bundles with a dry run, then applies the good ones one by one", async () => {
    const { calls, backend } = await openExchange({ exchangePaths: BUNDLES });
    // Hold the second real import until the progress line was seen.
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    mockIPC(async (cmd, args) => {
      const a = args as { path?: string; dryRun?: boolean };
      if (cmd === "exchange_bundle_import" && a.dryRun === false && a.path === BUNDLES[1]) await gate;
      return backend.handler(cmd, args);
    }, { shouldMockEvents: true });
    expect((screen.getByTestId("exchange-apply") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.click(screen.getByTestId("exchange-receive"));
    await waitFor(() => expect(screen.getAllByTestId("exchange-file-counts")).toHaveLength(2));
    const files = screen.getAllByTestId("exchange-file");
    expect(files).toHaveLength(3);
    expect(within(files[0]).getByTestId("exchange-file-sender").textContent).toContain("From Әділ сөз — штаб, made 2024-06-09 15:00");
    const counts = within(files[0]).getByTestId("exchange-file-counts");
    expect([...counts.querySelectorAll(".badge")].map((b) => b.textContent)).toEqual(["new: 2", "updated: 1"]);
    expect(within(files[1]).getByTestId("exchange-count-held").textContent).toBe("held for review: 1");
    expect(within(files[1]).getByTestId("exchange-file-held").textContent).toContain("— Changed here too");
    expect((await within(files[2]).findByTestId("exchange-file-error")).textContent).toBe(
      "This bundle was changed after it was made (a damaged copy or tampering). Nothing was applied; ask the sender for it again.",
    );
    expect(argsOf(calls, "exchange_bundle_import")).toEqual(BUNDLES.map((path) => ({ path, dryRun: true })));

    await fireEvent.click(screen.getByTestId("exchange-apply"));
    await waitFor(() => expect(screen.getByTestId("exchange-progress").textContent?.trim()).toBe("Applying 2 of 2…"));
    expect(screen.queryByTestId("exchange-receive-result")).toBeNull();
    expect(screen.getAllByTestId("exchange-file-applied")).toHaveLength(1);
    release();
    await waitFor(() => expect(screen.getByTestId("exchange-receive-result").textContent).toBe("2 of 2 applied."));
    expect(screen.queryByTestId("exchange-progress")).toBeNull();
    expect(argsOf(calls, "exchange_bundle_import").slice(3)).toEqual([
      { path: BUNDLES[0], dryRun: false },
      { path: BUNDLES[1], dryRun: false },
    ]);
    expect(screen.getAllByTestId("exchange-file-applied")).toHaveLength(2);
    expect(within(screen.getAllByTestId("exchange-file")[2]).queryByTestId("exchange-file-applied")).toBeNull();
    // After applying, the held list and the duplicates are read again.
    expect(argsOf(calls, "exchange_held").length).toBe(2);
    // The month being worked on, by default (the whole vault would be slow).
    expect(argsOf(calls, "duplicates_list")).toEqual([
      { from: "2024-05-01", to: "2024-05-31", caseId: null },
      { from: "2024-05-01", to: "2024-05-31", caseId: null },
    ]);
    expect((screen.getByTestId("exchange-apply") as HTMLButtonElement).disabled).toBe(true);
  });

  it("settles a conflict with the chosen top-level fields", async () => {
    const { calls, backend } = await openExchange();
    const first = [...backend.cases.values()][0];
    const rows = await screen.findAllByTestId("exchange-held-row");
    expect(rows).toHaveLength(2);
    const conflict = rows[0];
    expect(within(conflict).getByTestId("exchange-held-title").textContent).toBe(first.data.title);
    expect(within(conflict).getByTestId("exchange-held-reason").textContent).toBe("Changed here too");
    const cells = [...conflict.querySelectorAll("tbody tr")].map((tr) =>
      [...tr.querySelectorAll("th, td.ours, td.theirs")].map((c) => c.textContent?.trim()),
    );
    expect(cells[0]).toEqual(["Title", first.data.title, first.data.title + " (толықтырылды)"]);
    expect(cells[1][0]).toBe("Victim's name");
    expect(cells[1][2]).toBe("Әсел Нұрланқызы");
    // One checkbox per top-level field: title, victim (two rows), summary.
    expect([...conflict.querySelectorAll('input[type="checkbox"]')].map((c) => c.getAttribute("data-testid"))).toEqual([
      "exchange-held-field-title", "exchange-held-field-victim", "exchange-held-field-summary",
    ]);
    const chosen = within(conflict).getByTestId("exchange-held-fields") as HTMLButtonElement;
    expect(chosen.disabled).toBe(true);
    await fireEvent.click(within(conflict).getByTestId("exchange-held-field-victim"));
    await fireEvent.click(within(conflict).getByTestId("exchange-held-field-summary"));
    await fireEvent.click(within(conflict).getByTestId("exchange-held-field-title"));
    await fireEvent.click(within(conflict).getByTestId("exchange-held-field-title"));
    await fireEvent.click(chosen);
    await waitFor(() => expect(screen.getAllByTestId("exchange-held-row")).toHaveLength(1));
    expect(argsOf(calls, "exchange_held_resolve")).toEqual([{ seq: 1, resolution: { kind: "fields", fields: ["victim", "summary"] } }]);
    expect(screen.getByTestId("exchange-held-result").textContent).toBe("Settled.");
  });

  it("keeps ours or takes theirs on a conflict, and dismisses an invalid version", async () => {
    const { calls } = await openExchange();
    const rows = await screen.findAllByTestId("exchange-held-row");
    expect(within(rows[1]).getByTestId("exchange-held-reason").textContent).toBe("Not valid here");
    expect(within(rows[1]).getByTestId("exchange-held-detail").textContent).toBe("category: media.unknown");
    expect(within(rows[1]).queryByTestId("exchange-held-fields")).toBeNull();
    await fireEvent.click(within(rows[1]).getByTestId("exchange-held-dismiss"));
    await waitFor(() => expect(screen.getAllByTestId("exchange-held-row")).toHaveLength(1));
    await fireEvent.click(screen.getByTestId("exchange-held-theirs"));
    await screen.findByTestId("exchange-held-none");
    expect(argsOf(calls, "exchange_held_resolve")).toEqual([
      { seq: 2, resolution: { kind: "keepOurs" } },
      { seq: 1, resolution: { kind: "takeTheirs" } },
    ]);
  });

  it("shows a duplicate pair side by side with its reasons, and merges keeping the right one", async () => {
    const { calls, backend } = await openExchange();
    const [a, b] = [...backend.cases.values()];
    const row = await screen.findByTestId("duplicate-row");
    expect(within(row).getByTestId("duplicate-left").textContent).toContain(`${a.data.eventDate} ${a.data.title}`);
    expect(within(row).getByTestId("duplicate-right").textContent).toContain(`${b.data.eventDate} ${b.data.title}`);
    expect(within(row).getByTestId("duplicate-score").textContent).toBe("Similarity 87%");
    // A canned pair of the first two records; the first names no victim, so the canned reason names one.
    expect(a.data.victimName).toBe("");
    expect(within(row).getByTestId("duplicate-reasons").textContent).toBe(
      "same victim: Әсел Нұрланқызы · similar text (72%) · 2 days apart · same region",
    );
    await fireEvent.click(within(row).getByTestId("duplicate-merge-right"));
    expect(screen.getByTestId("confirm-dialog").textContent).toContain(`Merge “${a.data.title}” into “${b.data.title}”?`);
    await fireEvent.click(screen.getByTestId("confirm-ok"));
    await screen.findByTestId("duplicates-none");
    expect(argsOf(calls, "duplicate_merge")).toEqual([{ keepId: b.id, duplicateId: a.id }]);
    expect(screen.getByTestId("duplicate-result").textContent).toBe(`Merged into “${b.data.title}”.`);
  });

  it("marks a pair related or not duplicates, and filters by dates", async () => {
    const { calls, backend } = await openExchange();
    const [a, b] = [...backend.cases.values()];
    await screen.findByTestId("duplicate-row");
    await fireEvent.input(screen.getByTestId("duplicates-from"), { target: { value: "2024-02-30" } });
    await fireEvent.input(screen.getByTestId("duplicates-to"), { target: { value: "2024-03-31" } });
    expect((screen.getByTestId("duplicates-apply") as HTMLButtonElement).disabled).toBe(true);
    await fireEvent.input(screen.getByTestId("duplicates-from"), { target: { value: "2024-01-01" } });
    await fireEvent.click(screen.getByTestId("duplicates-apply"));
    await waitFor(() => expect(argsOf(calls, "duplicates_list").at(-1)).toEqual({ from: "2024-01-01", to: "2024-03-31", caseId: null }));
    const row = await screen.findByTestId("duplicate-row");
    expect(argsOf(calls, "duplicates_list")).toHaveLength(2);
    await fireEvent.click(within(row).getByTestId("duplicate-related"));
    await screen.findByTestId("duplicates-none");
    expect(argsOf(calls, "duplicate_link")).toEqual([{ caseId: a.id, otherId: b.id, kind: "related" }]);
    expect(screen.getByTestId("duplicate-result").textContent).toBe("Saved: this pair is not proposed again.");
  });

  it("dismisses a pair as not duplicates", async () => {
    const { calls, backend } = await openExchange();
    const [a, b] = [...backend.cases.values()];
    await fireEvent.click(await screen.findByTestId("duplicate-dismiss"));
    await screen.findByTestId("duplicates-none");
    expect(argsOf(calls, "duplicate_link")).toEqual([{ caseId: a.id, otherId: b.id, kind: "dismissed" }]);
  });

  it("speaks Kazakh", async () => {
    start({ cases: 12, uiLang: "kk" });
    await unlock();
    const tab = await screen.findByTestId("nav-exchange");
    expect(tab.textContent).toBe("Алмасу");
    await fireEvent.click(tab);
    await screen.findByTestId("exchange-identity-fingerprint");
    expect(screen.getByText(kk.exchange.title)).toBeTruthy();
    expect(kk.exchange.peers.confirm).toBe("Осы тексеру кодын екінші тараппен салыстырдым");
    expect(kk.history.action.merged).toBe("біріктірілді");
    expect(kk.exchange.heldReason.conflict).toBe("Мұнда да өзгертілген");
    expect((await screen.findByTestId("exchange-held-fields")).textContent?.trim()).toBe("Таңдалған өрістерді алу");
  });
});

describe("the case editor", () => {
  it("says when an incoming version of the case is held, and leads to Exchange", async () => {
    start({ cases: 1 });
    await unlock();
    await fireEvent.click(await screen.findByTestId("case-row-open"));
    const banner = await screen.findByTestId("editor-held-banner");
    expect(banner.textContent).toContain("Әділ сөз — штаб");
    expect(banner.textContent).toContain("This vault's version stays");
    await fireEvent.click(within(banner).getByTestId("editor-held-open"));
    await screen.findByTestId("exchange-identity-fingerprint");
  });
});
