//! The normalisation applied to an imported 例規 text before it becomes a bundle's source.
//!
//! 取り込んだ例規の本文は、次のとおりにだけ整えてから規則バンドルの本文（source.txt）にします。
//! 文字そのもの（全角の数字・かっこ・空白、旧字、誤字）は変えません。引用（quote）は検査の
//! ときに NFKC と空白の除去で照合されるので、全角のままで一致します。
//!
//! 1. 先頭の BOM（U+FEFF、続けて複数あればすべて）を取り除く。
//! 2. 改行を LF にそろえる（CR LF と CR だけの改行を LF に）。
//! 3. ノーブレークスペース（U+00A0）とタブを半角空白にする。
//! 4. 各行の末尾の空白（全角空白を含む）を取り除く。
//! 5. 3 行以上続く空行を 1 行の空行にする（1 行・2 行の空行はそのまま）。
//!
//! 行頭の字下げ、行の中の空白、文末の改行の有無は変えません。二度かけても結果は同じです。
//!
//! Imported texts are changed in these ways only: leading byte-order marks are removed;
//! CR LF and lone CR become LF; no-break spaces and tabs become spaces; white space at the
//! end of each line is removed; a run of three or more blank lines becomes one blank line.
//! Nothing else changes (full-width characters stay: quotes are compared after NFKC anyway),
//! and normalising twice gives the same text as normalising once.

/// Normalises an imported regulation text as the module documentation states.
pub fn normalize(text: &str) -> String {
    let text = text.trim_start_matches('\u{feff}');
    let mut out = String::with_capacity(text.len());
    let mut blanks = 0usize;
    let mut line = String::new();
    let mut chars = text.chars().peekable();
    let mut ended = false;
    while !ended {
        // one line, up to and excluding its line break
        line.clear();
        let mut terminated = false;
        loop {
            match chars.next() {
                None => {
                    ended = true;
                    break;
                }
                Some('\n') => {
                    terminated = true;
                    break;
                }
                Some('\r') => {
                    if chars.peek() == Some(&'\n') {
                        chars.next();
                    }
                    terminated = true;
                    break;
                }
                Some('\u{a0}' | '\t') => line.push(' '),
                Some(c) => line.push(c),
            }
        }
        let content = line.trim_end();
        if content.is_empty() {
            if terminated {
                blanks += 1;
            }
            // an unterminated blank tail is only trailing white space of the text: dropped
            continue;
        }
        push_blanks(&mut out, blanks);
        blanks = 0;
        out.push_str(content);
        if terminated {
            out.push('\n');
        }
    }
    push_blanks(&mut out, blanks);
    out
}

/// Writes a run of `n` blank lines: kept when one or two, one blank line when longer.
fn push_blanks(out: &mut String, n: usize) {
    let n = if n >= 3 { 1 } else { n };
    for _ in 0..n {
        out.push('\n');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_stated_changes() {
        assert_eq!(normalize("\u{feff}第1条"), "第1条");
        assert_eq!(normalize("a\r\nb\rc\n"), "a\nb\nc\n");
        assert_eq!(normalize("a\u{a0}b\tc"), "a b c");
        assert_eq!(normalize("第1条 本文　 \t\n2 次"), "第1条 本文\n2 次");
        assert_eq!(normalize("a\n\n\n\nb"), "a\n\nb");
        assert_eq!(normalize("a\n\n\nb"), "a\n\n\nb", "two blank lines stay");
        assert_eq!(normalize("\u{feff}\u{feff}a"), "a");
        assert_eq!(
            normalize("a\n\n b"),
            "a\n\n b",
            "one blank line and indentation stay"
        );
        assert_eq!(
            normalize("a\n \n\t\n\u{3000}\nb"),
            "a\n\nb",
            "white-space lines are blank"
        );
    }

    #[test]
    fn nothing_else_changes() {
        let kept = "○目黒区規則\n\n（目的）\n第１条　全角の「かっこ」と数字、旧字の手續、\u{3000}字下げ。\n- 2 箇条書き\n";
        assert_eq!(normalize(kept), kept);
        assert_eq!(normalize("no final newline"), "no final newline");
        assert_eq!(normalize(""), "");
        // a BOM elsewhere is a character of the text, not a byte-order mark
        assert_eq!(normalize("a\u{feff}b"), "a\u{feff}b");
    }

    #[test]
    fn the_seeds_are_already_normal() {
        for text in [
            include_str!("../../../policies/meguro/source.txt"),
            include_str!("../../../policies/chikuma/source.txt"),
            include_str!("../../../policies/shimanto/source.txt"),
            include_str!("../../../policies/toin/source.txt"),
            include_str!("../../../policies/sayama/source.txt"),
        ] {
            assert_eq!(normalize(text), text);
        }
    }

    #[test]
    fn idempotent() {
        let cases = [
            "\u{feff}\r\n\r\n\r\n\r\nx \r\n\t\n\n\n\n y\u{a0}\n\n\n",
            "\n\n\n",
            "\r\r\r\ra",
            "a\n\n\n   ",
            "a   \n\n\n\u{3000}",
            "\u{feff}\u{feff}a",
            "\r\n",
            " \n \n \n \n",
        ];
        for case in cases {
            let once = normalize(case);
            assert_eq!(normalize(&once), once, "{case:?}");
        }
        // every short string over an alphabet of the characters the rules touch
        let alphabet = ['a', ' ', '\t', '\n', '\r', '\u{a0}', '\u{3000}', '\u{feff}'];
        let mut stack = vec![String::new()];
        while let Some(s) = stack.pop() {
            let once = normalize(&s);
            assert_eq!(normalize(&once), once, "{s:?}");
            if s.chars().count() < 6 {
                for c in alphabet {
                    let mut t = s.clone();
                    t.push(c);
                    stack.push(t);
                }
            }
        }
    }
}
