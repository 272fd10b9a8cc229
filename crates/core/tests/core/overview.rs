//! The monthly overview: the report model in kk/ru/en states the seed's
//! numbers, and the PDF carries them, with embedded subset fonts, on A4
//! pages, with nothing in the margins and nothing lost.

use crate::seed_month::{book, date, Book, MAY_CLAIMS, MAY_CONTEXT, MAY_INFORMATION, MAY_JOURNALISTS};
use kuzet_core::lang::Lang;
use kuzet_core::month::Month;
use kuzet_core::overview::fonts::{self, Metrics};
use kuzet_core::overview::{
    build_report, default_draft, draft_key, render_pdf, EntryRef, OrgSettings, OverviewDraft, OverviewError,
    ReportModel, SectionKind, ORG_SETTINGS_KEY,
};
use kuzet_core::summary::summary;
use kuzet_core::taxonomy::Taxonomy;
use std::path::PathBuf;
use std::process::Command;

fn may() -> Month {
    "2024-05".parse().unwrap()
}

fn model_of(b: &Book, lang: Lang) -> ReportModel {
    let t = Taxonomy::bundled();
    let s = summary(&b.cases, &t, may());
    let draft = default_draft(may(), &b.cases, &b.developments, &t, date(2024, 7, 16));
    build_report(lang, may(), &s, &draft, &OrgSettings::default(), &b.cases, &b.developments, &t).unwrap()
}

fn lines(m: &ReportModel) -> Vec<String> {
    m.count_lines.iter().map(|l| l.text.clone()).collect()
}

#[test]
fn english_model_states_the_seed_numbers() {
    let m = model_of(&book(), Lang::En);
    assert_eq!(m.title, "Violations of freedom of speech in Kazakhstan, May\u{a0}2024", "the month stays on one line");
    assert_eq!(m.publication_date, "16 July 2024");
    assert!(m.intro.ends_with("dissemination of information in May 2024."), "{}", m.intro);
    assert!(m.intro.starts_with("The International Foundation for Freedom of Speech Protection «Adil Soz» presents"));
    assert_eq!(m.counts_heading, "In May 2024, the following were recorded:");
    let l = lines(&m);
    assert_eq!(l[0], "22 reports of violations of the rights of journalists, media, and newsmakers");
    assert_eq!(l[1], "13 reports related to the right to freely receive and disseminate information");
    assert!(l[2].starts_with("10 reports of pre-trial and court claims and lawsuits against journalists"), "{}", l[2]);
    assert!(l[2].ends_with("(data on pre-trial and court proceedings do not include reports related to ongoing cases)"));
    assert_eq!(
        m.count_lines[1].including,
        ["including 10 cases of refusals or restrictions on the provision of socially significant information"]
    );
    assert!(m.count_lines[0].including.is_empty(), "no journalists' category holds half of 22");
    assert_eq!(
        m.count_lines[2].bullets,
        [
            "1 case in criminal proceedings",
            "6 court and pre-trial claims against media in civil proceedings",
            "3 administrative charges"
        ]
    );
    assert_eq!(
        m.trend[0],
        "In total, 45 violations were recorded in May 2024: 1.5 times more than in April 2024 (30), and 15% more than in May 2023 (39).",
        "45/30 = 1.5 times; 45/39 = +15.4% truncated to 15%"
    );
    assert_eq!(
        m.trend[1],
        "In January–May 2024, 87 violations were recorded: 1.5 times more than in the same period of 2023 (55).",
        "87/55 = 1.58 is written 1.5 times"
    );
    assert_eq!(
        m.series[0],
        "Violations of the rights of journalists, media outlets and newsmakers — 2022: 9; 2023: 19; January–May 2024: 43."
    );
    assert!(m.breakdowns.iter().any(|b| b.contains("and others — 2")), "journalists.other is \"and others\"");
    assert_eq!(m.footer[1], "Head of the Monitoring Service of the «Adil Soz» Foundation — Elena Tsoy");
    assert!(
        m.footer.iter().any(|f| f.contains("info@adilsoz.kz"))
            && m.footer.iter().any(|f| f.contains("lena@adilsoz.kz"))
    );
    let bars: Vec<(u32, u32)> = m.chart.bars.iter().map(|b| (b.current, b.earlier)).collect();
    assert_eq!(bars, [(22, 15), (13, 16), (10, 8)], "this May against May 2023");
    assert_eq!((m.chart.current_label.as_str(), m.chart.earlier_label.as_str()), ("May 2024", "May 2023"));
}

