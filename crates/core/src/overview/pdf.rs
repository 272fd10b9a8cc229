//! Draws a [`ReportModel`] as an A4 PDF. The only code in Kuzet that touches
//! `printpdf`; it decides nothing about content, only about layout.
//!
//! Layout: 20 mm side margins; the trilingual organisation header, title
//! and date on page 1; the counts block, trend paragraphs, a bar chart and
//! the breakdown; then the sections with their dated entries, flowing over
//! as many pages as needed (an entry longer than a page continues on the
//! next one, line by line); the closing lines; "N / total" at the foot of
//! every page. Text is wrapped by the bundled fonts' advance widths
//! ([`break_lines`]) and drawn in Noto Sans, embedded as a subset.

use super::fonts::{self, Metrics};
use super::layout::break_lines;
use super::model::{Chart, ReportModel};
use super::OverviewError;
use crate::month::KZ_TZ;
use chrono::{NaiveDate, NaiveTime, Offset, TimeZone};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfPage, PdfSaveOptions, Point,
    Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.7; // 20 mm
const TOP: f32 = 62.0;
const BOTTOM: f32 = 62.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

type Rgbf = (f32, f32, f32);
const BLACK: Rgbf = (0.1, 0.1, 0.12);
const GREY: Rgbf = (0.42, 0.42, 0.45);
const ACCENT: Rgbf = (0.09, 0.27, 0.50);
const ACCENT_LIGHT: Rgbf = (0.62, 0.70, 0.80);
const RULE: Rgbf = (0.75, 0.77, 0.80);

const BODY: f32 = 10.0;
const BODY_LEAD: f32 = 14.0;

fn color((r, g, b): Rgbf) -> Color {
    Color::Rgb(Rgb { r, g, b, icc_profile: None })
}

fn pt(x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }
}

/// How a run of text looks.
#[derive(Clone, Copy)]
struct Style {
    bold: bool,
    size: f32,
    lead: f32,
    color: Rgbf,
}

const fn style(bold: bool, size: f32, lead: f32, color: Rgbf) -> Style {
    Style { bold, size, lead, color }
}

/// Places text and shapes page by page, top to bottom.
struct Writer {
    regular: Metrics,
    bold: Metrics,
    regular_id: FontId,
    bold_id: FontId,
    pages: Vec<Vec<Op>>,
    /// The page being drawn on.
    current: usize,
    /// The top of the next line, in PDF coordinates (from the page bottom).
    y: f32,
}

impl Writer {
    fn metrics(&self, bold: bool) -> &Metrics {
        if bold {
            &self.bold
        } else {
            &self.regular
        }
    }

    fn width(&self, text: &str, st: Style) -> f32 {
        self.metrics(st.bold).width(text, st.size)
    }

    fn new_page(&mut self) {
        self.pages.push(Vec::new());
        self.current = self.pages.len() - 1;
        self.y = PAGE_H - TOP;
    }

    fn ops(&mut self) -> &mut Vec<Op> {
        &mut self.pages[self.current]
    }

    /// Starts a new page unless `h` points still fit on this one.
    fn ensure(&mut self, h: f32) {
        if self.y - h < BOTTOM {
            self.new_page();
        }
    }

    fn gap(&mut self, h: f32) {
        self.y -= h;
    }

    /// Draws one line of text with its baseline at `baseline`.
    fn draw_text(&mut self, x: f32, baseline: f32, text: &str, st: Style) {
        if text.is_empty() {
            return;
        }
        let font = if st.bold { self.bold_id.clone() } else { self.regular_id.clone() };
        let ops = self.ops();
        ops.push(Op::SetFillColor { col: color(st.color) });
        ops.push(Op::StartTextSection);
        ops.push(Op::SetFontSize { size: Pt(st.size), font: font.clone() });
        ops.push(Op::SetTextCursor { pos: Point { x: Pt(x), y: Pt(baseline) } });
        ops.push(Op::WriteText { items: vec![TextItem::Text(text.to_string())], font });
        ops.push(Op::EndTextSection);
    }

