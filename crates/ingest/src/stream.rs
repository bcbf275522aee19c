//! Byte streams for the record readers: a gzip decoder that survives a bad
//! member, and a buffered stream with bounded line reads, skips, pushback and
//! byte offsets, so memory stays flat however large the input.

use std::io::{self, BufRead, BufReader, Read};

use flate2::bufread::GzDecoder;

type RawReader = BufReader<Box<dyn Read + Send>>;

/// Concatenated gzip members (as in Common Crawl's per-record `.warc.gz`),
/// decoded one after another. Unlike `MultiGzDecoder`, a corrupt or
/// truncated member is reported once as an error and decoding resumes at
/// the next gzip header, so the records after it are still read.
pub struct Members {
    dec: Option<GzDecoder<RawReader>>,
    /// Whether the current member gave any bytes: if not, its failure lies
    /// at its very start and resynchronising must move past it.
    produced: bool,
}

impl Members {
    pub fn new(raw: RawReader) -> Self {
        Members {
            dec: Some(GzDecoder::new(raw)),
            produced: false,
        }
    }
}

/// Moves `raw` to the next gzip header (`1f 8b 08`), the one it stands on
/// if `here` (a member that failed its checksum ends where the next
/// begins), else after at least one byte; false when there is none.
fn resync_gzip(raw: &mut RawReader, here: bool) -> bool {
    let mut first = !here;
    loop {
        let buf = match raw.fill_buf() {
            Ok(b) if !b.is_empty() => b,
            _ => return false,
        };
        let from = usize::from(first);
        first = false;
        if let Some(k) = buf
            .windows(3)
            .skip(from)
            .position(|w| w == [0x1f, 0x8b, 0x08])
        {
            raw.consume(k + from);
            return true;
        }
        // Keep the last two bytes: a header may straddle buffers.
        let keep = 2.min(buf.len());
        let n = (buf.len() - keep).max(from);
        raw.consume(n);
        if n == 0 {
            return false;
        }
    }
}

impl Read for Members {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        loop {
            let Some(dec) = self.dec.as_mut() else {
                return Ok(0);
            };
            match dec.read(out) {
                Ok(0) if !out.is_empty() => {
                    let mut raw = self.dec.take().expect("decoder").into_inner();
                    match raw.fill_buf() {
                        Ok(b) if !b.is_empty() => self.dec = Some(GzDecoder::new(raw)),
                        _ => return Ok(0),
                    }
                    self.produced = false;
                }
                Ok(n) => {
                    self.produced = true;
                    return Ok(n);
                }
                Err(e) => {
                    let mut raw = self.dec.take().expect("decoder").into_inner();
                    if resync_gzip(&mut raw, self.produced) {
                        self.dec = Some(GzDecoder::new(raw));
                    }
                    self.produced = false;
                    let what = if e.kind() == io::ErrorKind::UnexpectedEof {
                        "truncated gzip member"
                    } else {
                        "corrupt gzip member"
                    };
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        format!("{what}: {e}"),
                    ));
                }
            }
        }
    }
}

/// A read-ahead buffer over any reader, counting the offset of what it hands out.
pub struct Stream {
    inner: Box<dyn Read + Send>,
    buf: Vec<u8>,
    pos: usize,
    /// Offset in the (decompressed) stream of `buf[pos]`.
    offset: u64,
    eof: bool,
    /// Read errors in a row; a reader that keeps failing is given up.
    errors: u32,
    /// An error met while looking ahead, reported when the data is needed.
    pending: Option<io::Error>,
}

const CHUNK: usize = 1 << 16;

/// What [`Stream::read_line`] found.
pub enum Line {
    /// A line including its `\n` (absent on the last line of a stream).
    Bytes(Vec<u8>),
    /// A line longer than the limit; it was skipped to its end.
    TooLong(u64),
}

impl Stream {
    pub fn new(inner: Box<dyn Read + Send>) -> Self {
        Stream {
            inner,
            buf: Vec::with_capacity(CHUNK),
            pos: 0,
            offset: 0,
            eof: false,
            errors: 0,
            pending: None,
        }
    }

    pub fn offset(&self) -> u64 {
        self.offset
    }

    fn avail(&self) -> &[u8] {
        &self.buf[self.pos..]
    }

    fn consume(&mut self, n: usize) {
        self.pos += n;
        self.offset += n as u64;
    }

    /// Reads more into the buffer; Ok(false) at the end of the stream.
    fn fill(&mut self) -> io::Result<bool> {
        if let Some(e) = self.pending.take() {
            return Err(e);
        }
        if self.eof {
            return Ok(false);
        }
        if self.pos > 0 && self.pos * 2 >= self.buf.len() {
            self.buf.drain(..self.pos);
            self.pos = 0;
        }
        let old = self.buf.len();
        self.buf.resize(old + CHUNK, 0);
        match self.inner.read(&mut self.buf[old..]) {
            Ok(0) => {
                self.buf.truncate(old);
                self.eof = true;
                Ok(false)
            }
            Ok(n) => {
                self.buf.truncate(old + n);
                self.errors = 0;
                Ok(true)
            }
            Err(e) => {
                self.buf.truncate(old);
                self.errors += 1;
                if self.errors > 3 || e.kind() != io::ErrorKind::InvalidData {
                    self.eof = true;
                }
                Err(e)
            }
        }
    }

