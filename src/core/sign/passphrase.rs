//! Which passphrases may protect a secret key.
//!
//! The scrypt parameters slow down guessing, but a short or predictable passphrase falls
//! anyway once a key file is copied. The rules are few and explainable: long enough, not a
//! repetition or a run, not a well-known password, not made of the owner's own details,
//! and with enough estimated strength for the kinds of characters used.

use crate::core::message::Message;

/// Fewest characters accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 12;

/// Estimated strength required, in bits.
const MIN_BITS: f64 = 50.0;

/// Passwords that guessers try first (lower case, without digits at the end).
const COMMON: &[&str] = &[
    "password",
    "passw0rd",
    "p@ssw0rd",
    "qwerty",
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
    "iloveyou",
    "letmein",
    "welcome",
    "admin",
    "administrator",
    "abc123",
    "dragon",
    "monkey",
    "sunshine",
    "princess",
    "football",
    "baseball",
    "master",
    "secret",
    "tenken",
    "minisign",
    "changeme",
    "trustno1",
    "himitsu",
    "kacho",
    "kachou",
    "shiyakusho",
    "yakuba",
    "yakusho",
    "pokemon",
];

/// Why a passphrase is refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Weakness {
    /// Fewer than [`MIN_PASSPHRASE_CHARS`] characters.
    TooShort {
        /// Characters given.
        chars: usize,
    },
    /// One character, or a short group, repeated.
    Repeated,
    /// A run such as `123456789` or `abcdefgh`.
    Sequence,
    /// A well-known password, maybe with digits or symbols added.
    Common,
    /// Contains the owner's name or division.
    Personal,
    /// Too few kinds of characters for its length.
    TooSimple {
        /// Estimated bits.
        bits: u32,
    },
}

impl Message for Weakness {
    /// The reason in Japanese, with what to do.
    fn message_ja(&self) -> String {
        match self {
            Weakness::TooShort { chars } => format!(
                "{MIN_PASSPHRASE_CHARS} 文字以上にしてください（いまは {chars} 文字）。"
            ),
            Weakness::Repeated => "同じ文字や同じ並びの繰り返しです。".into(),
            Weakness::Sequence => "123… や abc… のような連続した並びです。".into(),
            Weakness::Common => "よく使われるパスワードを含んでいます。".into(),
            Weakness::Personal => "氏名や課名を含んでいます。".into(),
            Weakness::TooSimple { .. } => {
                "文字の種類が少なすぎます。長くするか、英大文字・小文字・数字・記号・日本語を混ぜてください。"
                    .into()
            }
        }
    }

    /// The reason in English.
    fn message_en(&self) -> String {
        match self {
            Weakness::TooShort { chars } => {
                format!("use at least {MIN_PASSPHRASE_CHARS} characters (now {chars})")
            }
            Weakness::Repeated => "a repeated character or group".into(),
            Weakness::Sequence => "a run such as 123… or abc…".into(),
            Weakness::Common => "contains a well-known password".into(),
            Weakness::Personal => "contains the owner's name or division".into(),
            Weakness::TooSimple { bits } => format!(
                "too few kinds of characters for its length (about {bits} bits; make it longer or mix kinds)"
            ),
        }
    }
}

/// Checks `passphrase` for a key owned by someone with these details (name, division…).
pub fn check_passphrase(passphrase: &str, personal: &[&str]) -> Result<(), Weakness> {
    let chars: Vec<char> = passphrase.chars().collect();
    if chars.len() < MIN_PASSPHRASE_CHARS {
        return Err(Weakness::TooShort { chars: chars.len() });
    }
    if is_repetition(&chars) {
        return Err(Weakness::Repeated);
    }
    if is_sequence(&chars) {
        return Err(Weakness::Sequence);
    }
    // what is left without a well-known password or the owner's details must be long enough
    let lower: String = passphrase
        .to_ascii_lowercase()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if COMMON
        .iter()
        .any(|c| remainder(&lower, c) < MIN_PASSPHRASE_CHARS)
    {
        return Err(Weakness::Common);
    }
    for p in personal {
        let p: String = p
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        if p.chars().count() >= 2 && remainder(&lower, &p) < MIN_PASSPHRASE_CHARS {
            return Err(Weakness::Personal);
        }
    }
    let bits = estimated_bits(&chars);
    if bits < MIN_BITS {
        return Err(Weakness::TooSimple { bits: bits as u32 });
    }
    Ok(())
}

