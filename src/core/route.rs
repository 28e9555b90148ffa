//! Addresses: the part of the URL after `#` that names a screen (`#/draft/<id>/section-2`).
//!
//! Every screen has an address, so the browser's Back and Forward move between screens, a
//! reload returns to the same place and a bookmark works, from `file://` as from an intranet
//! server. Only ids are kept in an address, never data. This module reads and writes them,
//! purely: [`Route::parse`] and [`Route::to_hash`] are inverse, each segment percent-encoded
//! as `encodeURIComponent` does and decoded exactly once.

/// Where in a draft the respondent is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// 点検の対象 / 契約の概要.
    Subject,
    /// 前提の質問.
    Profile,
    /// A section of items (from 0).
    Section(usize),
    /// まとめ.
    Summary,
    /// 印刷.
    Print,
}

impl Step {
    /// The step in addresses and in the draft (`section-1` is the first section).
    pub fn key(self) -> String {
        match self {
            Step::Subject => "subject".into(),
            Step::Profile => "profile".into(),
            Step::Section(i) => format!("section-{}", i.saturating_add(1)),
            Step::Summary => "summary".into(),
            Step::Print => "print".into(),
        }
    }

    /// The step a key names.
    pub fn of_key(key: &str) -> Option<Step> {
        match key {
            "subject" => Some(Step::Subject),
            "profile" => Some(Step::Profile),
            "summary" => Some(Step::Summary),
            "print" => Some(Step::Print),
            _ => key
                .strip_prefix("section-")
                .filter(|n| n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0'))?
                .parse::<usize>()
                .ok()
                .filter(|n| *n >= 1)
                .map(|n| Step::Section(n - 1)),
        }
    }
}

/// A parsed address.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `#/`
    Home,
    /// `#/bundle/<id>@<hash>/<checklist>`
    Bundle {
        /// Bundle id.
        id: String,
        /// Start of its hash (may be empty).
        hash: String,
        /// Checklist id.
        checklist: String,
    },
    /// `#/draft/<id>/<step>`
    Draft {
        /// Draft id.
        id: String,
        /// Step key (empty: the step the draft was left at).
        step: String,
    },
    /// `#/keys` or `#/keys/<draft id>`
    Keys(Option<String>),
    /// `#/result` (the file itself is not in the address).
    Result,
    /// `#/review`
    Review,
    /// `#/help`
    Help,
    /// `#/editor` or `#/editor/<project>`
    Editor(Option<String>),
    /// `#/guide`
    Guide,
    /// Anything else: the address as it was.
    Unknown(String),
}

/// `encodeURIComponent`: every byte but ASCII letters, digits and `-_.!~*'()` as `%XX`.
pub fn encode(s: &str) -> String {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let mut out = String::with_capacity(s.len());
    for &b in s.as_bytes() {
        if b.is_ascii_alphanumeric() || b"-_.!~*'()".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(b >> 4)]));
            out.push(char::from(HEX[usize::from(b & 15)]));
        }
    }
    out
}

/// `decodeURIComponent`, once; a segment it would refuse (a broken `%` escape, bytes that
/// are not UTF-8) is kept as it was.
pub fn decode(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        char::from(b)
            .to_digit(16)
            .and_then(|d| u8::try_from(d).ok())
    }
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let pair = b
                .get(i + 1)
                .copied()
                .and_then(hex)
                .zip(b.get(i + 2).copied().and_then(hex));
            let Some((hi, lo)) = pair else {
                return s.to_string();
            };
            out.push(hi << 4 | lo);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

impl Route {
    /// Reads an address (the hash without `#`).
    pub fn parse(hash: &str) -> Route {
        let raw: Vec<&str> = hash
            .trim_start_matches('/')
            .split('/')
            .filter(|p| !p.is_empty())
            .collect();
        let d = |i: usize| raw.get(i).map(|s| decode(s)).unwrap_or_default();
        let head = raw.first().map(|s| decode(s));
        match (head.as_deref(), raw.len()) {
            (None, _) => Route::Home,
            (Some("bundle"), 3) => {
                // `@` between id and hash is a separator; an `@` inside the id is encoded
                let (id, hash) = raw[1].split_once('@').unwrap_or((raw[1], ""));
                Route::Bundle {
                    id: decode(id),
                    hash: decode(hash),
                    checklist: d(2),
                }
            }
            (Some("draft"), 2 | 3) => Route::Draft {
                id: d(1),
                step: d(2),
            },
            (Some("keys"), 1) => Route::Keys(None),
            (Some("keys"), 2) => Route::Keys(Some(d(1))),
            (Some("result"), 1) => Route::Result,
            (Some("review"), 1) => Route::Review,
            (Some("help"), 1) => Route::Help,
            (Some("editor"), 1) => Route::Editor(None),
            (Some("editor"), 2) => Route::Editor(Some(d(1))),
            (Some("guide"), 1) => Route::Guide,
            _ => Route::Unknown(hash.to_string()),
        }
    }

    /// The address of this route (without `#`), read back by [`Route::parse`] as itself.
    pub fn to_hash(&self) -> String {
        match self {
            Route::Home => "/".into(),
            Route::Bundle {
                id,
                hash,
                checklist,
            } => {
                let key = if hash.is_empty() {
                    encode(id)
                } else {
                    format!("{}@{}", encode(id), encode(hash))
                };
                format!("/bundle/{key}/{}", encode(checklist))
            }
            Route::Draft { id, step } if step.is_empty() => format!("/draft/{}", encode(id)),
            Route::Draft { id, step } => format!("/draft/{}/{}", encode(id), encode(step)),
            Route::Keys(None) => "/keys".into(),
            Route::Keys(Some(d)) => format!("/keys/{}", encode(d)),
            Route::Result => "/result".into(),
            Route::Review => "/review".into(),
            Route::Help => "/help".into(),
            Route::Editor(None) => "/editor".into(),
            Route::Editor(Some(p)) => format!("/editor/{}", encode(p)),
            Route::Guide => "/guide".into(),
            Route::Unknown(h) => h.clone(),
        }
    }

