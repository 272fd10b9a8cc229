//! A printable single case, for a lawyer or a donor: every field, the
//! proceeding, the sources, the developments, the attachments with their
//! SHA-256 and a summary of the case's history.
//!
//! Two editions, as for exports ([`Edition`]): the **full** record, for the
//! foundation's own use (it says so in its date line), and the **public**
//! copy, in which every private name is replaced as in the public overview
//! (the caller passes records already redacted by
//! [`publication::public_export`](crate::publication::public_export)), the
//! attachments are listed without their file names and the history without
//! the staff's names.

use super::document::{render_document, Block, Document, BODY_LEAD};
use super::model::{footer, pick};
use super::pdf::{closing, letterhead, section_heading, BODY_STYLE, MUTED, SMALL, STRONG};
use super::words;
use super::{OrgSettings, OverviewError};
use crate::case::{Case, CaseKind, CaseStatus, Development, ProceedingBranch, ProceedingStage};
use crate::lang::Lang;
use crate::month::local_time;
use crate::taxonomy::Taxonomy;
use crate::transfer::Edition;
use crate::vault::{Attachment, Entity, HistoryAction, HistoryEntry};
use chrono::NaiveDate;

/// What a case sheet shows besides the case itself.
#[derive(Debug, Clone)]
pub struct CaseSheet<'a> {
    /// The case (already redacted for a public copy).
    pub case: &'a Case,
    /// Its developments, by date (already redacted for a public copy).
    pub developments: &'a [Development],
    /// Its attachments.
    pub attachments: &'a [Attachment],
    /// Its history, oldest first ([`Vault::case_history`](crate::vault::Vault::case_history)).
    pub history: &'a [HistoryEntry],
    /// Full record or public copy.
    pub edition: Edition,
    /// The day it is printed (a local date in Kazakhstan).
    pub printed_on: NaiveDate,
}

fn field<'a>(lang: Lang, kk: &'a str, ru: &'a str, en: &'a str) -> &'a str {
    match lang {
        Lang::Kk => kk,
        Lang::Ru => ru,
        Lang::En => en,
    }
}

fn yes_no(lang: Lang, b: bool) -> String {
    if b {
        pick(lang, "иә", "да", "yes")
    } else {
        pick(lang, "жоқ", "нет", "no")
    }
}

fn action_word(lang: Lang, a: HistoryAction) -> String {
    match a {
        HistoryAction::Created => pick(lang, "құрылды", "создано", "created"),
        HistoryAction::Updated => pick(lang, "өзгертілді", "изменено", "changed"),
        HistoryAction::Trashed => pick(lang, "себетке жіберілді", "перемещено в корзину", "moved to the trash"),
        HistoryAction::Restored => pick(lang, "қалпына келтірілді", "восстановлено", "restored"),
        HistoryAction::Purged => pick(lang, "біржола жойылды", "удалено навсегда", "removed for good"),
        HistoryAction::Removed => pick(lang, "алынып тасталды", "удалено", "removed"),
        HistoryAction::Merged => pick(lang, "біріктірілді", "объединено", "merged"),
    }
}

/// A byte count as people read it: "812 B", "14.2 KB", "3.1 MB" (1 KB =
/// 1,024 bytes), with the decimal comma in kk and ru.
fn size(lang: Lang, bytes: u64) -> String {
    let (v, unit) = match bytes {
        b if b < 1024 => return format!("{b} B"),
        b if b < 1024 * 1024 => (b as f64 / 1024.0, "KB"),
        b if b < 1024 * 1024 * 1024 => (b as f64 / (1024.0 * 1024.0), "MB"),
        b => (b as f64 / (1024.0 * 1024.0 * 1024.0), "GB"),
    };
    let s = format!("{v:.1} {unit}");
    if lang == Lang::En {
        s
    } else {
        s.replace('.', ",")
    }
}