    /// Whether the stream has no more bytes.
    pub fn at_end(&mut self) -> io::Result<bool> {
        while self.avail().is_empty() {
            if !self.fill()? {
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// The next line, at most `max` bytes; None at the end.
    pub fn read_line(&mut self, max: usize) -> io::Result<Option<Line>> {
        let mut scanned = 0;
        loop {
            if let Some(k) = self.avail()[scanned..].iter().position(|&b| b == b'\n') {
                let end = scanned + k + 1;
                if end > max {
                    self.consume(end);
                    return Ok(Some(Line::TooLong(end as u64)));
                }
                let line = self.avail()[..end].to_vec();
                self.consume(end);
                return Ok(Some(Line::Bytes(line)));
            }
            scanned = self.avail().len();
            if scanned > max {
                // Skip the rest of an over-long line without keeping it.
                let mut total = scanned as u64;
                self.consume(scanned);
                loop {
                    if self.avail().is_empty() && !self.fill()? {
                        return Ok(Some(Line::TooLong(total)));
                    }
                    if let Some(k) = self.avail().iter().position(|&b| b == b'\n') {
                        total += k as u64 + 1;
                        self.consume(k + 1);
                        return Ok(Some(Line::TooLong(total)));
                    }
                    let n = self.avail().len();
                    total += n as u64;
                    self.consume(n);
                }
            }
            if !self.fill()? {
                if scanned == 0 {
                    return Ok(None);
                }
                let line = self.avail().to_vec();
                self.consume(line.len());
                return Ok(Some(Line::Bytes(line)));
            }
        }
    }

    /// Up to `n` bytes (fewer only at the end of the stream).
    pub fn read_bytes(&mut self, n: usize) -> io::Result<Vec<u8>> {
        while self.avail().len() < n {
            if !self.fill()? {
                break;
            }
        }
        let k = n.min(self.avail().len());
        let out = self.avail()[..k].to_vec();
        self.consume(k);
        Ok(out)
    }

    /// Skips `n` bytes; how many there were.
    pub fn skip(&mut self, n: u64) -> io::Result<u64> {
        let mut left = n;
        while left > 0 {
            if self.avail().is_empty() && !self.fill()? {
                break;
            }
            let k = (left as usize).min(self.avail().len());
            self.consume(k);
            left -= k as u64;
        }
        Ok(n - left)
    }

    /// Looks at the next `n` bytes (fewer at the end) without consuming
    /// them. An error after some bytes is kept for the read that needs them.
    pub fn peek(&mut self, n: usize) -> io::Result<&[u8]> {
        while self.avail().len() < n {
            match self.fill() {
                Ok(true) => {}
                Ok(false) => break,
                Err(e) if !self.avail().is_empty() => {
                    self.pending = Some(e);
                    break;
                }
                Err(e) => return Err(e),
            }
        }
        let k = n.min(self.avail().len());
        Ok(&self.avail()[..k])
    }

    /// Puts `bytes` back in front of the stream (they were read too far).
    pub fn unread(&mut self, bytes: &[u8]) {
        self.buf.splice(self.pos..self.pos, bytes.iter().copied());
        self.offset -= bytes.len() as u64;
    }

    /// Skips to the next line that starts with `marker`; false at the end.
    pub fn seek_line_starting(&mut self, marker: &[u8]) -> io::Result<bool> {
        loop {
            match self.read_line(1 << 20)? {
                None => return Ok(false),
                Some(Line::TooLong(_)) => {}
                Some(Line::Bytes(_)) => {
                    if self.peek(marker.len())? == marker {
                        return Ok(true);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::{Compression, write::GzEncoder};
    use std::io::Write;

    fn gz(data: &[u8]) -> Vec<u8> {
        let mut e = GzEncoder::new(Vec::new(), Compression::default());
        e.write_all(data).unwrap();
        e.finish().unwrap()
    }

    fn members(bytes: Vec<u8>) -> Members {
        Members::new(BufReader::new(Box::new(io::Cursor::new(bytes))))
    }

    #[test]
    fn bad_member_is_skipped() {
        let mut all = gz(b"one\n");
        let mut bad = gz(b"two two two two\n");
        let n = bad.len();
        bad[n / 2] ^= 0xff;
        bad[n / 2 + 1] ^= 0xff;
        all.extend(bad);
        all.extend(gz(b"three\n"));
        let mut m = members(all);
        let mut out = Vec::new();
        let mut errors = 0;
        let mut buf = [0u8; 64];
        loop {
            match m.read(&mut buf) {
                Ok(0) => break,
                Ok(k) => out.extend_from_slice(&buf[..k]),
                Err(_) => errors += 1,
            }
        }
        assert!(errors >= 1);
        let s = String::from_utf8_lossy(&out);
        assert!(s.starts_with("one\n") && s.ends_with("three\n"), "{s:?}");
    }

    #[test]
    fn truncated_member_is_an_error() {
        let mut all = gz(b"one\n");
        let t = gz(b"two\n");
        all.extend(&t[..t.len() - 6]);
        let mut s = Stream::new(Box::new(members(all)));
        assert!(matches!(s.read_line(100), Ok(Some(Line::Bytes(l))) if l == b"one\n"));
        let e = loop {
            match s.read_line(100) {
                Ok(Some(_)) => {}
                Ok(None) => panic!("no error"),
                Err(e) => break e,
            }
        };
        assert!(e.to_string().contains("truncated gzip"), "{e}");
    }

    #[test]
    fn long_lines_are_skipped() {
        let data = format!("short\n{}\nafter", "x".repeat(300_000));
        let mut s = Stream::new(Box::new(io::Cursor::new(data.into_bytes())));
        assert!(matches!(s.read_line(1000), Ok(Some(Line::Bytes(l))) if l == b"short\n"));
        assert!(matches!(
            s.read_line(1000),
            Ok(Some(Line::TooLong(300_001)))
        ));
        assert!(matches!(s.read_line(1000), Ok(Some(Line::Bytes(l))) if l == b"after"));
        assert!(matches!(s.read_line(1000), Ok(None)));
        assert_eq!(s.offset(), 300_012);
    }
}
