//! Seals on what tenken writes to the browser's storage, so that a change made by anything
//! else is noticed and said in words a 課長 knows.
//!
//! Chromium gives every `file://` page one localStorage: any local HTML file the user opens
//! can read and write tenken's records. Storage is therefore input, not truth. Every record
//! tenken writes (a draft, a kept bundle's list entry, a 規則エディタ project) carries a seal
//! per part: the SHA-256 of a domain tag, a per-browser random salt, the record's kind and
//! id, the part's key and the part's bytes ([`seal`]). On reading, a part whose seal does not
//! match (or a record with no seals) was not written by tenken, and the app says which part:
//! 「項目 第13条第1項第1号 の回答」, 「例規の本文（…）」.
//!
//! What this does and does not stop. The salt is kept in the same storage (there is nowhere
//! else), so a page written against tenken's own format can read it and seal its changes:
//! seals stop pages that do not know tenken, and damaged data, and tell the user what
//! changed — they are not a signature. What no page can forge is a signature by the 課長's
//! or 情報担当課's key, which is why a signature note counts only when its signed file
//! verifies, and why nothing is signed before its difference from the last signature is
//! shown (see [`crate::core::last_signed`]).
//!
//! Trust on first use: the first run of a tenken that seals (no salt yet) makes the salt and
//! seals every record already there without a notice, as it is; from then on a record of
//! that kind without seals is reported. A record whose seals were made with another salt
//! (the salt was removed) fails its check like any changed record.
//!
//! Cost: seals are computed when a record is written (the debounced save, not each
//! keystroke) and checked when it is read; [`SealCache`] lets a writer skip parts whose
//! bytes have not changed since its last write (a 例規 text of megabytes is hashed once per
//! change of that text, not once per save of the project).

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use crate::core::bundle::Checklist;
use crate::core::bundle::raw::RawBundle;
use crate::core::draft::{Draft, DraftError};
use crate::core::id_map::IdMap;

/// The domain tag every seal starts with.
const DOMAIN: &[u8] = b"tenken-seal/1";

/// The bytes of a seal kept (128 bits of the SHA-256, as 32 hex digits).
const SEAL_BYTES: usize = 16;

/// A record's seals, by part key.
pub type Seals = IdMap<String>;

/// A record as its parts: each part's key and bytes.
pub type Parts = Vec<(String, Vec<u8>)>;

/// The seal of one part of a record: SHA-256 over the domain tag, `salt`, the record's
/// `kind` and `id`, the part's key and its bytes, each preceded by its length (so that no
/// two different inputs run together into the same bytes).
pub fn seal(salt: &str, kind: &str, id: &str, part: &str, bytes: &[u8]) -> String {
    let mut h = Sha256::new();
    for field in [
        DOMAIN,
        salt.as_bytes(),
        kind.as_bytes(),
        id.as_bytes(),
        part.as_bytes(),
        bytes,
    ] {
        h.update((field.len() as u64).to_le_bytes());
        h.update(field);
    }
    hex(&h.finalize()[..SEAL_BYTES])
}

fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        out.push(char::from_digit(u32::from(b >> 4), 16).unwrap_or('0'));
        out.push(char::from_digit(u32::from(b & 0xf), 16).unwrap_or('0'));
    }
    out
}

/// A new salt from `random` bytes (the UI's random source: the core has none). The salt is
/// not a secret — it sits in the same storage — so it need only differ between browsers.
pub fn new_salt(random: &[u8]) -> String {
    hex(random)
}

/// The seals of every part of a record.
pub fn seal_parts(salt: &str, kind: &str, id: &str, parts: &Parts) -> Seals {
    let mut seals = Seals::new();
    for (key, bytes) in parts {
        seals.insert(key.clone(), seal(salt, kind, id, key, bytes));
    }
    seals
}

/// What checking a record's seals found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Check {
    /// Every part is as tenken wrote it.
    Intact,
    /// These parts (keys) were changed, added or removed by something other than tenken.
    Changed(Vec<String>),
    /// The record carries no seals: tenken did not write it (or wrote it before it sealed,
    /// which the first run of a sealing tenken takes care of).
    Unsealed,
}

impl Check {
    /// True when nothing is to be reported.
    pub fn is_intact(&self) -> bool {
        *self == Check::Intact
    }
}