fn edition_line(lang: Lang, edition: Edition, printed_on: NaiveDate) -> String {
    let date = words::full_date(lang, printed_on);
    match (edition, lang) {
        (Edition::Full, Lang::En) => {
            format!("Case record, printed {date}. Full record: contains the names of private persons, for the foundation's own use.")
        }
        (Edition::Full, Lang::Ru) => format!(
            "Карточка случая, напечатано {date}. Полная запись: содержит имена частных лиц, только для внутреннего пользования фонда."
        ),
        (Edition::Full, Lang::Kk) => format!(
            "Жағдай карточкасы, басылған күні: {date}. Толық жазба: жеке тұлғалардың аттары бар, тек қордың ішкі қолданысы үшін."
        ),
        (Edition::Public, Lang::En) => {
            format!("Case record, printed {date}. Public copy: the names of private persons are withheld.")
        }
        (Edition::Public, Lang::Ru) => {
            format!("Карточка случая, напечатано {date}. Публичная копия: имена частных лиц скрыты.")
        }
        (Edition::Public, Lang::Kk) => {
            format!("Жағдай карточкасы, басылған күні: {date}. Жария көшірме: жеке тұлғалардың аттары жасырылған.")
        }
    }
}

fn fields(lang: Lang, s: &CaseSheet<'_>, taxonomy: &Taxonomy) -> Vec<(String, String)> {
    let d = &s.case.data;
    fn label_of<'t>(
        lang: Lang,
        code: &str,
        mut list: impl Iterator<Item = (&'t str, &'t crate::lang::Labels)>,
    ) -> String {
        list.find(|(c, _)| *c == code).map_or_else(|| code.to_string(), |(_, l)| l.get(lang).to_string())
    }
    let mut out: Vec<(String, String)> = Vec::new();
    let mut push = |k: &str, v: String| {
        if !v.trim().is_empty() {
            out.push((k.to_string(), v));
        }
    };
    push(field(lang, "Сілтеме", "Шифр", "Reference"), d.external_ref.clone().unwrap_or_default());
    push(field(lang, "Күні", "Дата события", "Event date"), words::full_date(lang, d.event_date));
    push(
        field(lang, "Түрі", "Вид", "Kind"),
        match d.kind {
            CaseKind::Case => pick(lang, "бұзушылық (саналады)", "нарушение (учитывается)", "violation (counted)"),
            CaseKind::Context => pick(
                lang,
                "елдегі оқиға (саналмайды)",
                "событие в стране (не учитывается)",
                "event in the country (not counted)",
            ),
        },
    );
    if let Some(g) = taxonomy.group_of(&d.category) {
        push(field(lang, "Топ", "Группа", "Group"), g.label.get(lang).to_string());
    }
    push(field(lang, "Санат", "Категория", "Category"), taxonomy.category_label(&d.category, lang));
    push(
        field(lang, "Қосымша санаттар", "Дополнительные категории", "Tags"),
        d.tags.iter().map(|t| taxonomy.category_label(t, lang)).collect::<Vec<_>>().join("; "),
    );
    if let Some(r) = &d.region {
        push(
            field(lang, "Өңір", "Регион", "Region"),
            label_of(lang, r.as_str(), taxonomy.regions.iter().map(|x| (x.code.as_str(), &x.label))),
        );
    }
    if let Some(v) = &d.victim.kind {
        push(
            field(lang, "Зардап шегуші түрі", "Тип пострадавшего", "Victim / target type"),
            label_of(lang, v.as_str(), taxonomy.victim_types.iter().map(|x| (x.code.as_str(), &x.label))),
        );
    }
    push(field(lang, "Зардап шегуші", "Пострадавший", "Victim"), d.victim.name.clone());
    push(field(lang, "БАҚ", "СМИ", "Outlet"), d.victim.outlet.clone());
    if let Some(p) = &d.perpetrator_type {
        push(
            field(lang, "Бұзушы түрі", "Тип нарушителя", "Perpetrator type"),
            label_of(lang, p.as_str(), taxonomy.perpetrator_types.iter().map(|x| (x.code.as_str(), &x.label))),
        );
    }
    if let Some(b) = &d.legal_basis {
        push(
            field(lang, "Құқықтық негіз", "Правовое основание", "Legal basis"),
            label_of(lang, b.as_str(), taxonomy.legal_bases.iter().map(|x| (x.code.as_str(), &x.label))),
        );
    }
    push(
        field(lang, "Мәртебесі", "Статус", "Status"),
        match d.status {
            CaseStatus::Open => pick(lang, "ашық", "открыт", "open"),
            CaseStatus::Closed => pick(lang, "жабық", "закрыт", "closed"),
        },
    );
    push(field(lang, "Құпия", "Конфиденциально", "Confidential"), yes_no(lang, d.confidential));
    if let Some(l) = d.language {
        push(field(lang, "Мәтін тілі", "Язык текста", "Language of the text"), l.code().to_string());
    }
    if s.edition == Edition::Full {
        push(
            field(lang, "Жасырылатын аттар", "Скрываемые имена", "Names hidden in public"),
            d.private_names.join("; "),
        );
    }
    out
}