#[test]
fn russian_model_uses_cases_and_plurals() {
    let m = model_of(&book(), Lang::Ru);
    assert_eq!(m.title, "Нарушения свободы слова в Казахстане, май\u{a0}2024");
    assert_eq!(m.publication_date, "16 июля 2024 г.");
    assert_eq!(m.counts_heading, "В мае 2024 года зафиксировано:");
    let l = lines(&m);
    assert_eq!(l[0], "22 сообщения о нарушениях прав журналистов, СМИ и ньюсмейкеров");
    assert_eq!(l[1], "13 сообщений, касающихся права на свободное получение и распространение информации");
    assert!(l[2].starts_with("10 сообщений о досудебных и судебных претензиях и исках"));
    assert_eq!(
        m.count_lines[1].including,
        ["в том числе 10 случаев по категории «Отказы и ограничения в предоставлении общественно значимой информации»"]
    );
    assert_eq!(
        m.count_lines[2].bullets,
        [
            "1 случай уголовного преследования",
            "6 случаев в гражданском порядке (судебные иски и досудебные претензии)",
            "3 случая административного преследования"
        ]
    );
    assert!(m.trend[0].contains("в 1,5 раза больше, чем в апреле 2024 года (30)"), "{}", m.trend[0]);
    assert!(m.trend[0].contains("на 15% больше, чем в мае 2023 года (39)"), "{}", m.trend[0]);
    assert_eq!(
        m.trend[1],
        "За январь–май 2024 г. зафиксировано 87 нарушений: в 1,5 раза больше, чем за тот же период 2023 года (55)."
    );
    let also = m.sections.last().unwrap();
    assert_eq!(also.title, "Также в мае:");
    assert_eq!(also.entries[0].date, "21 мая.", "genitive month in dates");
    let claims = m.sections.iter().find(|s| s.entries.iter().any(|e| e.title.contains("Маричеву"))).unwrap();
    let fine = claims.entries.iter().find(|e| e.title.contains("Маричеву")).unwrap();
    assert_eq!(fine.details, ["Штраф: 73\u{a0}840\u{a0}тенге."], "no-break space as thousands separator");
}

#[test]
fn kazakh_model() {
    let m = model_of(&book(), Lang::Kk);
    assert_eq!(m.title, "Қазақстандағы сөз бостандығының бұзылуы, 2024\u{a0}жылғы\u{a0}мамыр");
    assert_eq!(m.org_names[0], "Сөз бостандығын қорғау халықаралық қоры");
    assert_eq!(m.counts_heading, "2024 жылғы мамырда тіркелді:");
    let l = lines(&m);
    assert_eq!(l[0], "Журналистердің, БАҚ пен ньюсмейкерлердің құқықтарын бұзу туралы 22 хабарлама");
    assert_eq!(l[1], "Ақпаратты еркін алу және тарату құқығына қатысты 13 хабарлама");
    assert!(m.count_lines[1].including[0].contains("10 жағдай"));
    assert_eq!(
        m.count_lines[2].bullets,
        [
            "қылмыстық қудалау бойынша 1 жағдай",
            "азаматтық тәртіппен 6 сот және сотқа дейінгі талап",
            "әкімшілік қудалау бойынша 3 жағдай"
        ]
    );
    assert!(m.trend[0].contains("2024 жылғы сәуірдегі көрсеткішпен (30) салыстырғанда 1,5 есе көп"), "{}", m.trend[0]);
    assert_eq!(m.sections[0].title, "Елдегі оқиғалар");
    assert_eq!(m.sections[0].entries[0].date, "3 мамыр.");
    assert_eq!(m.sections.last().unwrap().title, "Сондай-ақ мамыр айында:");
}