/// Checks a record's parts against its seals (`None`: it has none).
pub fn check_parts(
    salt: &str,
    kind: &str,
    id: &str,
    parts: &Parts,
    seals: Option<&Seals>,
) -> Check {
    let Some(seals) = seals else {
        return Check::Unsealed;
    };
    let mut changed: Vec<String> = parts
        .iter()
        .filter(|(key, bytes)| seals.get(key) != Some(&seal(salt, kind, id, key, bytes)))
        .map(|(key, _)| key.clone())
        .collect();
    // a part sealed and now gone was removed
    for key in seals.keys() {
        if !parts.iter().any(|(k, _)| k == key) {
            changed.push(key.clone());
        }
    }
    if changed.is_empty() {
        Check::Intact
    } else {
        Check::Changed(changed)
    }
}

/// What to do with a record just read, given its [`Check`] and whether this is the first
/// use of this browser's salt for records of its kind (trust on first use).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OnRead {
    /// As tenken wrote it: nothing to say.
    Keep,
    /// Written before tenken sealed (first use): seal it as it is, say nothing.
    SealAsIs,
    /// Changed outside tenken, or not written by it: say so.
    Report(Check),
}

/// Decides what a read finds. On the first use of the salt for a kind (no salt yet, or this
/// tenken seals that kind for the first time), a record without seals is taken as it is
/// and sealed; a record with seals that do not hold is reported whenever it is read (its
/// seals were made under another salt: the salt was removed, or the record changed).
pub fn on_read(check: Check, first_use: bool) -> OnRead {
    match check {
        Check::Intact => OnRead::Keep,
        Check::Unsealed if first_use => OnRead::SealAsIs,
        check => OnRead::Report(check),
    }
}

/// A writer's memory of the parts it sealed last, so that a part whose bytes did not change
/// is not hashed again (a 例規 text of megabytes, saved with every edit of an item).
#[derive(Debug, Default, Clone)]
pub struct SealCache {
    /// The salt, kind and id the entries were sealed under.
    under: (String, String, String),
    entries: Vec<(String, Vec<u8>, String)>,
}

impl SealCache {
    /// The seals of `parts`, reusing the seal of a part whose bytes are those sealed last.
    pub fn seal_parts(&mut self, salt: &str, kind: &str, id: &str, parts: Parts) -> Seals {
        let under = (salt.to_string(), kind.to_string(), id.to_string());
        if under != self.under {
            self.entries.clear();
            self.under = under;
        }
        let mut seals = Seals::new();
        let mut kept = Vec::with_capacity(parts.len());
        for (key, bytes) in parts {
            let known = self
                .entries
                .iter()
                .find(|(k, b, _)| *k == key && *b == bytes)
                .map(|(_, _, s)| s.clone());
            let s = known.unwrap_or_else(|| seal(salt, kind, id, &key, &bytes));
            seals.insert(key.clone(), s.clone());
            kept.push((key, bytes, s));
        }
        self.entries = kept;
        seals
    }
}

/// The member of a stored record that holds its seals.
pub const SEALS_MEMBER: &str = "seals";

/// The parts of a stored draft (its JSON object, seals left out): the subject, the label,
/// each profile answer, each item's answer and the signature note — the parts a merge keeps
/// apart ([`crate::core::draft::Part`], with the same keys) — and `record` for the rest
/// (bundle, checklist, times, stamps, step, progress).
pub fn draft_parts(value: &Value) -> Parts {
    let mut parts = Parts::new();
    let mut rest = Map::new();
    let Some(object) = value.as_object() else {
        return vec![("record".into(), to_bytes(value))];
    };
    for (name, member) in object {
        match (name.as_str(), member) {
            (SEALS_MEMBER, _) => {}
            ("subject" | "label" | "signature", v) => parts.push((name.clone(), to_bytes(v))),
            ("profile", Value::Object(map)) => {
                for (id, v) in map {
                    parts.push((format!("profile/{id}"), to_bytes(v)));
                }
            }
            ("answers", Value::Object(map)) => {
                for (id, v) in map {
                    parts.push((format!("answer/{id}"), to_bytes(v)));
                }
            }
            _ => {
                rest.insert(name.clone(), member.clone());
            }
        }
    }
    parts.push(("record".into(), to_bytes(&Value::Object(rest))));
    parts
}