fn proceeding_lines(lang: Lang, case: &Case) -> Vec<(String, String)> {
    let Some(p) = &case.data.proceeding else { return Vec::new() };
    let mut out = vec![(
        field(lang, "Сала", "Вид производства", "Branch").to_string(),
        match p.branch {
            ProceedingBranch::Criminal => pick(lang, "қылмыстық", "уголовное", "criminal"),
            ProceedingBranch::Civil => pick(lang, "азаматтық", "гражданское", "civil"),
            ProceedingBranch::Administrative => pick(lang, "әкімшілік", "административное", "administrative"),
        },
    )];
    if let Some(st) = p.stage {
        out.push((
            field(lang, "Кезең", "Стадия", "Stage").to_string(),
            match st {
                ProceedingStage::Pretrial => pick(lang, "сотқа дейінгі", "досудебная", "pre-trial"),
                ProceedingStage::Court => pick(lang, "сот", "суд", "court"),
            },
        ));
    }
    let mut push = |k: &str, v: String| {
        if !v.trim().is_empty() {
            out.push((k.to_string(), v));
        }
    };
    push(field(lang, "Сот", "Суд", "Court"), p.court.clone());
    if let Some(a) = p.amount_claimed_kzt {
        push(field(lang, "Талап сомасы", "Сумма иска", "Amount claimed"), words::kzt(lang, a));
    }
    if let Some(f) = p.fine_kzt {
        push(field(lang, "Айыппұл", "Штраф", "Fine"), words::kzt(lang, f));
    }
    push(field(lang, "Нәтижесі", "Итог", "Outcome"), p.outcome.clone());
    out
}

fn labelled(lines: Vec<(String, String)>) -> Vec<Block> {
    lines
        .into_iter()
        .map(|(k, v)| Block::Paragraph {
            text: v,
            indent: 0.0,
            style: BODY_STYLE,
            prefix: Some((format!("{k}:"), STRONG)),
        })
        .collect()
}

fn history_blocks(lang: Lang, s: &CaseSheet<'_>) -> Vec<Block> {
    let mut b = Vec::new();
    let (Some(first), Some(last)) = (s.history.first(), s.history.last()) else {
        b.push(Block::text(
            pick(lang, "Тарих жазбалары жоқ.", "Записей истории нет.", "No history recorded."),
            0.0,
            MUTED,
        ));
        return b;
    };
    let n = s.history.len();
    b.push(Block::text(
        match lang {
            Lang::En => format!(
                "{n} change(s) recorded, from {} to {} (Almaty time). Each entry is chained to the previous one by its SHA-256; the last entry's hash is {}.",
                local_time(first.at),
                local_time(last.at),
                last.hash
            ),
            Lang::Ru => format!(
                "Записано изменений: {n}, с {} по {} (время Алматы). Каждая запись связана с предыдущей хешем SHA-256; хеш последней записи: {}.",
                local_time(first.at),
                local_time(last.at),
                last.hash
            ),
            Lang::Kk => format!(
                "Тіркелген өзгерістер саны: {n}, {} — {} (Алматы уақыты). Әр жазба алдыңғысымен SHA-256 хешімен байланысқан; соңғы жазбаның хеші: {}.",
                local_time(first.at),
                local_time(last.at),
                last.hash
            ),
        },
        0.0,
        SMALL,
    ));
    b.push(Block::Gap(4.0));
    for e in s.history {
        let what = match e.entity {
            Entity::Development => pick(lang, "оқиғаның дамуы", "развитие событий", "development"),
            Entity::Attachment => pick(lang, "файл", "файл", "attachment"),
            _ => pick(lang, "жағдай", "случай", "case"),
        };
        let mut text = format!("{} — {what}: {}", local_time(e.at), action_word(lang, e.action));
        if s.edition == Edition::Full && !e.actor.is_empty() {
            text.push_str(&format!(" ({})", e.actor));
        }
        let changed: Vec<&str> = e.changes.iter().map(|c| c.field.as_str()).collect();
        if !changed.is_empty() && e.action == HistoryAction::Updated {
            text.push_str(&format!(": {}", changed.join(", ")));
        }
        b.push(Block::text(text, 12.0, SMALL));
    }
    b
}