#[test]
fn default_draft_sections_and_order() {
    let b = book();
    let t = Taxonomy::bundled();
    let d = default_draft(may(), &b.cases, &b.developments, &t, date(2024, 7, 16));
    let kinds: Vec<(SectionKind, usize)> = d.sections.iter().map(|s| (s.kind.clone(), s.entries.len())).collect();
    let group = |c: &str| SectionKind::Group { code: c.parse().unwrap() };
    assert_eq!(
        kinds,
        [
            (SectionKind::Context, 5),
            (group("journalists"), 22),
            (group("information"), 13),
            (group("claims"), 10),
            (SectionKind::Developments, 2),
        ],
        "context of April 30 / June 1 and the June development stay out"
    );
    let first = d.sections[1].entries[0].item;
    let EntryRef::Case(id) = first else { panic!("a case") };
    assert_eq!(b.cases.iter().find(|c| c.id == id).unwrap().data.event_date, date(2024, 5, 1), "entries by date");
    assert_eq!(draft_key(may()), "overview-draft/2024-05");
    assert_eq!(ORG_SETTINGS_KEY, "org-settings");
    let json = serde_json::to_string(&d).unwrap();
    assert_eq!(serde_json::from_str::<OverviewDraft>(&json).unwrap(), d, "the draft survives the vault's JSON");
}

#[test]
fn a_custom_section_prints_its_title_and_entries_moved_into_it() {
    let b = book();
    let t = Taxonomy::bundled();
    let s = summary(&b.cases, &t, may());
    let mut d = default_draft(may(), &b.cases, &b.developments, &t, date(2024, 7, 16));
    let moved = d.sections[1].entries.remove(0);
    let item = moved.item;
    let mut title = kuzet_core::overview::LangTexts::default();
    title.set(Lang::Ru, "Суды");
    d.sections.push(kuzet_core::overview::DraftSection {
        kind: SectionKind::Custom,
        title,
        note: Default::default(),
        entries: vec![moved],
    });
    assert!(d.validate(&b.cases, &b.developments).is_ok());
    let ru = build_report(Lang::Ru, may(), &s, &d, &OrgSettings::default(), &b.cases, &b.developments, &t).unwrap();
    let last = ru.sections.last().unwrap();
    assert_eq!((last.title.as_str(), last.entries[0].item), ("Суды", item));
    assert!(ru.sections[1].entries.iter().all(|e| e.item != item), "listed once");
    let kk = build_report(Lang::Kk, may(), &s, &d, &OrgSettings::default(), &b.cases, &b.developments, &t).unwrap();
    assert_eq!(kk.sections.last().unwrap().title, "Суды", "no kk title: the one given, not none");
}

#[test]
fn overrides_and_errors() {
    let b = book();
    let t = Taxonomy::bundled();
    let s = summary(&b.cases, &t, may());
    let org = OrgSettings::default();
    let mut d = default_draft(may(), &b.cases, &b.developments, &t, date(2024, 7, 16));
    d.title.set(Lang::En, "Freedom of speech: May");
    d.sections[1].entries[0].text.set(Lang::En, "Edited text.\nSecond paragraph.");
    d.including.insert("journalists".parse().unwrap(), vec!["journalists.interference".parse().unwrap()]);
    let m = build_report(Lang::En, may(), &s, &d, &org, &b.cases, &b.developments, &t).unwrap();
    assert_eq!(m.title, "Freedom of speech: May");
    assert_eq!(m.sections[1].entries[0].text, "Edited text.\nSecond paragraph.");
    assert_eq!(
        m.count_lines[0].including,
        ["including 5 cases of interference in the activities of media outlets, censorship"]
    );
    let ru = build_report(Lang::Ru, may(), &s, &d, &org, &b.cases, &b.developments, &t).unwrap();
    assert_eq!(
        ru.title, "Нарушения свободы слова в Казахстане, май\u{a0}2024",
        "an English override leaves Russian generated"
    );

    let without_one: Vec<_> = b.cases.iter().filter(|c| c.data.title != MAY_CLAIMS[0]).cloned().collect();
    let err = build_report(Lang::En, may(), &s, &d, &org, &without_one, &b.developments, &t).unwrap_err();
    assert!(matches!(err, OverviewError::MissingEntry { section: 4, .. }), "{err}");
    assert_eq!(d.retain_existing(&without_one, &b.developments), 1);
    assert!(build_report(Lang::En, may(), &s, &d, &org, &without_one, &b.developments, &t).is_ok());
    let june = summary(&b.cases, &t, "2024-06".parse().unwrap());
    let err = build_report(Lang::En, may(), &june, &d, &org, &b.cases, &b.developments, &t).unwrap_err();
    assert_eq!(err.to_string(), "the summary is for 2024-06, but the overview is for 2024-05");
}