    /// Whether following this address must wait for the page's bundles and stored drafts.
    pub fn needs_data(&self) -> bool {
        matches!(self, Route::Bundle { .. } | Route::Draft { .. })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_read_as_screens() {
        assert_eq!(Route::parse(""), Route::Home);
        assert_eq!(Route::parse("/"), Route::Home);
        assert_eq!(
            Route::parse("/bundle/meguro@0123456789ab/tenken"),
            Route::Bundle {
                id: "meguro".into(),
                hash: "0123456789ab".into(),
                checklist: "tenken".into()
            }
        );
        assert_eq!(
            Route::parse("/draft/d1/section-2"),
            Route::Draft {
                id: "d1".into(),
                step: "section-2".into()
            }
        );
        assert_eq!(
            Route::parse("/draft/d1"),
            Route::Draft {
                id: "d1".into(),
                step: String::new()
            }
        );
        assert_eq!(Route::parse("/keys"), Route::Keys(None));
        assert_eq!(Route::parse("/review"), Route::Review);
        assert_eq!(Route::parse("/guide"), Route::Guide);
        assert_eq!(
            Route::parse("/nothing/here"),
            Route::Unknown("/nothing/here".into())
        );
        assert_eq!(
            Route::parse("/review/extra"),
            Route::Unknown("/review/extra".into())
        );
    }

    #[test]
    fn a_segment_is_decoded_once() {
        // a project named 「100%」 is `100%25` in the address: decoding it twice would fail
        // (or, for `%2541`, turn into another name)
        let r = Route::Editor(Some("課_100%41".into()));
        assert_eq!(r.to_hash(), "/editor/%E8%AA%B2_100%2541");
        assert_eq!(Route::parse(&r.to_hash()), r);
        // what the browser shows for a typed address is read as the browser encodes it
        assert_eq!(
            Route::parse("/editor/%E8%AA%B2"),
            Route::Editor(Some("課".into()))
        );
        // a broken escape is kept as typed, as decodeURIComponent would refuse it
        assert_eq!(
            Route::parse("/keys/%E8%AA"),
            Route::Keys(Some("%E8%AA".into()))
        );
        assert_eq!(Route::parse("/keys/%zz"), Route::Keys(Some("%zz".into())));
    }

    #[test]
    fn an_at_sign_in_an_id_is_not_the_separator() {
        let r = Route::Bundle {
            id: "a@b".into(),
            hash: "cd".into(),
            checklist: "x/y".into(),
        };
        assert_eq!(r.to_hash(), "/bundle/a%40b@cd/x%2Fy");
        assert_eq!(Route::parse(&r.to_hash()), r);
    }

    #[test]
    fn encoding_matches_encode_uri_component() {
        assert_eq!(encode("AZaz09-_.!~*'()"), "AZaz09-_.!~*'()");
        assert_eq!(encode("a b/c?d#e"), "a%20b%2Fc%3Fd%23e");
        assert_eq!(encode("点検"), "%E7%82%B9%E6%A4%9C");
        assert_eq!(decode("%e7%82%b9"), "点");
    }

    #[test]
    fn steps_round_trip_and_refuse_odd_keys() {
        for s in [
            Step::Subject,
            Step::Profile,
            Step::Section(0),
            Step::Section(41),
            Step::Summary,
            Step::Print,
        ] {
            assert_eq!(Step::of_key(&s.key()), Some(s));
        }
        for k in [
            "section-0",
            "section-",
            "section-01",
            "section-+1",
            "section-x",
            "other",
        ] {
            assert_eq!(Step::of_key(k), None, "{k}");
        }
    }

    mod prop {
        use super::super::*;
        use proptest::prelude::*;

        fn text() -> impl Strategy<Value = String> {
            prop_oneof!["[a-z0-9@%/ ._-]{1,12}", "\\PC{1,8}"]
        }

        fn route() -> impl Strategy<Value = Route> {
            prop_oneof![
                Just(Route::Home),
                (text(), "[0-9a-f@%]{0,12}", text()).prop_map(|(id, hash, checklist)| {
                    Route::Bundle {
                        id,
                        hash,
                        checklist,
                    }
                }),
                (text(), prop_oneof![Just(String::new()), text()])
                    .prop_map(|(id, step)| Route::Draft { id, step }),
                proptest::option::of(text()).prop_map(Route::Keys),
                proptest::option::of(text()).prop_map(Route::Editor),
                Just(Route::Review),
                Just(Route::Guide),
                Just(Route::Result),
                Just(Route::Help),
            ]
        }

        proptest! {
            #![proptest_config(ProptestConfig {
                failure_persistence: Some(Box::new(
                    proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"),
                )),
                ..ProptestConfig::default()
            })]

            /// Every screen's address reads back as that screen, whatever its ids hold.
            #[test]
            fn parse_inverts_to_hash(r in route()) {
                prop_assert_eq!(Route::parse(&r.to_hash()), r);
            }

            /// Any address typed by hand reads as something, without a panic, and decoding
            /// is the inverse of encoding.
            #[test]
            fn any_address_reads(h in "\\PC{0,40}", s in "\\PC{0,20}") {
                let _ = Route::parse(&h);
                prop_assert_eq!(decode(&encode(&s)), s);
            }
        }
    }
}