/// Said under the title when the case has no text in the sheet's language.
fn untranslated_note(lang: Lang) -> String {
    pick(
        lang,
        "Жағдайдың мәтіні қазақ тіліне аударылмаған: ол жазылған тілде берілген.",
        "Текст случая не переведён на русский язык: он дан на языке записи.",
        "The case's text is not translated into English: it is given as recorded.",
    )
}

fn document(lang: Lang, s: &CaseSheet<'_>, org: &OrgSettings, taxonomy: &Taxonomy) -> Document {
    let d = &s.case.data;
    let text = d.text_in(lang);
    let org_names: Vec<String> = Lang::ALL.iter().map(|l| org.name.get(*l).to_string()).collect();
    let mut b = letterhead(&org_names, text.title, &edition_line(lang, s.edition, s.printed_on));
    if !text.translated {
        b.push(Block::text(untranslated_note(lang), 0.0, MUTED));
    }
    b.extend(labelled(fields(lang, s, taxonomy)));
    if !text.summary.trim().is_empty() {
        b.extend(section_heading(&pick(lang, "Сипаттама", "Описание", "Summary")));
        b.push(Block::text(text.summary, 0.0, BODY_STYLE));
    }
    let proceeding = proceeding_lines(lang, s.case);
    if !proceeding.is_empty() {
        b.extend(section_heading(&pick(lang, "Іс жүргізу", "Производство", "Proceeding")));
        b.extend(labelled(proceeding));
    }
    if !d.sources.is_empty() {
        b.extend(section_heading(&pick(lang, "Дереккөздер", "Источники", "Sources")));
        for src in &d.sources {
            b.push(Block::Paragraph {
                text: src.clone(),
                indent: 12.0,
                style: SMALL,
                prefix: Some(("•".into(), SMALL)),
            });
        }
    }
    if !s.developments.is_empty() {
        b.extend(section_heading(&pick(lang, "Оқиғаның дамуы", "Развитие событий", "Developments")));
        for dev in s.developments {
            let text = dev.data.text_in(lang);
            b.push(Block::Keep(2.0 * BODY_LEAD));
            b.push(Block::Paragraph {
                text: text.title.to_string(),
                indent: 0.0,
                style: STRONG,
                prefix: Some((
                    words::entry_date(lang, dev.data.event_date),
                    super::document::style(true, 10.0, BODY_LEAD, super::document::ACCENT),
                )),
            });
            if !text.summary.is_empty() {
                b.push(Block::text(text.summary, 0.0, BODY_STYLE));
            }
            for src in &dev.data.sources {
                b.push(Block::text(src, 12.0, MUTED));
            }
            b.push(Block::Gap(6.0));
        }
    }
    b.extend(section_heading(&pick(lang, "Тіркелген файлдар", "Приложенные файлы", "Attachments")));
    if s.attachments.is_empty() {
        b.push(Block::text(pick(lang, "Файлдар жоқ.", "Файлов нет.", "None."), 0.0, MUTED));
    }
    for (i, a) in s.attachments.iter().enumerate() {
        let name = match s.edition {
            Edition::Full => a.name.clone(),
            Edition::Public => format!("{} {}", pick(lang, "Файл", "Файл", "File"), i + 1),
        };
        b.push(Block::Paragraph {
            text: format!("{}, {}, {} {}", a.media_type, size(lang, a.size), "SHA-256", a.sha256),
            indent: 0.0,
            style: SMALL,
            prefix: Some((format!("{name}:"), super::document::style(true, 9.0, 12.5, super::document::BLACK))),
        });
    }
    b.extend(section_heading(&pick(lang, "Өзгерістер тарихы", "История изменений", "History")));
    b.extend(history_blocks(lang, s));
    b.extend(closing(&footer(lang, org)));
    Document {
        title: text.title.to_string(),
        author: format!("{} {}", org.name.get(lang), org.short_name.get(lang)),
        dated: s.printed_on,
        blocks: b,
    }
}

/// Draws the case sheet in `lang` (labels in `lang`; the case's texts in
/// `lang` where translated, else as recorded, with a note) as an A4 PDF, dated `s.printed_on`. The same inputs give
/// the same bytes.
///
/// # Errors
/// [`OverviewError::Font`] / [`OverviewError::Pdf`] (build problems).
pub fn render_case_sheet(
    lang: Lang,
    s: &CaseSheet<'_>,
    org: &OrgSettings,
    taxonomy: &Taxonomy,
) -> Result<Vec<u8>, OverviewError> {
    render_document(&document(lang, s, org, taxonomy))
}