#[test]
fn bundled_fonts_cover_kazakh_russian_english_and_punctuation() {
    let alphabet = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ\
                    аәбвгғдеёжзийкқлмнңоөпрстуұүфхһцчшщъыіьэюя\
                    ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789\
                    «»–—№•%.,:;!?()\"'’/@-\u{a0}";
    for (name, bytes) in [("regular", fonts::REGULAR), ("bold", fonts::BOLD)] {
        let m = Metrics::new(bytes).unwrap();
        let missing: String = alphabet.chars().filter(|c| !m.has_glyph(*c)).collect();
        assert_eq!(missing, "", "Noto Sans {name} lacks glyphs");
        assert!(m.advance(' ') > 0.2, "the space has a real advance, not 0");
    }
}

// ---- PDF -------------------------------------------------------------------

pub(crate) fn tool(name: &str) -> PathBuf {
    let ok = Command::new(name).arg("-v").output().is_ok();
    assert!(ok, "{name} is missing: install poppler-utils (apt-get install poppler-utils) to run the PDF tests");
    PathBuf::from(name)
}

pub(crate) fn write_pdf(bytes: &[u8], name: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    (dir, path)
}

pub(crate) fn run(name: &str, args: &[&str]) -> String {
    let out = Command::new(tool(name)).args(args).output().unwrap();
    assert!(out.status.success(), "{name} failed: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

/// The PDF's text with running headers and page numbers removed and all
/// white space (line ends, no-break spaces) collapsed to single spaces, so
/// wrapped lines read as the original strings.
fn text_of(path: &std::path::Path, title: &str) -> String {
    let raw = run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    let mut kept: Vec<&str> = Vec::new();
    for (page, text) in raw.split('\u{c}').enumerate() {
        for l in text.lines().map(str::trim) {
            let page_no = l.split(" / ").count() == 2 && l.split(" / ").all(|p| p.parse::<u32>().is_ok());
            let running_header = page > 0 && !l.is_empty() && title.starts_with(l);
            if !page_no && !running_header {
                kept.push(l);
            }
        }
    }
    squash(&kept.join(" "))
}

pub(crate) fn squash(s: &str) -> String {
    s.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ")
}

#[test]
fn pdf_in_three_languages_carries_header_entries_and_counts() {
    let b = book();
    for lang in Lang::ALL {
        let m = model_of(&b, lang);
        let pdf = render_pdf(&m).unwrap();
        let (_dir, path) = write_pdf(&pdf, &format!("overview-{lang}.pdf"));
        // To look at the pages: KUZET_KEEP_PDF=/some/dir cargo test … then pdftoppm.
        if let Some(dir) = std::env::var_os("KUZET_KEEP_PDF") {
            std::fs::write(PathBuf::from(dir).join(format!("seed-{lang}.pdf")), &pdf).unwrap();
        }
        let text = text_of(&path, &m.title);
        for name in &m.org_names {
            assert!(text.contains(name.as_str()), "{lang}: header {name:?} missing");
        }
        assert!(text.contains("Сөз бостандығын қорғау халықаралық қоры"), "{lang}: the Kazakh header");
        assert!(text.contains(&squash(&m.title)), "{lang}: title");
        for l in &m.count_lines {
            assert!(text.contains(&squash(&l.text)), "{lang}: count line {:?}", l.text);
            for p in l.including.iter().chain(&l.bullets) {
                assert!(text.contains(&squash(p)), "{lang}: {p:?}");
            }
        }
        for t in &m.trend {
            assert!(text.contains(&squash(t)), "{lang}: trend {t:?}");
        }
        for title in
            MAY_JOURNALISTS.iter().chain(&MAY_INFORMATION).chain(&MAY_CLAIMS).chain(MAY_CONTEXT.iter().map(|(_, t)| t))
        {
            assert!(text.contains(title), "{lang}: entry {title:?} missing");
        }
        for s in &m.sections {
            for e in &s.entries {
                assert!(text.contains(&squash(&format!("{} {}", e.date, e.title))), "{lang}: dated entry {}", e.title);
            }
        }
        for f in &m.footer {
            assert!(text.contains(&squash(f)), "{lang}: footer {f:?}");
        }
        let info = run("pdfinfo", &[path.to_str().unwrap()]);
        let pages: usize = info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap();
        let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
        assert!(size.ends_with("(A4)") && size.contains(" x 84"), "{lang}: A4 pages: {size}");
        assert!(info.contains(&format!("Title:           {}", m.title)), "{lang}: readable metadata: {info}");
        let raw = run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
        // pdftotext may drop the narrow spaces around the slash.
        let raw = raw.replace(' ', "");
        for n in 1..=pages {
            assert!(raw.contains(&format!("\n{n}/{pages}\n")), "{lang}: page number {n} / {pages}");
        }
        assert!(pdf.len() < 400_000, "{lang}: the month's PDF is {} bytes", pdf.len());
        assert_inside_text_area(&path);
    }
}

#[test]
fn the_same_report_gives_the_same_bytes() {
    let m = model_of(&book(), Lang::Ru);
    assert_eq!(render_pdf(&m).unwrap(), render_pdf(&m).unwrap(), "no clock, no random ids in the PDF");
}

#[test]
fn pdf_embeds_subset_fonts_and_no_builtin_font() {
    let m = model_of(&book(), Lang::Kk);
    let (_dir, path) = write_pdf(&render_pdf(&m).unwrap(), "fonts.pdf");
    let out = run("pdffonts", &[path.to_str().unwrap()]);
    let rows: Vec<&str> = out.lines().skip(2).collect();
    assert_eq!(rows.len(), 2, "Noto Sans Regular and Bold, nothing else:\n{out}");
    for r in rows {
        let cols: Vec<&str> = r.split_whitespace().collect();
        // name type [encoding…] emb sub uni object ID
        let n = cols.len();
        assert_eq!((cols[n - 5], cols[n - 4], cols[n - 3]), ("yes", "yes", "yes"), "emb, sub, uni: {r}");
        assert!(cols[0].contains('+'), "subset fonts carry a tag prefix: {r}");
        assert!(!r.contains("Helvetica") && !r.contains("Times") && !r.contains("Courier"), "no built-in font: {r}");
    }
}

#[test]
fn a_long_entry_flows_over_pages_and_nothing_is_lost_or_in_the_margins() {
    let mut b = Book::default();
    let long_word = "https://adilsoz.kz/".to_string() + &"x".repeat(41);
    assert_eq!(long_word.chars().count(), 60);
    let words: Vec<String> = (0..1400).map(|i| format!("сөз{i}")).collect();
    let body = format!("{}\n\n{long_word}\nСоңғы жол.", words.join(" "));
    b.add(date(2024, 5, 7), "journalists.threat", "Өте ұзақ жазба").data.summary = body.clone();
    b.add(date(2024, 5, 8), "information.refusal", "Келесі жазба");
    let m = model_of(&b, Lang::Kk);
    let (_dir, path) = write_pdf(&render_pdf(&m).unwrap(), "long.pdf");
    let text = text_of(&path, &m.title);
    for w in &words {
        assert!(text.contains(&format!("{w} ")), "{w} lost");
    }
    assert!(text.contains("Соңғы жол."), "the last line survives");
    let long_pieces: String =
        text.split(' ').filter(|w| w.starts_with("https://") || w.chars().all(|c| c == 'x')).collect();
    assert!(long_pieces.starts_with(&long_word), "the 60-character token is cut, not lost: {long_pieces}");
    assert!(pages_of(&path) >= 3, "1400 words need three pages or more");
    assert_inside_text_area(&path);
}

fn pages_of(path: &std::path::Path) -> usize {
    let info = run("pdfinfo", &[path.to_str().unwrap()]);
    info.lines().find_map(|l| l.strip_prefix("Pages:")).unwrap().trim().parse().unwrap()
}

/// Every word lies inside the text area, except the running header and the
/// page number, which live in the top and bottom margins by design.
fn assert_inside_text_area(path: &std::path::Path) {
    let bbox = run("pdftotext", &["-bbox", path.to_str().unwrap(), "-"]);
    let (left, right, top, bottom) = (56.7 - 0.5, 595.28 - 56.7 + 0.5, 62.0 - 0.5, 841.89 - 62.0 + 4.0);
    let mut words = 0;
    for l in bbox.lines().filter(|l| l.trim_start().starts_with("<word")) {
        let attr = |k: &str| -> f32 {
            let i = l.find(&format!("{k}=\"")).unwrap() + k.len() + 2;
            l[i..].split('"').next().unwrap().parse().unwrap()
        };
        let (x0, x1, y0, y1) = (attr("xMin"), attr("xMax"), attr("yMin"), attr("yMax"));
        if y1 < 45.0 || y0 > 800.0 {
            continue; // running header / page number
        }
        words += 1;
        assert!(x0 >= left && x1 <= right && y0 >= top && y1 <= bottom, "word outside the text area: {l}");
    }
    assert!(words > 100, "the bounding boxes were read ({words} words)");
}

#[test]
fn one_violation_was_recorded_in_english() {
    let mut b = Book::default();
    b.add(date(2025, 1, 14), "journalists.threat", "Threat");
    let t = Taxonomy::bundled();
    let jan: Month = "2025-01".parse().unwrap();
    let s = summary(&b.cases, &t, jan);
    let draft = default_draft(jan, &b.cases, &[], &t, date(2025, 2, 10));
    let m = build_report(Lang::En, jan, &s, &draft, &OrgSettings::default(), &b.cases, &[], &t).unwrap();
    assert!(m.trend[0].starts_with("In total, 1 violation was recorded in January 2025: "), "{}", m.trend[0]);
    assert!(m.trend[1].starts_with("In January 2025, 1 violation was recorded: "), "{}", m.trend[1]);
    assert!(m.trend.iter().all(|t| !t.contains("1 violation were")), "{:?}", m.trend);
    assert_eq!(m.count_lines[0].text, "1 report of violations of the rights of journalists, media, and newsmakers");
    let ru = build_report(Lang::Ru, jan, &s, &draft, &OrgSettings::default(), &b.cases, &[], &t).unwrap();
    assert!(ru.trend[0].contains("зафиксировано 1 нарушение"), "{}", ru.trend[0]);
}

#[test]
fn a_month_without_cases_says_so() {
    let t = Taxonomy::bundled();
    let jan: Month = "2025-01".parse().unwrap();
    let s = summary(&[], &t, jan);
    let draft = default_draft(jan, &[], &[], &t, date(2025, 2, 10));
    let heading = |lang| {
        let m = build_report(lang, jan, &s, &draft, &OrgSettings::default(), &[], &[], &t).unwrap();
        assert!(m.count_lines.is_empty());
        m.counts_heading
    };
    assert_eq!(heading(Lang::En), "In January 2025, no violations were recorded.");
    assert_eq!(heading(Lang::Ru), "В январе 2025 года нарушений не зафиксировано.");
    assert_eq!(heading(Lang::Kk), "2025 жылғы қаңтарда бұзушылық тіркелген жоқ.");
}

// ---- PDF metadata, validity, extraction ------------------------------------

/// Every Kazakh letter beyond the Russian alphabet (Ә Ғ Қ Ң Ө Ұ Ү Һ І), in
/// capitals in the title and in lower case in the entry.
const KAZAKH_TITLE: &str = "ҚАЗАҚСТАН: ӘДІЛ СӨЗ, ҒАЛАМТОР, ЖАҢАӨЗЕН, ҰЛЫТАУ, ҮРЖАР, ШАҺАР";
const KAZAKH_ENTRY: &str = "Тілшіге шаһар әкімдігі ғимаратына кіруге рұқсат берілмеді, үкімет өкілі жаңа ережені айтты";

/// The seed month in Kazakh, titled [`KAZAKH_TITLE`], published on `published`.
fn kazakh_pdf(published: chrono::NaiveDate) -> (ReportModel, Vec<u8>) {
    let mut b = book();
    b.add(date(2024, 5, 30), "journalists.obstruction", KAZAKH_ENTRY);
    let t = Taxonomy::bundled();
    let s = summary(&b.cases, &t, may());
    let mut draft = default_draft(may(), &b.cases, &b.developments, &t, published);
    draft.title.set(Lang::Kk, KAZAKH_TITLE);
    let m = build_report(Lang::Kk, may(), &s, &draft, &OrgSettings::default(), &b.cases, &b.developments, &t).unwrap();
    let pdf = render_pdf(&m).unwrap();
    if let Some(dir) = std::env::var_os("KUZET_KEEP_PDF") {
        std::fs::write(PathBuf::from(dir).join(format!("kazakh-title-{published}.pdf")), &pdf).unwrap();
    }
    (m, pdf)
}

fn info_line<'a>(info: &'a str, key: &str) -> &'a str {
    info.lines().find_map(|l| l.strip_prefix(&format!("{key}:"))).map_or("", str::trim)
}