fn to_bytes(v: &Value) -> Vec<u8> {
    // a Value always serialises
    serde_json::to_vec(v).unwrap_or_default()
}

/// The kind of record a draft is, in its seals.
pub const DRAFT: &str = "draft";

/// A draft's stored text: its JSON with the seals of its parts (see [`draft_parts`]).
pub fn sealed_draft(draft: &Draft, salt: &str) -> String {
    let text = draft.to_json();
    // through the reader every stored draft takes anyway: no second writer for drafts
    let Ok(value) = serde_json::from_slice::<Value>(text.as_bytes()) else {
        return text;
    };
    let seals = seal_parts(salt, DRAFT, &draft.id, &draft_parts(&value));
    let Value::Object(mut object) = value else {
        return text;
    };
    // one by one: collecting a map would link another sort and B-tree builder
    let mut map = Map::new();
    for (k, v) in seals.iter() {
        map.insert(k.clone(), Value::String(v.clone()));
    }
    object.insert(SEALS_MEMBER.into(), Value::Object(map));
    serde_json::to_string(&Value::Object(object)).unwrap_or(text)
}

/// Reads a stored draft (the draft stored under `id`): the draft, and what its seals say.
pub fn read_draft(text: &str, id: &str, salt: &str) -> Result<(Draft, Check), DraftError> {
    let value = crate::core::draft::parse(text)?;
    // left in place (the draft's reader passes over it): removing a member would link the
    // B-tree's removal for it alone
    let seals = value
        .get(SEALS_MEMBER)
        .and_then(|v| crate::core::tracked::deserialize::<Seals>(v).ok());
    let check = check_parts(salt, DRAFT, id, &draft_parts(&value), seals.as_ref());
    Ok((Draft::from_value(&value)?, check))
}

/// A draft's part, in words a 課長 knows: 「項目 第13条第1項第1号 の回答」, 「対象（課名など）」.
/// `checklist` gives item numbers and question texts; without it, only the kind of part.
pub fn draft_part_words(key: &str, checklist: Option<&Checklist>) -> String {
    match key {
        "subject" => "対象（課名・氏名など）".into(),
        "label" => "下書きの名前".into(),
        "signature" => "署名の記録".into(),
        "record" => "下書きの記録（規則の版・進み具合など）".into(),
        _ => {
            if let Some(id) = key.strip_prefix("answer/") {
                match checklist.and_then(|c| c.items().find(|(_, i)| i.id == id)) {
                    Some((_, item)) => format!("項目 {} の回答", item.display_number()),
                    None => "規則にない項目の回答".into(),
                }
            } else if let Some(id) = key.strip_prefix("profile/") {
                match checklist.and_then(|c| c.question(id)) {
                    Some(q) => format!("前提の質問「{}」の回答", q.text),
                    None => "規則にない前提の質問の回答".into(),
                }
            } else {
                "下書きの記録".into()
            }
        }
    }
}

/// The parts of a 規則エディタ project: each source (its text with its id, title and number),
/// each checklist's items, profile questions and the rest of it (sections, titles), the
/// bundle's own fields (`meta`), and the last bundle published from it (`published`).
pub fn authoring_parts(raw: &RawBundle, published: Option<&Value>) -> Parts {
    let mut parts = Parts::new();
    for (i, s) in raw.sources.iter().enumerate() {
        let mut bytes = Vec::new();
        for field in [&s.id, &s.title, &s.number, &s.text] {
            let f = field.as_deref().unwrap_or_default().as_bytes();
            bytes.extend_from_slice(&(f.len() as u64).to_le_bytes());
            bytes.extend_from_slice(f);
        }
        parts.push((format!("source/{i}"), bytes));
    }
    for (i, c) in raw.checklists.iter().enumerate() {
        let items: Vec<&Vec<_>> = c.sections.iter().map(|s| &s.items).collect();
        parts.push((format!("checklist/{i}/items"), json(&items)));
        parts.push((format!("checklist/{i}/profile"), json(&c.profile)));
        let mut shape = c.clone();
        shape.profile.clear();
        for s in &mut shape.sections {
            s.items.clear();
        }
        parts.push((format!("checklist/{i}/sections"), json(&shape)));
    }
    let meta = RawBundle {
        sources: Vec::new(),
        checklists: Vec::new(),
        ..raw.clone()
    };
    parts.push(("meta".into(), json(&meta)));
    if let Some(p) = published {
        parts.push(("published".into(), to_bytes(p)));
    }
    parts
}

