//! Bytes as text that survives an HTML `<script>` element in a page decoded as windows-1252:
//! one character (one byte in the file) per byte, except where the HTML parser would change
//! the text or end the element:
//!
//! - CR (the parser turns CR and CR LF into LF): written as [`ESC`] `r`;
//! - `<` before `/` or `!` (which could end the element or enter its escaped state; any
//!   other `<` is text): written as [`ESC`] `l`;
//! - the escape byte itself, only where the byte after it would read as an escape's second
//!   character (`r`, `l`, `e`): written as [`ESC`] `e`; any other [`ESC`] stands for itself.
//!
//! NUL is written as it is: in a script element the parser gives U+FFFD for it, a character
//! no windows-1252 byte stands for, which the reader takes back as NUL. So random bytes (what
//! LZMA writes) cost one byte each plus ~0.4% (one CR in 256), where escaping NUL, CR, `<` and
//! the escape byte always cost 1.6%, 7 bits per ASCII character 14% and base64 33%. The
//! bootstrap decodes it with the same tables.

/// The byte that starts an escape.
pub const ESC: u8 = 0x01;

/// Bytes written as [`ESC`] and this character (where they need to be, see the module).
pub const ESCAPED: [(u8, char); 3] = [(0x0d, 'r'), (b'<', 'l'), (ESC, 'e')];

/// What a script element's text holds for a NUL byte of the file (the HTML parser's
/// replacement character).
pub const NUL_READ_AS: char = '\u{fffd}';

/// windows-1252 (what browsers use for `charset=windows-1252`, and for "iso-8859-1"): the
/// characters of bytes 0x80–0x9F. Every other byte is the code point of the same value.
pub const WINDOWS_1252: [u32; 32] = [
    0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039,
    0x152, 0x8d, 0x17d, 0x8f, 0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc,
    0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];

/// The character a windows-1252 page shows for byte `b`.
pub fn char_of_byte(b: u8) -> char {
    let code = match b {
        0x80..=0x9f => WINDOWS_1252[usize::from(b - 0x80)],
        _ => u32::from(b),
    };
    char::from_u32(code).unwrap_or('?')
}

/// The byte of a windows-1252 character, if it has one.
pub fn byte_of_char(c: char) -> Option<u8> {
    let code = c as u32;
    match code {
        0..=0x7f | 0xa0..=0xff => Some(code as u8),
        _ => WINDOWS_1252
            .iter()
            .position(|&w| w == code)
            .map(|i| 0x80 + i as u8),
    }
}

/// The escape's second character for `b`, if `b` is one of [`ESCAPED`].
fn escape_of(b: u8) -> Option<char> {
    ESCAPED.iter().find(|(e, _)| *e == b).map(|(_, c)| *c)
}

/// Encodes bytes as script-safe windows-1252 text (see the module's documentation).
pub fn encode_8bit(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() + bytes.len() / 128 + 2);
    for (i, &b) in bytes.iter().enumerate() {
        let next = bytes.get(i + 1).copied();
        let escaped = match b {
            0x0d => true,
            b'<' => matches!(next, Some(b'/' | b'!')),
            ESC => next.is_some_and(|n| ESCAPED.iter().any(|(_, c)| u32::from(n) == *c as u32)),
            _ => false,
        };
        match escape_of(b).filter(|_| escaped) {
            Some(c) => {
                out.push(char::from(ESC));
                out.push(c);
            }
            None => out.push(char_of_byte(b)),
        }
    }
    out
}

/// Decodes the text of a script element holding [`encode_8bit`]'s output (as the browser
/// gives it: a NUL read as [`NUL_READ_AS`]) back into `n` bytes (what the bootstrap does), or
/// `None` if it does not hold exactly `n`. `n` is read from the page: no more than the text's
/// length is reserved for it.
pub fn decode_8bit(text: &str, n: usize) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(n.min(text.len()));
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let mut b = if c == NUL_READ_AS {
            0
        } else {
            byte_of_char(c)?
        };
        if b == ESC
            && let Some(&(e, _)) = chars
                .peek()
                .and_then(|x| ESCAPED.iter().find(|(_, c)| c == x))
        {
            b = e;
            chars.next();
        }
        if out.len() < n {
            out.push(b);
        }
    }
    (out.len() == n).then_some(out)
}

/// The page as windows-1252 bytes; every character must have a byte (escape the rest first).
pub fn to_windows_1252(page: &str) -> Result<Vec<u8>, char> {
    page.chars().map(|c| byte_of_char(c).ok_or(c)).collect()
}