/// An Info dictionary text string as lopdf reads it (UTF-16BE with a BOM).
fn lopdf_text(doc: &lopdf::Document, key: &str) -> String {
    let info = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference).unwrap();
    let bytes = doc.get_dictionary(info).unwrap().get(key.as_bytes()).unwrap().as_str().unwrap().to_vec();
    if let Some(utf16) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        let units: Vec<u16> = utf16.chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
        String::from_utf16(&units).unwrap()
    } else {
        String::from_utf8(bytes).unwrap()
    }
}

#[test]
fn pdf_metadata_names_the_title_the_organisation_and_the_publication_date() {
    let (m, pdf) = kazakh_pdf(date(2024, 7, 16));
    let (_dir, path) = write_pdf(&pdf, "metadata.pdf");
    let info = run("pdfinfo", &["-rawdates", path.to_str().unwrap()]);
    assert_eq!(info_line(&info, "Title"), KAZAKH_TITLE, "{info}");
    assert_eq!(info_line(&info, "Author"), "Сөз бостандығын қорғау халықаралық қоры «Әділ сөз»", "{info}");
    assert_eq!(m.author, info_line(&info, "Author"));
    assert_eq!(
        info_line(&info, "CreationDate"),
        "D:20240716000000+05'00'",
        "midnight in Almaty (UTC+5 since March 2024)"
    );
    assert_eq!(info_line(&info, "ModDate"), "D:20240716000000+05'00'");
    let iso = run("pdfinfo", &["-isodates", path.to_str().unwrap()]);
    assert_eq!(info_line(&iso, "CreationDate"), "2024-07-16T00:00:00+05", "{iso}");
    assert_eq!(info_line(&iso, "Custom Metadata"), "no", "no PDF/X claim or empty keys left: {iso}");
    assert!(!iso.contains("1970"), "{iso}");

    // The same values read by lopdf, not only by poppler.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    assert_eq!(lopdf_text(&doc, "Title"), KAZAKH_TITLE);
    assert_eq!(lopdf_text(&doc, "Author"), m.author);
    assert_eq!(lopdf_text(&doc, "CreationDate"), "D:20240716000000+05'00'");

    // Before 1 March 2024 Kazakhstan was at UTC+6.
    let (_, winter) = kazakh_pdf(date(2024, 2, 10));
    let (_dir2, winter_path) = write_pdf(&winter, "winter.pdf");
    let info = run("pdfinfo", &["-rawdates", winter_path.to_str().unwrap()]);
    assert_eq!(info_line(&info, "CreationDate"), "D:20240210000000+06'00'", "{info}");
}