fn json<T: serde::Serialize>(value: &T) -> Vec<u8> {
    serde_json::to_vec(value).unwrap_or_default()
}

/// A project's part in words an author knows: 「例規の本文（…規程）」, 「チェックリスト「…」の項目」.
pub fn authoring_part_words(key: &str, raw: &RawBundle) -> String {
    let position = |prefix: &str| -> Option<(usize, String)> {
        let rest = key.strip_prefix(prefix)?;
        let (n, tail) = rest.split_once('/').unwrap_or((rest, ""));
        Some((n.parse().ok()?, tail.to_string()))
    };
    if let Some((i, _)) = position("source/") {
        return match raw.sources.get(i).and_then(|s| s.title.as_deref()) {
            Some(t) if !t.trim().is_empty() => format!("例規の本文（{t}）"),
            _ => "例規の本文".into(),
        };
    }
    if let Some((i, what)) = position("checklist/") {
        let title = raw
            .checklists
            .get(i)
            .and_then(|c| c.title.clone())
            .filter(|t| !t.trim().is_empty())
            .map(|t| format!("チェックリスト「{t}」"))
            .unwrap_or_else(|| "チェックリスト".into());
        return match what.as_str() {
            "items" => format!("{title}の項目"),
            "profile" => format!("{title}の前提の質問"),
            _ => format!("{title}の構成（区分・名称など）"),
        };
    }
    match key {
        "meta" => "規則の名称・版・自治体など".into(),
        "published" => "前回公開した規則の記録".into(),
        _ => "作成中の規則の記録".into(),
    }
}