/// The tables as JavaScript literals, for the bootstrap's placeholders: (`WINDOWS_1252`,
/// `ESC`, `ESCAPES`).
pub fn js_tables() -> [(&'static str, String); 3] {
    let w: Vec<String> = WINDOWS_1252.iter().map(|c| format!("{c:#x}")).collect();
    let e: Vec<String> = ESCAPED
        .iter()
        .map(|(b, c)| format!("{}:{b}", u32::from(*c)))
        .collect();
    [
        ("WINDOWS_1252", format!("[{}]", w.join(","))),
        ("ESC", ESC.to_string()),
        ("ESCAPES", format!("{{{}}}", e.join(","))),
    ]
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::page::noise;

    /// The text a browser gives of a script element whose content is `file` in a
    /// windows-1252 page: each byte's character, CR and CR LF as LF, NUL as U+FFFD (the HTML
    /// tokenizer's script data state and input preprocessing), up to the first `</script`
    /// that would end the element; and whether the parser left the plain script data state
    /// (`<!` can start its escaped state, where `<script` changes how `</script>` is read).
    pub(crate) fn script_text(file: &[u8]) -> (String, bool) {
        let mut text = String::new();
        let mut left_plain_state = false;
        let mut i = 0;
        while i < file.len() {
            let b = file[i];
            if b == b'<' {
                let rest = &file[i + 1..];
                if rest.first() == Some(&b'!') {
                    left_plain_state = true;
                }
                if rest.len() >= 7 && rest[..7].eq_ignore_ascii_case(b"/script") {
                    break;
                }
            }
            match b {
                0x0d => {
                    text.push('\n');
                    if file.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                }
                0 => text.push(NUL_READ_AS),
                _ => text.push(char_of_byte(b)),
            }
            i += 1;
        }
        (text, left_plain_state)
    }

    #[test]
    fn eight_bit_text_survives_a_script_element_byte_for_byte() {
        let mut cases: Vec<Vec<u8>> = vec![
            vec![],
            vec![0],
            vec![0x3c],
            vec![0x0d, 0x0d],
            vec![0x0d, 0x0a],
            vec![0x0a, 0x0d],
            b"</script>".to_vec(),
            b"</SCRIPT >".to_vec(),
            b"<!--<script>".to_vec(),
            b"<<//<!!<".to_vec(),
            vec![ESC],
            vec![ESC, b'r'],
            vec![ESC, b'l'],
            vec![ESC, b'e'],
            vec![ESC, ESC, b'e', ESC],
            vec![ESC, 0x0d],
            vec![ESC, b'<', b'/'],
            vec![ESC, b'0'],
            (0..=255).collect(),
            (0..=255).rev().collect(),
        ];
        for seed in [0x1234_5678, 0x9e37_79b9, 7] {
            cases.push(noise(100_000, seed));
        }
        // all pairs and triples of the bytes that matter
        let special = [
            0u8, 0x0a, 0x0d, ESC, b'<', b'/', b'!', b'r', b'l', b'e', b'0', 0x80,
        ];
        for &a in &special {
            for &b in &special {
                cases.push(vec![a, b]);
                for &c in &special {
                    cases.push(vec![a, b, c]);
                }
            }
        }
        for bytes in cases {
            let text = encode_8bit(&bytes);
            let file = to_windows_1252(&text).expect("every character has a byte");
            let (read, left_plain_state) = script_text(&file);
            assert!(!left_plain_state, "{bytes:?}: no `<!`");
            assert_eq!(
                read.chars().count(),
                text.chars().count(),
                "{bytes:?}: the element is not ended early"
            );
            assert_eq!(
                decode_8bit(&read, bytes.len()),
                Some(bytes.clone()),
                "{bytes:?} as the browser reads it"
            );
            // the text as written (NUL as NUL) decodes too
            assert_eq!(decode_8bit(&text, bytes.len()), Some(bytes.clone()));
            assert!(!text.contains('\r'));
        }
        assert_eq!(decode_8bit("ab", 3), None, "a short text is damaged");
        assert_eq!(
            decode_8bit("\u{4e00}", 1),
            None,
            "and one with a character no byte has"
        );
    }

    #[test]
    fn random_bytes_cost_one_byte_each_and_a_cr_in_256() {
        let bytes = noise(1 << 20, 0x2545_f491);
        let file = to_windows_1252(&encode_8bit(&bytes)).expect("bytes");
        let crs = bytes.iter().filter(|&&b| b == 0x0d).count();
        let extra = file.len() - bytes.len();
        assert!(
            extra >= crs && extra < crs + crs / 20,
            "{extra} for {crs} CRs"
        );
        assert!(extra * 200 < bytes.len(), "under 0.5%: {extra}");
    }

    #[test]
    fn the_javascript_tables_say_the_same() {
        let [w, esc, e] = js_tables();
        assert!(w.1.starts_with("[0x20ac,0x81,"));
        assert_eq!(esc.1, "1");
        assert_eq!(e.1, "{114:13,108:60,101:1}");
    }
}