/// Characters of `text` left when every `word` in it is taken out (all of them if none is).
fn remainder(text: &str, word: &str) -> usize {
    if text.contains(word) {
        text.replace(word, "").chars().count()
    } else {
        usize::MAX
    }
}

/// The whole passphrase is one group repeated (`aaaa…`, `abcabc…`, `12341234…`).
fn is_repetition(chars: &[char]) -> bool {
    (1..=chars.len() / 2)
        .any(|n| chars.len().is_multiple_of(n) && chars.chunks(n).all(|c| c == &chars[..n]))
}

/// Every step between neighbouring characters is the same +1 or −1 (`1234…`, `zyxw…`).
fn is_sequence(chars: &[char]) -> bool {
    let steps: Vec<i64> = chars
        .windows(2)
        .map(|w| i64::from(u32::from(w[1])) - i64::from(u32::from(w[0])))
        .collect();
    steps.iter().all(|s| *s == 1) || steps.iter().all(|s| *s == -1)
}

/// Length × log2(size of the character pool the passphrase draws from), counting repeated
/// characters only once beyond the number of distinct ones.
fn estimated_bits(chars: &[char]) -> f64 {
    let mut pool: f64 = 0.0;
    if chars.iter().any(|c| c.is_ascii_digit()) {
        pool += 10.0;
    }
    if chars.iter().any(|c| c.is_ascii_lowercase()) {
        pool += 26.0;
    }
    if chars.iter().any(|c| c.is_ascii_uppercase()) {
        pool += 26.0;
    }
    if chars.iter().any(|c| c.is_ascii_punctuation() || *c == ' ') {
        pool += 33.0;
    }
    if chars.iter().any(|c| !c.is_ascii()) {
        // かな alone are ~80, with 漢字 thousands; stay modest
        pool += 100.0;
    }
    let mut distinct: Vec<char> = chars.to_vec();
    crate::core::sort::sort_by(&mut distinct, char::cmp);
    distinct.dedup();
    // a character used again adds little: count it at a quarter
    let effective = distinct.len() as f64 + (chars.len() - distinct.len()) as f64 / 4.0;
    effective * f64::log2(pool.max(2.0))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn weakness(p: &str) -> Option<Weakness> {
        check_passphrase(p, &["山田太郎", "情報政策課", "yamada"]).err()
    }

    #[test]
    fn reasonable_passphrases_pass() {
        for p in [
            "correct horse battery",
            "Kumo-no-ue 2026!",
            "あさひがのぼるまちのはし",
            "tsukimi dango ni sake",
            "7Rk!q2Vz#pLm",
        ] {
            assert_eq!(weakness(p), None, "{p}");
        }
    }

    #[test]
    fn short_ones_say_how_many_characters() {
        assert_eq!(weakness("Ab3$efgh"), Some(Weakness::TooShort { chars: 8 }));
        // characters, not bytes: 11 kana are still too short
        assert_eq!(
            weakness("あいうえおかきくけこさ"),
            Some(Weakness::TooShort { chars: 11 })
        );
    }

    #[test]
    fn repetitions_and_runs_are_refused() {
        assert_eq!(weakness("aaaaaaaaaaaaaa"), Some(Weakness::Repeated));
        assert_eq!(weakness("abcabcabcabc"), Some(Weakness::Repeated));
        assert_eq!(weakness("abcdefghijklm"), Some(Weakness::Sequence));
        assert_eq!(weakness("zyxwvutsrqpon"), Some(Weakness::Sequence));
    }

    #[test]
    fn common_passwords_with_decoration_are_refused() {
        assert_eq!(weakness("Password1234"), Some(Weakness::Common));
        assert_eq!(weakness("P@ssw0rd2026!"), Some(Weakness::Common));
        assert_eq!(weakness("qwertyuiop12"), Some(Weakness::Common));
    }

    #[test]
    fn own_name_or_division_is_refused() {
        assert_eq!(weakness("yamada202612"), Some(Weakness::Personal));
        assert_eq!(
            weakness("情報政策課の署名用の鍵です"),
            Some(Weakness::Personal)
        );
        assert_eq!(weakness("Yamada Taro 1985"), Some(Weakness::Personal));
        // a long passphrase that merely mentions the division is fine
        assert_eq!(weakness("情報政策課の夏は暑く冬は寒いと聞きました"), None);
    }

    #[test]
    fn digits_only_are_too_simple() {
        assert!(matches!(
            weakness("839201746153"),
            Some(Weakness::TooSimple { .. })
        ));
        assert!(matches!(
            weakness("1234567890123"),
            Some(Weakness::TooSimple { .. })
        ));
    }
}