    /// Takes the room of one line (a new page if it does not fit) and
    /// returns its baseline.
    fn next_line(&mut self, st: Style) -> f32 {
        self.ensure(st.lead);
        // Noto Sans rises 1.069 em above the baseline.
        let baseline = self.y - st.size * 1.07;
        self.y -= st.lead;
        baseline
    }

    /// A wrapped paragraph at `indent` from the left margin, optionally
    /// preceded on its first line by `prefix` in its own style.
    fn paragraph(&mut self, text: &str, indent: f32, st: Style, prefix: Option<(&str, Style)>) {
        let width = CONTENT_W - indent;
        let (prefix_w, prefix_gap) = match prefix {
            Some((p, ps)) => (self.width(p, ps), self.width(" ", st)),
            None => (0.0, 0.0),
        };
        let m = self.metrics(st.bold);
        let lines = break_lines(text, width - prefix_w - prefix_gap, width, |s| m.width(s, st.size));
        for (i, line) in lines.iter().enumerate() {
            let baseline = self.next_line(st);
            let mut x = MARGIN_X + indent;
            if i == 0 {
                if let Some((p, ps)) = prefix {
                    self.draw_text(x, baseline, p, ps);
                    x += prefix_w + prefix_gap;
                }
            }
            self.draw_text(x, baseline, line, st);
        }
    }

    /// A wrapped paragraph, each line centred.
    fn centred(&mut self, text: &str, st: Style) {
        let m = self.metrics(st.bold);
        let lines = break_lines(text, CONTENT_W, CONTENT_W, |s| m.width(s, st.size));
        for line in lines {
            let baseline = self.next_line(st);
            let w = self.width(&line, st);
            self.draw_text((PAGE_W - w) / 2.0, baseline, &line, st);
        }
    }

    fn rule(&mut self, x0: f32, x1: f32, thickness: f32, c: Rgbf) {
        let y = self.y;
        let ops = self.ops();
        ops.push(Op::SetOutlineColor { col: color(c) });
        ops.push(Op::SetOutlineThickness { pt: Pt(thickness) });
        ops.push(Op::DrawLine { line: Line { points: vec![pt(x0, y), pt(x1, y)], is_closed: false } });
    }

    fn rect(&mut self, x: f32, y: f32, w: f32, h: f32, c: Rgbf) {
        let ops = self.ops();
        ops.push(Op::SetFillColor { col: color(c) });
        ops.push(Op::DrawPolygon {
            polygon: Polygon {
                rings: vec![PolygonRing { points: vec![pt(x, y), pt(x + w, y), pt(x + w, y + h), pt(x, y + h)] }],
                mode: PaintMode::Fill,
                winding_order: WindingOrder::NonZero,
            },
        });
    }

    /// A heading kept with at least `keep` points of what follows.
    fn heading(&mut self, text: &str, st: Style, keep: f32) {
        let m = self.metrics(st.bold);
        let n = break_lines(text, CONTENT_W, CONTENT_W, |s| m.width(s, st.size)).len() as f32;
        self.ensure(n * st.lead + keep);
        self.paragraph(text, 0.0, st, None);
    }