#[test]
fn pdf_date_is_local_midnight_in_kazakhstan() {
    use kuzet_core::overview::pdf::pdf_date;
    assert_eq!(pdf_date(date(2024, 7, 16)), "D:20240716000000+05'00'");
    assert_eq!(pdf_date(date(2024, 2, 29)), "D:20240229000000+06'00'");
    assert_eq!(pdf_date(date(2024, 3, 1)), "D:20240301000000+05'00'");
}

#[test]
fn the_pdf_passes_qpdf_check_in_three_languages() {
    let b = book();
    for lang in Lang::ALL {
        let (_dir, path) = write_pdf(&render_pdf(&model_of(&b, lang)).unwrap(), &format!("check-{lang}.pdf"));
        let out = Command::new("qpdf").arg("--check").arg(&path).output().unwrap_or_else(|e| {
            panic!("qpdf is missing ({e}): install it (apt-get install qpdf, see scripts/setup.sh)")
        });
        let text = format!("{}{}", String::from_utf8_lossy(&out.stdout), String::from_utf8_lossy(&out.stderr));
        assert!(out.status.success(), "{lang}: qpdf --check failed:\n{text}");
        assert!(text.contains("No syntax or stream encoding errors found"), "{lang}: {text}");
        assert!(!text.to_lowercase().contains("warning"), "{lang}: {text}");
    }
}