/// A kept bundle's list entry, in words: what the start screen shows of it.
pub const KEPT_ENTRY_WORDS: &str = "一覧に表示する名前・版・開いたファイル名と発行元の署名";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::mini_bundle;
    use crate::core::draft::Answer;

    const SALT: &str = "00112233445566778899aabbccddeeff";

    fn draft() -> Draft {
        let b = mini_bundle();
        let list = b.checklist("tenken").expect("tenken");
        let mut d = Draft::new("d1".into(), &b, list, "2026-12-01T00:30:00+09:00");
        d.subject.division = "情報政策課".into();
        d.answers.insert(
            "13-1".into(),
            Answer {
                option: Some("conforming".into()),
                ..Answer::default()
            },
        );
        d.answers.insert(
            "14".into(),
            Answer {
                option: Some("done".into()),
                note: "研修記録あり".into(),
                ..Answer::default()
            },
        );
        d
    }

    fn parts_of(d: &Draft) -> Parts {
        draft_parts(&serde_json::to_value(d).expect("value"))
    }

    #[test]
    fn a_sealed_record_round_trips_and_every_part_is_told_apart() {
        let d = draft();
        let seals = seal_parts(SALT, "draft", "d1", &parts_of(&d));
        assert!(seals.get("subject").is_some_and(|s| s.len() == 32));
        assert_eq!(
            check_parts(SALT, "draft", "d1", &parts_of(&d), Some(&seals)),
            Check::Intact
        );
        // each part changed alone is named alone
        type Change = Box<dyn Fn(&mut Draft)>;
        let mut changes: Vec<(&str, Change)> = vec![
            ("subject", Box::new(|d| d.subject.name = "別人".into())),
            ("label", Box::new(|d| d.label = "偽".into())),
            (
                "answer/13-1",
                Box::new(|d| {
                    d.answers.get_mut("13-1").expect("13-1").option = Some("nonconforming".into())
                }),
            ),
            (
                "answer/14",
                Box::new(|d| d.answers.get_mut("14").expect("14").note = "改".into()),
            ),
            (
                "profile/personal",
                Box::new(|d| {
                    d.profile.insert(
                        "personal".into(),
                        crate::core::draft::ProfileAnswer::Bool(false),
                    );
                }),
            ),
            (
                "signature",
                Box::new(|d| d.signature = Some(Default::default())),
            ),
            ("record", Box::new(|d| d.bundle.hash = "ff".into())),
        ];
        for (key, change) in changes.drain(..) {
            let mut e = d.clone();
            change(&mut e);
            assert_eq!(
                check_parts(SALT, "draft", "d1", &parts_of(&e), Some(&seals)),
                Check::Changed(vec![key.to_string()]),
                "{key}"
            );
        }
        // a removed answer is named too
        let mut e = d.clone();
        e.answers.remove("14");
        assert_eq!(
            check_parts(SALT, "draft", "d1", &parts_of(&e), Some(&seals)),
            Check::Changed(vec!["answer/14".into()])
        );
        // the same record under another salt, kind or id does not hold
        for (salt, kind, id) in [
            ("ff", "draft", "d1"),
            (SALT, "bundle", "d1"),
            (SALT, "draft", "d2"),
        ] {
            assert!(matches!(
                check_parts(salt, kind, id, &parts_of(&d), Some(&seals)),
                Check::Changed(_)
            ));
        }
        // no seals at all: unsealed (what the first run seals, and later runs report)
        assert_eq!(
            check_parts(SALT, "draft", "d1", &parts_of(&d), None),
            Check::Unsealed
        );
    }

    #[test]
    fn a_stored_draft_reads_back_with_its_seals() {
        let d = draft();
        let text = sealed_draft(&d, SALT);
        assert!(text.contains("\"seals\":{"));
        let (back, check) = read_draft(&text, "d1", SALT).expect("reads");
        assert_eq!((back, check), (d.clone(), Check::Intact));
        // what another page does: change one answer in the JSON
        let mut v: Value = serde_json::from_str(&text).expect("json");
        v["answers"]["13-1"]["option"] = "nonconforming".into();
        let (back, check) = read_draft(&v.to_string(), "d1", SALT).expect("reads");
        assert_eq!(check, Check::Changed(vec!["answer/13-1".into()]));
        assert_eq!(
            back.answers.get("13-1").and_then(|a| a.option.as_deref()),
            Some("nonconforming")
        );
        // moved under another draft's key: nothing holds
        assert!(matches!(
            read_draft(&text, "d2", SALT).expect("reads").1,
            Check::Changed(_)
        ));
        // a legacy record (tenken before seals): unsealed, read as before
        let (back, check) = read_draft(&d.to_json(), "d1", SALT).expect("reads");
        assert_eq!((back, check), (d, Check::Unsealed));
        // unreadable seals are no seals; unreadable drafts are what they were
        let mut v: Value = serde_json::from_str(&text).expect("json");
        v["seals"] = 7.into();
        assert_eq!(
            read_draft(&v.to_string(), "d1", SALT).expect("reads").1,
            Check::Unsealed
        );
        assert!(read_draft("{", "d1", SALT).is_err());
        assert!(read_draft(r#"{"schema":99}"#, "d1", SALT).is_err());
    }

    #[test]
    fn first_use_seals_what_is_there_and_later_reads_report_it() {
        let d = draft();
        let legacy = d.to_json();
        // no salt yet (first run of a sealing tenken): the salt is made, legacy records taken
        let (_, check) = read_draft(&legacy, "d1", SALT).expect("reads");
        assert_eq!(on_read(check.clone(), true), OnRead::SealAsIs);
        // after that first run, a record without seals is reported
        assert_eq!(on_read(check, false), OnRead::Report(Check::Unsealed));
        // the salt removed and made again: records sealed under the old one are reported
        // even on that first use, part by part
        let sealed = sealed_draft(&d, SALT);
        let (_, check) =
            read_draft(&sealed, "d1", "ffeeddccbbaa99887766554433221100").expect("reads");
        let OnRead::Report(Check::Changed(parts)) = on_read(check, true) else {
            panic!("reported")
        };
        assert!(parts.contains(&"subject".to_string()) && parts.contains(&"answer/14".to_string()));
        // and a record as tenken wrote it is simply kept
        let (_, check) = read_draft(&sealed, "d1", SALT).expect("reads");
        assert_eq!(on_read(check, false), OnRead::Keep);
    }

    #[test]
    fn hostile_stored_drafts_are_refused_or_reported_never_a_panic() {
        let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        for text in [
            "",
            "null",
            "[]",
            &deep,
            r#"{"schema":2,"id":"d1","bundle":{"id":"m","version":"v","hash":"h"},"checklist":"t","seals":"x"}"#,
            r#"{"schema":2,"id":"d1","bundle":{"id":"m","version":"v","hash":"h"},"checklist":"t","seals":{"subject":3},"answers":{"a":{"option":7}}}"#,
            r#"{"schema":2,"id":"d1","bundle":{"id":"m","version":"v","hash":"h"},"checklist":"t","signature":{"signed_file":{"format":1}}}"#,
        ] {
            // unreadable (set aside by the caller), or read and reported: never intact
            if let Ok((_, check)) = read_draft(text, "d1", SALT) {
                assert!(!check.is_intact(), "{text}");
            }
        }
    }

    #[test]
    fn fields_do_not_run_together() {
        assert_ne!(
            seal("a", "b", "c", "d", b"e"),
            seal("a", "b", "cd", "", b"e")
        );
        assert_ne!(seal("", "", "", "", b""), seal("", "", "", "", b"\0"));
        assert_eq!(new_salt(&[0, 255, 16]), "00ff10");
    }

    #[test]
    fn hostile_records_have_parts_and_never_panic() {
        for v in [
            serde_json::json!(null),
            serde_json::json!([1, 2]),
            serde_json::json!({"answers": 3, "profile": [1], "seals": {"x": 1}}),
        ] {
            let parts = draft_parts(&v);
            assert!(parts.iter().any(|(k, _)| k == "record"));
            assert!(!parts.iter().any(|(k, _)| k == SEALS_MEMBER));
        }
    }

    #[test]
    fn draft_parts_are_said_as_a_kacho_knows_them() {
        let b = mini_bundle();
        let list = b.checklist("tenken");
        assert_eq!(
            draft_part_words("answer/13-1", list),
            "項目 第13条第1項第1号 の回答"
        );
        assert_eq!(draft_part_words("subject", list), "対象（課名・氏名など）");
        assert!(draft_part_words("profile/personal", list).contains("個人情報を取り扱って"));
        // never an internal id, even for an item the bundle does not have
        assert!(!draft_part_words("answer/x-9", list).contains("x-9"));
        assert!(!draft_part_words("answer/13-1", None).contains("13-1"));
    }

    #[test]
    fn project_parts_name_the_text_and_skip_unchanged_hashing() {
        let raw = crate::core::bundle::mini_raw();
        let parts = authoring_parts(&raw, None);
        let seals = seal_parts(SALT, "authoring", "p", &parts);
        let mut changed = raw.clone();
        let text = changed.sources[0].text.as_mut().expect("text");
        *text = text.replacen("制限し", "制限せず", 1);
        let check = check_parts(
            SALT,
            "authoring",
            "p",
            &authoring_parts(&changed, None),
            Some(&seals),
        );
        assert_eq!(check, Check::Changed(vec!["source/0".into()]));
        assert_eq!(
            authoring_part_words("source/0", &changed),
            "例規の本文（目黒区電子情報処理規則（抜粋））"
        );
        assert!(authoring_part_words("checklist/0/items", &raw).contains("の項目"));
        // an item's text changed: that checklist's items, nothing else
        let mut item = raw.clone();
        item.checklists[0].sections[0].items[0].text = Some("改".into());
        assert_eq!(
            check_parts(
                SALT,
                "authoring",
                "p",
                &authoring_parts(&item, None),
                Some(&seals)
            ),
            Check::Changed(vec!["checklist/0/items".into()])
        );
        // the cache gives the same seals, and reuses what did not change
        let mut cache = SealCache::default();
        assert_eq!(
            cache.seal_parts(SALT, "authoring", "p", parts.clone()),
            seals
        );
        let again = cache.seal_parts(SALT, "authoring", "p", authoring_parts(&item, None));
        assert_eq!(again.get("source/0"), seals.get("source/0"));
        assert_ne!(
            again.get("checklist/0/items"),
            seals.get("checklist/0/items")
        );
        assert_eq!(
            check_parts(
                SALT,
                "authoring",
                "p",
                &authoring_parts(&item, None),
                Some(&again)
            ),
            Check::Intact
        );
    }
}