    fn chart(&mut self, chart: &Chart) {
        const LABEL_W: f32 = 150.0;
        const BAR_H: f32 = 9.0;
        let label_st = style(false, 8.5, 10.5, BLACK);
        let num_st = style(false, 8.0, 10.0, BLACK);
        let bar_x = MARGIN_X + LABEL_W + 10.0;
        let bar_w = CONTENT_W - LABEL_W - 10.0 - 30.0;
        let max = chart.bars.iter().flat_map(|b| [b.current, b.earlier]).max().unwrap_or(0).max(1) as f32;
        let rows: Vec<Vec<String>> = chart
            .bars
            .iter()
            .map(|b| break_lines(&b.label, LABEL_W, LABEL_W, |s| self.regular.width(s, label_st.size)))
            .collect();
        let row_h = |lines: &Vec<String>| (lines.len() as f32 * label_st.lead).max(2.0 * BAR_H + 2.0) + 8.0;
        // Title, legend and the first row stay together; further rows go
        // to the next page when they do not fit (a taxonomy with many groups).
        self.ensure(16.0 + 18.0 + rows.first().map_or(0.0, row_h));
        self.paragraph(&chart.title, 0.0, style(true, 10.5, 16.0, BLACK), None);
        // Legend.
        let legend_y = self.y - 10.0;
        let mut x = MARGIN_X;
        for (label, c) in [(&chart.current_label, ACCENT), (&chart.earlier_label, ACCENT_LIGHT)] {
            self.rect(x, legend_y, 8.0, 8.0, c);
            self.draw_text(x + 12.0, legend_y + 0.5, label, num_st);
            x += 12.0 + self.width(label, num_st) + 20.0;
        }
        self.gap(18.0);
        for (b, lines) in chart.bars.iter().zip(&rows) {
            self.ensure(row_h(lines));
            let top = self.y;
            for (i, l) in lines.iter().enumerate() {
                self.draw_text(MARGIN_X, top - 8.5 - i as f32 * label_st.lead, l, label_st);
            }
            for (i, (v, c)) in [(b.current, ACCENT), (b.earlier, ACCENT_LIGHT)].into_iter().enumerate() {
                let y = top - (i as f32 + 1.0) * (BAR_H + 1.0);
                let w = bar_w * v as f32 / max;
                if v > 0 {
                    self.rect(bar_x, y, w.max(0.8), BAR_H, c);
                }
                self.draw_text(bar_x + w + 4.0, y + 1.5, &v.to_string(), num_st);
            }
            self.y -= row_h(lines);
            // The axis, row by row so it can break with the rows.
            let (y0, y1) = (top + 2.0, self.y + 6.0);
            let ops = self.ops();
            ops.push(Op::SetOutlineColor { col: color(GREY) });
            ops.push(Op::SetOutlineThickness { pt: Pt(0.5) });
            ops.push(Op::DrawLine { line: Line { points: vec![pt(bar_x, y0), pt(bar_x, y1)], is_closed: false } });
        }
    }
}

fn load(bytes: &'static [u8]) -> Result<ParsedFont, OverviewError> {
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(bytes, 0, &mut warnings)
        .ok_or_else(|| OverviewError::Font("cannot parse the bundled font".into()))
}

