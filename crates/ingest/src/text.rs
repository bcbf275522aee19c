//! Plain-text articles: one document per file, paragraphs separated by blank lines.

use crate::clean::Raw;

/// Largest single document read whole; past it a file is surely not one article.
pub const MAX_DOC_BYTES: usize = 64 << 20;

/// Checks that `bytes` are text and decodes them: empty, binary and invalid
/// UTF-8 input is refused with a message saying which.
pub fn decode(bytes: &[u8]) -> Result<&str, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err("empty file: no text".into());
    }
    let head = &bytes[..bytes.len().min(8192)];
    // Text never holds NUL and seldom control characters other than layout ones.
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0C))
        .count();
    if head.contains(&0) || controls * 20 > head.len() {
        return Err("binary file: not text".into());
    }
    std::str::from_utf8(bytes).map_err(|e| {
        format!(
            "invalid UTF-8 at byte {} (the file must be UTF-8 text)",
            e.valid_up_to()
        )
    })
}

/// A plain-text document from `bytes`; its first headline-like line is the title.
pub fn parse(id: String, bytes: &[u8]) -> Result<Raw, String> {
    if bytes.len() > MAX_DOC_BYTES {
        return Err(format!(
            "text larger than the {} MB limit for one document",
            MAX_DOC_BYTES >> 20
        ));
    }
    let text = decode(bytes)?;
    Ok(Raw {
        id,
        body: text.replace("\r\n", "\n"),
        title_in_body: true,
        ..Default::default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_non_text() {
        assert!(parse("x".into(), b"").unwrap_err().starts_with("empty"));
        assert!(
            parse("x".into(), b"  \n\n")
                .unwrap_err()
                .starts_with("empty")
        );
        assert!(
            parse("x".into(), b"PK\x03\x04\x00\x00")
                .unwrap_err()
                .starts_with("binary")
        );
        assert!(
            parse("x".into(), b"caf\xe9 au lait")
                .unwrap_err()
                .contains("invalid UTF-8 at byte 3")
        );
        assert_eq!(
            parse("x".into(), "\u{feff}Hello\r\n".as_bytes())
                .unwrap()
                .body,
            "Hello\n"
        );
    }
}
