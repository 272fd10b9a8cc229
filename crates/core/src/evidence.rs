//! Pure image work on attachments, in memory: thumbnails and the metadata-
//! free copy for publication. Nothing here touches a disk.

use image::{DynamicImage, ImageDecoder, ImageReader};
use img_parts::jpeg::{markers, Jpeg};
use img_parts::png::Png;
use img_parts::webp::{WebP, CHUNK_XMP};
use img_parts::{Bytes, ImageEXIF};
use std::io::Cursor;

/// The most memory a thumbnail's decoding may take, in bytes (256 MiB): a
/// crafted image claiming huge dimensions is refused, not decoded.
const DECODE_LIMIT: u64 = 256 << 20;

/// A PNG of at most `max_px` on the longest side, upright (the EXIF
/// orientation applied), or `None` when `bytes` is not an image that can be
/// decoded within the limits.
pub fn thumbnail_png(bytes: &[u8], max_px: u32) -> Option<Vec<u8>> {
    let mut reader = ImageReader::new(Cursor::new(bytes)).with_guessed_format().ok()?;
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(DECODE_LIMIT);
    reader.limits(limits);
    let mut decoder = reader.into_decoder().ok()?;
    let orientation = decoder.orientation().ok()?;
    let mut img = DynamicImage::from_decoder(decoder).ok()?;
    img.apply_orientation(orientation);
    let thumb = img.thumbnail(max_px, max_px);
    let mut out = Cursor::new(Vec::new());
    thumb.write_to(&mut out, image::ImageFormat::Png).ok()?;
    Some(out.into_inner())
}

/// The same image without EXIF (GPS position, camera, time), XMP, IPTC,
/// comments or text chunks, the picture data untouched (not re-encoded);
/// `None` when `media_type` is not JPEG, PNG or WebP or the file does not
/// parse as one. The ICC colour profile stays (it names no person or place).
pub fn strip_metadata(bytes: &[u8], media_type: &str) -> Option<Vec<u8>> {
    let input = Bytes::copy_from_slice(bytes);
    let mut out = Vec::with_capacity(bytes.len());
    match media_type {
        "image/jpeg" => {
            let mut jpeg = Jpeg::from_bytes(input).ok()?;
            jpeg.set_exif(None);
            for m in [markers::APP1, markers::APP13, markers::COM] {
                jpeg.remove_segments_by_marker(m);
            }
            jpeg.encoder().write_to(&mut out).ok()?;
        }
        "image/png" => {
            let mut png = Png::from_bytes(input).ok()?;
            png.set_exif(None);
            for kind in [*b"tEXt", *b"iTXt", *b"zTXt", *b"tIME", *b"eXIf"] {
                png.remove_chunks_by_type(kind);
            }
            png.encoder().write_to(&mut out).ok()?;
        }
        "image/webp" => {
            let mut webp = WebP::from_bytes(input).ok()?;
            webp.remove_chunks_by_id(CHUNK_XMP);
            webp.set_exif(None);
            webp.encoder().write_to(&mut out).ok()?;
        }
        _ => return None,
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 4×2 JPEG with an EXIF segment that holds a GPS-like marker text.
    fn jpeg_with_exif(marker: &[u8]) -> Vec<u8> {
        let img = image::RgbImage::from_fn(4, 2, |x, _| image::Rgb([x as u8 * 60, 10, 200]));
        let mut plain = Cursor::new(Vec::new());
        DynamicImage::ImageRgb8(img).write_to(&mut plain, image::ImageFormat::Jpeg).unwrap();
        let mut jpeg = Jpeg::from_bytes(Bytes::from(plain.into_inner())).unwrap();
        let mut exif = b"MM\x00\x2a\x00\x00\x00\x08".to_vec();
        exif.extend_from_slice(marker);
        jpeg.set_exif(Some(Bytes::from(exif)));
        let mut out = Vec::new();
        jpeg.encoder().write_to(&mut out).unwrap();
        out
    }

    fn contains(hay: &[u8], needle: &[u8]) -> bool {
        hay.windows(needle.len()).any(|w| w == needle)
    }

    #[test]
    fn a_publication_copy_of_a_jpeg_has_no_exif_and_the_same_picture() {
        let marker = "GPS 43.2389N 76.8897E Алматы".as_bytes();
        let original = jpeg_with_exif(marker);
        assert!(contains(&original, marker));
        let copy = strip_metadata(&original, "image/jpeg").unwrap();
        assert!(!contains(&copy, marker), "the position is gone");
        let a = image::load_from_memory(&original).unwrap().to_rgb8();
        let b = image::load_from_memory(&copy).unwrap().to_rgb8();
        assert_eq!(a, b, "the picture is untouched");
    }

    #[test]
    fn a_thumbnail_fits_the_box_and_keeps_the_aspect() {
        let png = {
            let img = image::RgbImage::from_pixel(400, 100, image::Rgb([1, 2, 3]));
            let mut out = Cursor::new(Vec::new());
            DynamicImage::ImageRgb8(img).write_to(&mut out, image::ImageFormat::Png).unwrap();
            out.into_inner()
        };
        let thumb = thumbnail_png(&png, 160).unwrap();
        let t = image::load_from_memory(&thumb).unwrap();
        assert_eq!((t.width(), t.height()), (160, 40));
        assert_eq!(thumbnail_png(b"%PDF-1.7 not an image", 160), None);
        assert_eq!(strip_metadata(b"%PDF-1.7", "application/pdf"), None);
    }
}