/// Draws the overview as an A4 PDF and returns its bytes (the caller writes
/// the file). The fonts are embedded as subsets; the output does not depend
/// on the clock.
///
/// # Errors
/// [`OverviewError::Font`] if a bundled font cannot be read (a build
/// problem, not a user one).
pub fn render_pdf(report: &ReportModel) -> Result<Vec<u8>, OverviewError> {
    let mut doc = PdfDocument::new("");
    doc.metadata.info.creator = "Kuzet".into();
    // Our own font ids instead of printpdf's random ones: they become the
    // fonts' PDF names, so the output is reproducible, and the six-letter
    // tag before "+" marks them as subsets (PDF 32000-1, 9.6.4).
    let regular_id = FontId("KUZETR+NotoSans-Regular".into());
    let bold_id = FontId("KUZETB+NotoSans-Bold".into());
    doc.resources.fonts.map.insert(regular_id.clone(), load(fonts::REGULAR)?);
    doc.resources.fonts.map.insert(bold_id.clone(), load(fonts::BOLD)?);
    let mut w = Writer {
        regular: Metrics::new(fonts::REGULAR)?,
        bold: Metrics::new(fonts::BOLD)?,
        regular_id,
        bold_id,
        pages: Vec::new(),
        current: 0,
        y: 0.0,
    };
    w.new_page();
    let body = style(false, BODY, BODY_LEAD, BLACK);
    let bold_body = style(true, BODY, BODY_LEAD, BLACK);

    // Header: the organisation in three languages, the title and the date.
    for name in &report.org_names {
        w.centred(name, style(true, 9.5, 12.5, ACCENT));
    }
    w.gap(6.0);
    w.rule(MARGIN_X, PAGE_W - MARGIN_X, 0.8, ACCENT);
    w.gap(20.0);
    w.centred(&report.title, style(true, 17.0, 22.0, BLACK));
    w.gap(2.0);
    w.centred(&report.publication_date, style(false, 10.0, 14.0, GREY));
    w.gap(14.0);
    w.paragraph(&report.intro, 0.0, body, None);
    w.gap(10.0);

    // Counts block.
    w.heading(&report.counts_heading, style(true, 11.0, 16.0, BLACK), 3.0 * BODY_LEAD);
    w.gap(2.0);
    for line in &report.count_lines {
        let mut text = line.text.clone();
        if !line.including.is_empty() {
            text = format!("{text}, {}", line.including.join(", "));
        }
        text.push(if line.bullets.is_empty() { '.' } else { ':' });
        w.paragraph(&text, 12.0, body, None);
        let last = line.bullets.len().saturating_sub(1);
        for (i, b) in line.bullets.iter().enumerate() {
            let b = format!("{b}{}", if i == last { "." } else { ";" });
            w.paragraph(&b, 30.0, body, Some(("•", body)));
        }
        w.gap(5.0);
    }
    w.gap(4.0);
    for t in &report.trend {
        w.paragraph(t, 0.0, body, None);
        w.gap(5.0);
    }
    w.gap(8.0);
    w.chart(&report.chart);
    w.gap(6.0);
    if !report.series.is_empty() {
        w.heading(&report.series_heading, bold_body, 2.0 * BODY_LEAD);
        for s in &report.series {
            w.paragraph(s, 12.0, style(false, 9.0, 12.5, BLACK), None);
        }
        w.gap(8.0);
    }
    if !report.breakdowns.is_empty() {
        w.heading(&report.breakdowns_heading, bold_body, 2.0 * BODY_LEAD);
        for s in &report.breakdowns {
            w.paragraph(s, 12.0, style(false, 9.0, 12.5, BLACK), None);
            w.gap(2.0);
        }
    }

    // Sections.
    for section in &report.sections {
        w.gap(16.0);
        let st = style(true, 12.5, 17.0, ACCENT);
        w.heading(&section.title, st, 6.0 + 3.0 * BODY_LEAD);
        w.gap(1.0);
        w.rule(MARGIN_X, PAGE_W - MARGIN_X, 0.5, RULE);
        w.gap(8.0);
        if !section.note.is_empty() {
            w.paragraph(&section.note, 0.0, style(false, BODY, BODY_LEAD, GREY), None);
            w.gap(6.0);
        }
        for e in &section.entries {
            w.ensure(2.0 * BODY_LEAD);
            w.paragraph(&e.title, 0.0, bold_body, Some((&e.date, style(true, BODY, BODY_LEAD, ACCENT))));
            if !e.text.is_empty() {
                w.gap(2.0);
                w.paragraph(&e.text, 0.0, body, None);
            }
            for d in &e.details {
                w.paragraph(d, 0.0, style(false, BODY, BODY_LEAD, GREY), None);
            }
            w.gap(9.0);
        }
    }

    // Closing lines.
    w.gap(14.0);
    let small = style(false, 9.0, 12.5, GREY);
    w.ensure(report.footer.len() as f32 * 2.0 * small.lead + 12.0);
    w.rule(MARGIN_X, MARGIN_X + 120.0, 0.5, RULE);
    w.gap(8.0);
    for (i, f) in report.footer.iter().enumerate() {
        w.paragraph(f, 0.0, if i == 1 { style(true, 9.0, 12.5, BLACK) } else { small }, None);
        if i == 0 {
            w.gap(4.0);
        }
    }

    // Running header and page numbers, now that the page count is known.
    let total = w.pages.len();
    let foot = style(false, 8.5, 10.0, GREY);
    for i in 0..total {
        w.current = i;
        let label = format!("{} / {total}", i + 1);
        let lw = w.width(&label, foot);
        w.draw_text((PAGE_W - lw) / 2.0, 30.0, &label, foot);
        if i > 0 {
            let m = &w.regular;
            let title = break_lines(&report.title, CONTENT_W, CONTENT_W, |s| m.width(s, foot.size));
            if let Some(first) = title.first().cloned() {
                w.draw_text(MARGIN_X, PAGE_H - 36.0, &first, foot);
            }
        }
    }
    let pages = w.pages.into_iter().map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops)).collect();
    doc.with_pages(pages);
    let mut warnings = Vec::new();
    let opts = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    finish(&doc.save(&opts, &mut warnings), report)
}

