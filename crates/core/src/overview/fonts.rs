//! The fonts bundled for the overview PDF: Noto Sans Regular and Bold (SIL
//! Open Font License 1.1, see `assets/fonts/OFL.txt`), compiled into the
//! binary so the PDF never depends on fonts installed on the machine and
//! never uses a built-in PDF font (which has no Kazakh letters).

use super::OverviewError;

/// Noto Sans Regular, TrueType bytes.
pub const REGULAR: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Regular.ttf");
/// Noto Sans Bold, TrueType bytes.
pub const BOLD: &[u8] = include_bytes!("../../assets/fonts/NotoSans-Bold.ttf");

/// Advance widths of one font, for measuring text.
pub struct Metrics {
    face: ttf_parser::Face<'static>,
    units_per_em: f32,
}

impl Metrics {
    /// Reads the metrics of `bytes` (a TrueType font).
    ///
    /// # Errors
    /// [`OverviewError::Font`] when the bytes are not a font.
    pub fn new(bytes: &'static [u8]) -> Result<Self, OverviewError> {
        let face = ttf_parser::Face::parse(bytes, 0).map_err(|e| OverviewError::Font(e.to_string()))?;
        let units_per_em = f32::from(face.units_per_em());
        Ok(Metrics { face, units_per_em })
    }

    /// Whether the font has a glyph for `c`.
    pub fn has_glyph(&self, c: char) -> bool {
        self.face.glyph_index(c).is_some_and(|g| g.0 != 0)
    }

    /// The advance of `c` in font units per em (1.0 = the font size); a
    /// character without a glyph takes the width of the missing-glyph box.
    pub fn advance(&self, c: char) -> f32 {
        let gid = self.face.glyph_index(c).unwrap_or(ttf_parser::GlyphId(0));
        f32::from(self.face.glyph_hor_advance(gid).unwrap_or(0)) / self.units_per_em
    }

    /// The width of `text` at `size` (same unit as `size`, e.g. points).
    /// No kerning: the PDF is drawn without it too.
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars().map(|c| self.advance(c)).sum::<f32>() * size
    }
}
