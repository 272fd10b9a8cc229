//! The monthly overview's page layout: a [`ReportModel`] as the
//! `Document` that the crate's one renderer draws.
//!
//! Layout: the trilingual organisation header, title and date on page 1;
//! the counts block, trend paragraphs, a bar chart, the series and the
//! breakdown; then the sections with their dated entries; the closing
//! lines.

use super::document::{render_document, style, Block, Document, Style, ACCENT, BLACK, BODY, BODY_LEAD, GREY, RULE};
use super::model::{CountLine, ReportModel};
use super::OverviewError;

pub use super::document::pdf_date;

/// The header every printed document opens with: the organisation's names
/// in three languages over a rule, the title, and the date line.
pub(crate) fn letterhead(org_names: &[String], title: &str, date_line: &str) -> Vec<Block> {
    let mut out: Vec<Block> =
        org_names.iter().map(|n| Block::Centred(n.clone(), style(true, 9.5, 12.5, ACCENT))).collect();
    out.push(Block::Gap(6.0));
    out.push(Block::Rule { width: None, thickness: 0.8, color: ACCENT });
    out.push(Block::Gap(20.0));
    out.push(Block::Centred(title.to_string(), style(true, 17.0, 22.0, BLACK)));
    out.push(Block::Gap(2.0));
    out.push(Block::Centred(date_line.to_string(), style(false, 10.0, 14.0, GREY)));
    out.push(Block::Gap(14.0));
    out
}

/// A section title in the accent colour over a thin rule, kept with the
/// first lines of what follows.
pub(crate) fn section_heading(title: &str) -> Vec<Block> {
    vec![
        Block::Gap(16.0),
        Block::Heading { text: title.to_string(), style: style(true, 12.5, 17.0, ACCENT), keep: 6.0 + 3.0 * BODY_LEAD },
        Block::Gap(1.0),
        Block::Rule { width: None, thickness: 0.5, color: RULE },
        Block::Gap(8.0),
    ]
}

/// Body text (10 pt).
pub(crate) const BODY_STYLE: Style = style(false, BODY, BODY_LEAD, BLACK);
/// Bold body text.
pub(crate) const STRONG: Style = style(true, BODY, BODY_LEAD, BLACK);
/// Smaller lines of lists and breakdowns (9 pt).
pub(crate) const SMALL: Style = style(false, 9.0, 12.5, BLACK);
/// Grey notes and details.
pub(crate) const MUTED: Style = style(false, BODY, BODY_LEAD, GREY);

/// The closing lines (a short rule, then the lines; the second in bold),
/// kept together.
pub(crate) fn closing(footer: &[String]) -> Vec<Block> {
    let small = style(false, 9.0, 12.5, GREY);
    let mut out = vec![
        Block::Gap(14.0),
        Block::Keep(footer.len() as f32 * 2.0 * small.lead + 12.0),
        Block::Rule { width: Some(120.0), thickness: 0.5, color: RULE },
        Block::Gap(8.0),
    ];
    for (i, f) in footer.iter().enumerate() {
        out.push(Block::text(f, 0.0, if i == 1 { style(true, 9.0, 12.5, BLACK) } else { small }));
        if i == 0 {
            out.push(Block::Gap(4.0));
        }
    }
    out
}

/// The counts block's lines: each group's line with its "including" parts,
/// and its bullets (claims by branch), as the overviews print them.
pub(crate) fn count_lines(lines: &[CountLine]) -> Vec<Block> {
    let mut b = Vec::new();
    for line in lines {
        let mut text = line.text.clone();
        if !line.including.is_empty() {
            text = format!("{text}, {}", line.including.join(", "));
        }
        text.push(if line.bullets.is_empty() { '.' } else { ':' });
        b.push(Block::text(text, 12.0, BODY_STYLE));
        let last = line.bullets.len().saturating_sub(1);
        for (i, bullet) in line.bullets.iter().enumerate() {
            b.push(Block::Paragraph {
                text: format!("{bullet}{}", if i == last { "." } else { ";" }),
                indent: 30.0,
                style: BODY_STYLE,
                prefix: Some(("•".into(), BODY_STYLE)),
            });
        }
        b.push(Block::Gap(5.0));
    }
    b
}

/// The monthly overview as blocks.
fn document(report: &ReportModel) -> Document {
    let mut b = letterhead(&report.org_names, &report.title, &report.publication_date);
    b.push(Block::text(&report.intro, 0.0, BODY_STYLE));
    b.push(Block::Gap(10.0));

    // Counts block.
    b.push(Block::Heading {
        text: report.counts_heading.clone(),
        style: style(true, 11.0, 16.0, BLACK),
        keep: 3.0 * BODY_LEAD,
    });
    b.push(Block::Gap(2.0));
    b.extend(count_lines(&report.count_lines));
    b.push(Block::Gap(4.0));
    for t in &report.trend {
        b.push(Block::text(t, 0.0, BODY_STYLE));
        b.push(Block::Gap(5.0));
    }
    b.push(Block::Gap(8.0));
    b.push(Block::Chart(report.chart.clone()));
    b.push(Block::Gap(6.0));
    if !report.series.is_empty() {
        b.push(Block::Heading { text: report.series_heading.clone(), style: STRONG, keep: 2.0 * BODY_LEAD });
        b.extend(report.series.iter().map(|s| Block::text(s, 12.0, SMALL)));
        b.push(Block::Gap(8.0));
    }
    if !report.breakdowns.is_empty() {
        b.push(Block::Heading { text: report.breakdowns_heading.clone(), style: STRONG, keep: 2.0 * BODY_LEAD });
        for s in &report.breakdowns {
            b.push(Block::text(s, 12.0, SMALL));
            b.push(Block::Gap(2.0));
        }
    }

    // Sections.
    for section in &report.sections {
        b.extend(section_heading(&section.title));
        if !section.note.is_empty() {
            b.push(Block::text(&section.note, 0.0, MUTED));
            b.push(Block::Gap(6.0));
        }
        for e in &section.entries {
            b.push(Block::Keep(2.0 * BODY_LEAD));
            b.push(Block::Paragraph {
                text: e.title.clone(),
                indent: 0.0,
                style: STRONG,
                prefix: Some((e.date.clone(), style(true, BODY, BODY_LEAD, ACCENT))),
            });
            if !e.text.is_empty() {
                b.push(Block::Gap(2.0));
                b.push(Block::text(&e.text, 0.0, BODY_STYLE));
            }
            b.extend(e.details.iter().map(|d| Block::text(d, 0.0, MUTED)));
            b.push(Block::Gap(9.0));
        }
    }
    b.extend(closing(&report.footer));
    Document { title: report.title.clone(), author: report.author.clone(), dated: report.published_on, blocks: b }
}

/// Draws the overview as an A4 PDF and returns its bytes (the caller writes
/// the file). The fonts are embedded as subsets; the output does not depend
/// on the clock.
///
/// # Errors
/// [`OverviewError::Font`] if a bundled font cannot be read (a build
/// problem, not a user one); [`OverviewError::Pdf`] if the PDF cannot be
/// post-processed.
pub fn render_pdf(report: &ReportModel) -> Result<Vec<u8>, OverviewError> {
    render_document(&document(report))
}