/// A PDF text string: UTF-16BE with a byte-order mark, so Cyrillic titles
/// read correctly in viewers (PDF 32000-1, 7.9.2.2).
fn text_string(s: &str) -> lopdf::Object {
    let mut bytes = vec![0xFE, 0xFF];
    bytes.extend(s.encode_utf16().flat_map(u16::to_be_bytes));
    lopdf::Object::String(bytes, lopdf::StringFormat::Hexadecimal)
}

/// A PDF date (PDF 32000-1, 7.9.4) for local midnight of `day` in
/// Kazakhstan, with the zone's offset that day: `D:20240716000000+05'00'`
/// (`+06'00'` before 2024-03-01, when `Asia/Almaty` moved to UTC+5).
pub fn pdf_date(day: NaiveDate) -> String {
    let offset = KZ_TZ
        .offset_from_local_datetime(&day.and_time(NaiveTime::MIN))
        .earliest()
        .map_or(0, |o| o.fix().local_minus_utc());
    let sign = if offset < 0 { '-' } else { '+' };
    let (h, m) = (offset.abs() / 3600, offset.abs() % 3600 / 60);
    format!("D:{}000000{sign}{h:02}'{m:02}'", day.format("%Y%m%d"))
}

/// Post-processes printpdf's output, which (in 0.8.2) leaves every content
/// stream uncompressed, writes metadata strings as raw UTF-8 (read as
/// mojibake), dates of 1970-01-01 and a PDF/X claim the file does not meet,
/// and a random document ID: sets the title, author and subject as proper
/// text strings and the creation and modification dates to the publication
/// date ([`pdf_date`]), drops the PDF/X key and the empty entries, derives
/// the ID from the report (the same report gives the same bytes) and
/// compresses the streams (Flate).
fn finish(pdf: &[u8], report: &ReportModel) -> Result<Vec<u8>, OverviewError> {
    use std::hash::{Hash, Hasher};
    let err = |e: lopdf::Error| OverviewError::Pdf(e.to_string());
    let mut doc = lopdf::Document::load_mem(pdf).map_err(err)?;
    if let Ok(info) = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference) {
        if let Ok(lopdf::Object::Dictionary(d)) = doc.get_object_mut(info) {
            d.set("Title", text_string(&report.title));
            d.set("Author", text_string(&report.author));
            d.set("Subject", text_string(&report.title));
            let date =
                || lopdf::Object::String(pdf_date(report.published_on).into_bytes(), lopdf::StringFormat::Literal);
            d.set("CreationDate", date());
            d.set("ModDate", date());
            for key in ["GTS_PDFXVersion", "Trapped", "Identifier", "Keywords", "Producer"] {
                d.remove(key.as_bytes());
            }
        }
    }
    // 128 bits from two keyed passes of SipHash over the model (fixed keys,
    // so stable for a given build); an ID only needs to tell files apart.
    let digest = |salt: u8| {
        let mut h = std::collections::hash_map::DefaultHasher::new();
        salt.hash(&mut h);
        format!("{report:?}").hash(&mut h);
        h.finish()
    };
    let id = format!("{:016x}{:016x}", digest(1), digest(2));
    let id = lopdf::Object::String(id.into_bytes(), lopdf::StringFormat::Hexadecimal);
    doc.trailer.set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(|e| OverviewError::Pdf(e.to_string()))?;
    Ok(out)
}