#[test]
fn two_independent_extractors_read_the_kazakh_text() {
    let (m, pdf) = kazakh_pdf(date(2024, 7, 16));
    let (_dir, path) = write_pdf(&pdf, "extract.pdf");
    let poppler = text_of(&path, &m.title);
    let rust = squash(&pdf_extract::extract_text_from_mem(&pdf).expect("pdf-extract reads the PDF"));
    for (name, text) in [("pdftotext", &poppler), ("pdf-extract", &rust)] {
        assert!(text.contains(KAZAKH_TITLE), "{name}: the title {KAZAKH_TITLE:?} in:\n{text}");
        assert!(text.contains(KAZAKH_ENTRY), "{name}: the entry {KAZAKH_ENTRY:?}");
        assert!(text.contains("Сөз бостандығын қорғау халықаралық қоры"), "{name}: the Kazakh header");
        assert!(text.contains(&squash(&m.intro)), "{name}: the intro, wrapped over lines");
    }
}

#[test]
fn same_day_entries_follow_the_kazakh_alphabet() {
    use crate::vault::{at, case, day, new_vault};
    let (_dir, mut v) = new_vault();
    // Code point order would put Ё and І before А, and Ә, Ғ, Қ, Ө, Ұ, Ү after Я.
    for (i, t) in
        ["Үкімет", "Іздеу", "Әкім", "Ёлка", "Қала", "Ақпарат", "Өнер", "Ұлт", "Ғалым", "Яблоко"].into_iter().enumerate()
    {
        v.insert_case(case(day(2024, 5, 7), "journalists.threat", t), at(i as u32)).unwrap();
    }
    let (m, _) = kuzet_core::monthly::month_report(&v, "2024-05".parse().unwrap(), Lang::Kk, day(2024, 6, 5)).unwrap();
    let titles: Vec<&str> = m.sections.iter().flat_map(|s| s.entries.iter().map(|e| e.title.as_str())).collect();
    assert_eq!(titles, ["Ақпарат", "Әкім", "Ғалым", "Ёлка", "Қала", "Өнер", "Ұлт", "Үкімет", "Іздеу", "Яблоко"]);
}
