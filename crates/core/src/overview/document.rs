//! Every document Kuzet prints (the monthly overview, the annual overview,
//! a single case) is a [`Document`]: a title, metadata and a list of
//! [`Block`]s, drawn here as an A4 PDF by [`render_document`]. The only
//! code in Kuzet that touches `printpdf`; it decides nothing about content,
//! only about layout.
//!
//! Layout: 20 mm side margins; blocks flow top to bottom over as many pages
//! as needed (a paragraph longer than a page continues on the next one,
//! line by line; a table repeats its header on each page); "N / total" at
//! the foot of every page and the title's first line at the head of every
//! page after the first. Text is wrapped by the bundled fonts' advance
//! widths ([`break_lines`]) and drawn in Noto Sans, embedded as a subset.

use super::fonts::{self, Metrics};
use super::layout::break_lines;
use super::model::Chart;
use super::OverviewError;
use crate::month::KZ_TZ;
use chrono::{NaiveDate, NaiveTime, Offset, TimeZone};
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, PaintMode, ParsedFont, PdfDocument, PdfPage, PdfSaveOptions, Point,
    Polygon, PolygonRing, Pt, Rgb, TextItem, WindingOrder,
};

pub(crate) const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
pub(crate) const MARGIN_X: f32 = 56.7; // 20 mm
const TOP: f32 = 62.0;
const BOTTOM: f32 = 62.0;
const CONTENT_W: f32 = PAGE_W - 2.0 * MARGIN_X;

pub(crate) type Rgbf = (f32, f32, f32);
pub(crate) const BLACK: Rgbf = (0.1, 0.1, 0.12);
pub(crate) const GREY: Rgbf = (0.42, 0.42, 0.45);
pub(crate) const ACCENT: Rgbf = (0.09, 0.27, 0.50);
pub(crate) const ACCENT_LIGHT: Rgbf = (0.62, 0.70, 0.80);
pub(crate) const RULE: Rgbf = (0.75, 0.77, 0.80);

pub(crate) const BODY: f32 = 10.0;
pub(crate) const BODY_LEAD: f32 = 14.0;

fn color((r, g, b): Rgbf) -> Color {
    Color::Rgb(Rgb { r, g, b, icc_profile: None })
}

fn pt(x: f32, y: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(y) }, bezier: false }
}

/// How a run of text looks: weight, size and leading in points, colour.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Style {
    pub bold: bool,
    pub size: f32,
    pub lead: f32,
    pub color: Rgbf,
}

pub(crate) const fn style(bold: bool, size: f32, lead: f32, color: Rgbf) -> Style {
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

    /// Starts a new page unless `h` points still fit on this one; says
    /// whether it did.
    fn ensure(&mut self, h: f32) -> bool {
        let full = self.y - h < BOTTOM;
        if full {
            self.new_page();
        }
        full
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

    /// The header row of `t`; returns its height.
    fn table_header(&mut self, t: &Table, widths: &[f32]) {
        let st = style(true, 8.0, 10.0, BLACK);
        let cells: Vec<Vec<String>> = t
            .header
            .iter()
            .zip(widths)
            .map(|(h, w)| break_lines(h, *w - 6.0, *w - 6.0, |s| self.bold.width(s, st.size)))
            .collect();
        let h = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * st.lead + 4.0;
        self.ensure(h + 14.0);
        self.cells(&cells, widths, st, true);
        self.y -= h;
        self.rule(MARGIN_X, MARGIN_X + widths.iter().sum::<f32>(), 0.6, GREY);
        self.gap(3.0);
    }

    /// Draws one row of wrapped cells at the current position: the first
    /// column left-aligned, the others right-aligned (numbers).
    fn cells(&mut self, cells: &[Vec<String>], widths: &[f32], st: Style, bottom_align: bool) {
        let top = self.y;
        let rows = cells.iter().map(Vec::len).max().unwrap_or(1);
        let mut x = MARGIN_X;
        for (i, (lines, w)) in cells.iter().zip(widths).enumerate() {
            let skip = if bottom_align { rows - lines.len() } else { 0 };
            for (k, l) in lines.iter().enumerate() {
                let baseline = top - st.size * 1.07 - (skip + k) as f32 * st.lead;
                let lx = if i == 0 { x } else { x + w - 3.0 - self.width(l, st) };
                self.draw_text(lx, baseline, l, st);
            }
            x += w;
        }
    }

    fn table(&mut self, t: &Table) {
        let first = t.first_width;
        let n = t.header.len().max(1);
        let rest = if n > 1 { (CONTENT_W - first) / (n - 1) as f32 } else { 0.0 };
        let widths: Vec<f32> = (0..n).map(|i| if i == 0 { first } else { rest }).collect();
        self.table_header(t, &widths);
        let last = t.rows.len().saturating_sub(1);
        for (ri, row) in t.rows.iter().enumerate() {
            let strong = t.total_row && ri == last;
            let st = style(strong, 8.5, 11.0, BLACK);
            let m = self.metrics(strong);
            let cells: Vec<Vec<String>> = row
                .iter()
                .zip(&widths)
                .map(|(c, w)| break_lines(c, *w - 6.0, *w - 6.0, |s| m.width(s, st.size)))
                .collect();
            let h = cells.iter().map(Vec::len).max().unwrap_or(1) as f32 * st.lead + 3.0;
            if self.ensure(h) {
                self.table_header(t, &widths);
            }
            if strong {
                self.rule(MARGIN_X, MARGIN_X + CONTENT_W, 0.4, GREY);
                self.gap(1.0);
            }
            self.cells(&cells, &widths, st, false);
            self.y -= h;
        }
    }
}

/// A table: a label column, then numeric columns of equal width.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Table {
    /// Column headings (wrapped; repeated on each page the table reaches).
    pub header: Vec<String>,
    /// Rows of cells, as many as `header`; the first cell is a label.
    pub rows: Vec<Vec<String>>,
    /// The label column's width in points.
    pub first_width: f32,
    /// The last row is a total: bold, under a rule.
    pub total_row: bool,
}

/// One piece of a document, drawn in order.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Block {
    /// Vertical space, in points.
    Gap(f32),
    /// Start a new page unless this many points still fit.
    Keep(f32),
    /// A wrapped paragraph, each line centred.
    Centred(String, Style),
    /// A wrapped paragraph `indent` points from the margin, optionally led
    /// on its first line by a run in its own style (a date, a bullet).
    Paragraph { text: String, indent: f32, style: Style, prefix: Option<(String, Style)> },
    /// A paragraph kept with at least `keep` points of what follows.
    Heading { text: String, style: Style, keep: f32 },
    /// A horizontal rule `width` points long from the margin (`None`: the
    /// full width).
    Rule { width: Option<f32>, thickness: f32, color: Rgbf },
    /// Paired horizontal bars.
    Chart(Chart),
    /// A table.
    Table(Table),
}

impl Block {
    /// A paragraph without a prefix.
    pub(crate) fn text(text: impl Into<String>, indent: f32, style: Style) -> Block {
        Block::Paragraph { text: text.into(), indent, style, prefix: None }
    }
}

/// A document ready to draw: its metadata and its blocks.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Document {
    /// The title: the PDF's Title and Subject, and the running head.
    pub title: String,
    /// The PDF's Author (the organisation).
    pub author: String,
    /// A local date in Kazakhstan: the PDF's creation and modification
    /// date (the publication date, never the clock).
    pub dated: NaiveDate,
    /// The content, top to bottom.
    pub blocks: Vec<Block>,
}

fn load(bytes: &'static [u8]) -> Result<ParsedFont, OverviewError> {
    let mut warnings = Vec::new();
    ParsedFont::from_bytes(bytes, 0, &mut warnings)
        .ok_or_else(|| OverviewError::Font("cannot parse the bundled font".into()))
}

/// Draws `doc` as an A4 PDF and returns its bytes (the caller writes the
/// file). The fonts are embedded as subsets; the output does not depend on
/// the clock: the same document gives the same bytes.
///
/// # Errors
/// [`OverviewError::Font`] if a bundled font cannot be read (a build
/// problem, not a user one); [`OverviewError::Pdf`] if printpdf's output
/// cannot be post-processed.
pub(crate) fn render_document(doc: &Document) -> Result<Vec<u8>, OverviewError> {
    let mut pdf = PdfDocument::new("");
    pdf.metadata.info.creator = "Kuzet".into();
    // Our own font ids instead of printpdf's random ones: they become the
    // fonts' PDF names, so the output is reproducible, and the six-letter
    // tag before "+" marks them as subsets (PDF 32000-1, 9.6.4).
    let regular_id = FontId("KUZETR+NotoSans-Regular".into());
    let bold_id = FontId("KUZETB+NotoSans-Bold".into());
    pdf.resources.fonts.map.insert(regular_id.clone(), load(fonts::REGULAR)?);
    pdf.resources.fonts.map.insert(bold_id.clone(), load(fonts::BOLD)?);
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
    for b in &doc.blocks {
        match b {
            Block::Gap(h) => w.gap(*h),
            Block::Keep(h) => {
                w.ensure(*h);
            }
            Block::Centred(text, st) => w.centred(text, *st),
            Block::Paragraph { text, indent, style, prefix } => {
                w.paragraph(text, *indent, *style, prefix.as_ref().map(|(p, s)| (p.as_str(), *s)))
            }
            Block::Heading { text, style, keep } => w.heading(text, *style, *keep),
            Block::Rule { width, thickness, color } => {
                w.rule(MARGIN_X, MARGIN_X + width.unwrap_or(CONTENT_W), *thickness, *color)
            }
            Block::Chart(c) => w.chart(c),
            Block::Table(t) => w.table(t),
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
            let title = break_lines(&doc.title, CONTENT_W, CONTENT_W, |s| m.width(s, foot.size));
            if let Some(first) = title.first().cloned() {
                w.draw_text(MARGIN_X, PAGE_H - 36.0, &first, foot);
            }
        }
    }
    let pages = w.pages.into_iter().map(|ops| PdfPage::new(Mm(210.0), Mm(297.0), ops)).collect();
    pdf.with_pages(pages);
    let mut warnings = Vec::new();
    let opts = PdfSaveOptions { subset_fonts: true, ..Default::default() };
    finish(&pdf.save(&opts, &mut warnings), doc)
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
/// the ID from the document (the same document gives the same bytes) and
/// compresses the streams (Flate).
fn finish(pdf: &[u8], source: &Document) -> Result<Vec<u8>, OverviewError> {
    use std::hash::{Hash, Hasher};
    let err = |e: lopdf::Error| OverviewError::Pdf(e.to_string());
    let mut doc = lopdf::Document::load_mem(pdf).map_err(err)?;
    if let Ok(info) = doc.trailer.get(b"Info").and_then(lopdf::Object::as_reference) {
        if let Ok(lopdf::Object::Dictionary(d)) = doc.get_object_mut(info) {
            d.set("Title", text_string(&source.title));
            d.set("Author", text_string(&source.author));
            d.set("Subject", text_string(&source.title));
            let date = || lopdf::Object::String(pdf_date(source.dated).into_bytes(), lopdf::StringFormat::Literal);
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
        format!("{source:?}").hash(&mut h);
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
