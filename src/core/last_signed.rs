//! The last signature of a draft's result, kept with the draft: what it proves about the
//! draft now, and what changed since it was made.
//!
//! A signature note in storage proves nothing by itself — another local page can write one
//! (Chromium shares `file://` storage). So the draft keeps the signed file itself (result,
//! signature, public key: [`crate::core::draft::SignatureNote`]), and the note counts only
//! when that file verifies with the key kept in this browser (the one derived from the secret
//! key once it has been unlocked) and its result is the draft's result now: the same bytes
//! as the result rebuilt with the signed creation time ([`standing`]). Before a new
//! signature, the same check says what differs from the last one ([`changes`]), so that
//! nothing is signed unseen.

use crate::core::bundle::Checklist;
use crate::core::date::{Date, fiscal_year_wareki};
use crate::core::draft::{Plan, SignatureNote, Subject};
use crate::core::message::Message;
use crate::core::result::{ResultDoc, ResultItem};
use crate::core::sign::{SignError, fingerprint_of, signature_hash, signing_time, verify_detached};

/// What a kept signature says of the draft now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    /// The signed file verifies with the key and its result is the draft's result now.
    Current(Signed),
    /// The signed file verifies with the key, but the draft changed since: what changed.
    Changed(Signed, Vec<Change>),
    /// The note cannot be confirmed, and counts for nothing.
    Unconfirmed(Unconfirmed),
}

/// A signature that verified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The signed file's name.
    pub file: String,
    /// The signing key's fingerprint.
    pub fingerprint: String,
    /// Short hash of the signature, as the report prints it.
    pub signature_hash: String,
    /// When it was signed (Unix seconds), as the signer's clock said.
    pub signed_at: Option<u64>,
}

/// Why a kept signature note cannot be confirmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unconfirmed {
    /// No signing key in this browser (or one refused): nothing to check the note with.
    NoKey,
    /// The note holds no signed file (written by an earlier tenken, or not by tenken).
    NoFile,
    /// The signed file does not verify with this browser's key (another key, or changed).
    Signature(SignError),
    /// The signature holds but its result cannot be read.
    Content,
}

impl Message for Unconfirmed {
    fn message_ja(&self) -> String {
        match self {
            Unconfirmed::NoKey => {
                "この PC に使える署名の鍵がないため、署名を確かめられません".into()
            }
            Unconfirmed::NoFile => {
                "署名したファイルが記録にないため、署名を確かめられません（以前の tenken の記録か、tenken 以外で書かれた記録です）".into()
            }
            Unconfirmed::Signature(e) => {
                format!("この PC の鍵で署名を確かめられません（{}）", e.message_ja())
            }
            Unconfirmed::Content => "署名した結果を読めません".into(),
        }
    }

    fn message_en(&self) -> String {
        match self {
            Unconfirmed::NoKey => "no usable signing key in this browser to check it with".into(),
            Unconfirmed::NoFile => "the note holds no signed file to check".into(),
            Unconfirmed::Signature(e) => {
                format!(
                    "the signature does not verify with this browser's key ({})",
                    e.message_en()
                )
            }
            Unconfirmed::Content => "the signed result cannot be read".into(),
        }
    }
}

/// What the kept signature `note` says of the draft whose result is now `current`, checked
/// with `public_key` (the key kept in this browser; derived from the secret key when it has
/// been unlocked in this session), never with the key the file brings along. `checklist`
/// names what changed.
pub fn standing(
    note: &SignatureNote,
    public_key: &str,
    current: &ResultDoc,
    checklist: &Checklist,
) -> Standing {
    let Some(file) = &note.signed_file else {
        return Standing::Unconfirmed(Unconfirmed::NoFile);
    };
    let payload = match file.payload() {
        Ok(p) => p,
        Err(e) => return Standing::Unconfirmed(Unconfirmed::Signature(e)),
    };
    let comment = match verify_detached(&payload, &file.signature, public_key) {
        Ok(c) => c,
        Err(e) => return Standing::Unconfirmed(Unconfirmed::Signature(e)),
    };
    let Ok(before) = ResultDoc::from_value(&file.result) else {
        return Standing::Unconfirmed(Unconfirmed::Content);
    };
    let signed = Signed {
        file: note.file.clone(),
        fingerprint: fingerprint_of(public_key).unwrap_or_default(),
        signature_hash: signature_hash(&file.signature),
        signed_at: signing_time(&comment),
    };
    // the draft's result as it would have been made at the signing time, by the same tenken
    let now = ResultDoc {
        created: before.created.clone(),
        app_version: before.app_version.clone(),
        ..current.clone()
    };
    if now.to_canonical_json() == payload {
        Standing::Current(signed)
    } else {
        Standing::Changed(signed, changes(&before, current, checklist))
    }
}

/// One difference between two results, in words a 課長 knows: where (「項目 第13条第1項第1号
/// の備考」, 「対象：課名」), what it was and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Where.
    pub place: String,
    /// Before (empty: nothing).
    pub before: String,
    /// After (empty: nothing).
    pub after: String,
}

impl Change {
    /// The change on one line: 「項目 第14条第1項 の備考：「研修記録あり」→「年2回」」.
    pub fn line(&self) -> String {
        let say = |s: &str| {
            if s.is_empty() {
                "（なし）".to_string()
            } else {
                format!("「{s}」")
            }
        };
        format!(
            "{}：{} → {}",
            self.place,
            say(&self.before),
            say(&self.after)
        )
    }
}

/// What differs between the result `before` (signed) and `after` (about to be signed): the
/// bundle, each subject field, each profile answer, and each item's answer, note, contract
/// clause and plan, by item number as the 課長 sees it. The creation time and tenken's
/// version are not content and are not compared.
pub fn changes(before: &ResultDoc, after: &ResultDoc, checklist: &Checklist) -> Vec<Change> {
    let mut out = Vec::new();
    let mut add = |place: String, b: String, a: String| {
        if b != a {
            out.push(Change {
                place,
                before: b,
                after: a,
            });
        }
    };
    if before.bundle.hash != after.bundle.hash {
        add(
            "規則の版".into(),
            before.bundle.version.clone(),
            after.bundle.version.clone(),
        );
    }
    for (label, field) in SUBJECT_FIELDS {
        add(
            format!("対象：{label}"),
            field(&before.subject),
            field(&after.subject),
        );
    }
    let added = after
        .profile
        .keys()
        .filter(|k| !before.profile.contains_key(k));
    for id in before.profile.keys().chain(added) {
        let question = checklist.question(id);
        let say = |r: &ResultDoc| match (r.profile.get(id), question) {
            (Some(a), Some(q)) => a.label(q),
            (Some(_), None) => "回答あり".into(),
            (None, _) => String::new(),
        };
        let place = match question {
            Some(q) => format!("前提の質問「{}」", q.text),
            None => "規則にない前提の質問".into(),
        };
        add(place, say(before), say(after));
    }
    let none = ResultItem {
        id: String::new(),
        section: String::new(),
        text: String::new(),
        option: None,
        label: None,
        note: String::new(),
        clause_ref: String::new(),
        plan: None,
        not_applicable: None,
        follow_up: None,
    };
    // in the checklist's order (the new result's), then any item only the old one has
    let ids = after.items.iter().chain(
        before
            .items
            .iter()
            .filter(|i| after.items.iter().all(|a| a.id != i.id)),
    );
    for id in ids.map(|i| &i.id) {
        let b = before.items.iter().find(|i| &i.id == id).unwrap_or(&none);
        let a = after.items.iter().find(|i| &i.id == id).unwrap_or(&none);
        let number = checklist
            .items()
            .find(|(_, i)| &i.id == id)
            .map(|(_, i)| format!("項目 {}", i.display_number()))
            .unwrap_or_else(|| "規則にない項目".into());
        add(format!("{number} の回答"), answer(b), answer(a));
        add(format!("{number} の備考"), b.note.clone(), a.note.clone());
        add(
            format!("{number} の契約書の条項"),
            b.clause_ref.clone(),
            a.clause_ref.clone(),
        );
        add(
            format!("{number} の改善計画"),
            plan(b.plan.as_ref()),
            plan(a.plan.as_ref()),
        );
        add(
            format!("{number} の前年度の改善計画"),
            b.follow_up.as_ref().map(|f| f.words()).unwrap_or_default(),
            a.follow_up.as_ref().map(|f| f.words()).unwrap_or_default(),
        );
    }
    out
}

type SubjectField = (&'static str, fn(&Subject) -> String);

/// The subject's fields as the 課長 filled them in, dates in 和暦.
const SUBJECT_FIELDS: [SubjectField; 8] = [
    ("課名", |s| s.division.clone()),
    ("氏名", |s| s.name.clone()),
    ("役職", |s| s.title.clone()),
    ("対象年度", |s| {
        s.fiscal_year.map(fiscal_year_wareki).unwrap_or_default()
    }),
    ("対象の情報システム", |s| s.systems.clone()),
    ("件名", |s| s.contract_title.clone()),
    ("委託先", |s| s.contractor.clone()),
    ("契約期間", |s| {
        if s.period_from.is_empty() && s.period_to.is_empty() {
            String::new()
        } else {
            format!("{} ～ {}", wareki(&s.period_from), wareki(&s.period_to))
        }
    }),
];

fn wareki(iso: &str) -> String {
    Date::parse_iso(iso)
        .map(|d| d.wareki())
        .unwrap_or_else(|| iso.to_string())
}

fn answer(i: &ResultItem) -> String {
    match (&i.label, &i.option, &i.not_applicable) {
        (_, _, Some(_)) => "対象外".into(),
        (Some(l), _, _) => l.clone(),
        (None, Some(o), _) => o.clone(),
        (None, None, None) if i.id.is_empty() => String::new(),
        (None, None, None) => "未回答".into(),
    }
}

fn plan(p: Option<&Plan>) -> String {
    match p {
        Some(p) if !p.is_empty() => {
            format!("{}（担当 {}、期限 {}）", p.action, p.owner, wareki(&p.due))
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::mini_bundle;
    use crate::core::evaluate::evaluate;
    use crate::core::sign::{SignedFile, UnlockedKey};

    fn key() -> UnlockedKey {
        crate::core::sign::test_key()
    }

    fn result_at(d: &crate::core::draft::Draft, created: &str) -> ResultDoc {
        let b = mini_bundle();
        let list = b.checklist("tenken").expect("tenken");
        ResultDoc::of(&b, list, d, &evaluate(&b, list, d), created)
    }

    fn signed(k: &UnlockedKey, r: &ResultDoc) -> SignatureNote {
        SignatureNote {
            file: "情報政策課_点検_2026-12-01.tenken.json".into(),
            signed_file: Some(
                SignedFile::sign(r, k, "x.tenken.json", 1_795_000_000).expect("signs"),
            ),
            ..SignatureNote::default()
        }
    }

    /// A complete 点検 of the test bundle.
    fn draft() -> crate::core::draft::Draft {
        use crate::core::draft::{Answer, Draft, ProfileAnswer};
        let b = mini_bundle();
        let list = b.checklist("tenken").expect("tenken");
        let mut d = Draft::new("d".into(), &b, list, "2026-05-01T00:00:00Z");
        d.subject.division = "情報政策課".into();
        d.subject.fiscal_year = Some(2026);
        d.profile
            .insert("personal".into(), ProfileAnswer::Bool(true));
        d.profile
            .insert("mynumber".into(), ProfileAnswer::Choice("none".into()));
        let answer = |option: &str, note: &str| Answer {
            option: Some(option.into()),
            note: note.into(),
            ..Answer::default()
        };
        d.answers
            .insert("13-1".into(), answer("conforming", "名簿あり"));
        d.answers.insert("14".into(), answer("done", ""));
        d
    }

    #[test]
    fn a_signature_counts_while_the_draft_is_what_was_signed() {
        let b = mini_bundle();
        let list = b.checklist("tenken").expect("tenken");
        let k = key();
        let d = draft();
        let note = signed(&k, &result_at(&d, "2026-12-01T09:00:00+09:00"));
        // later, the same draft: the result is rebuilt with the signing time
        let now = result_at(&d, "2026-12-02T10:00:00+09:00");
        let Standing::Current(s) = standing(&note, &k.public_key(), &now, list) else {
            panic!("current")
        };
        assert_eq!(s.fingerprint, fingerprint_of(&k.public_key()).expect("fp"));
        assert_eq!(s.signed_at, Some(1_795_000_000));
        // a changed note and a changed subject: named, and it no longer counts
        let mut e = d.clone();
        e.answers.get_mut("13-1").expect("13-1").note = "名簿を更新".into();
        e.subject.division = "総務課".into();
        let Standing::Changed(_, changes) =
            standing(&note, &k.public_key(), &result_at(&e, "t"), list)
        else {
            panic!("changed")
        };
        assert_eq!(
            changes,
            vec![
                Change {
                    place: "対象：課名".into(),
                    before: "情報政策課".into(),
                    after: "総務課".into()
                },
                Change {
                    place: "項目 第13条第1項第1号 の備考".into(),
                    before: "名簿あり".into(),
                    after: "名簿を更新".into()
                },
            ]
        );
    }

    #[test]
    fn a_note_that_cannot_be_checked_counts_for_nothing() {
        let b = mini_bundle();
        let list = b.checklist("tenken").expect("tenken");
        let (ours, theirs) = (key(), key());
        let d = draft();
        let now = result_at(&d, "t");
        // an old-style note, with no signed file
        let bare = SignatureNote {
            file: "x".into(),
            fingerprint: fingerprint_of(&ours.public_key()).expect("fp"),
            ..SignatureNote::default()
        };
        assert_eq!(
            standing(&bare, &ours.public_key(), &now, list),
            Standing::Unconfirmed(Unconfirmed::NoFile)
        );
        // signed by another key over the very same result: not ours
        let planted = signed(&theirs, &now);
        assert!(matches!(
            standing(&planted, &ours.public_key(), &now, list),
            Standing::Unconfirmed(Unconfirmed::Signature(SignError::OtherKey { .. }))
        ));
        // ours, but the signed result changed in storage: the signature does not hold
        let mut changed = signed(&ours, &now);
        if let Some(f) = &mut changed.signed_file {
            f.result["subject"]["division"] = "総務課".into();
        }
        assert_eq!(
            standing(&changed, &ours.public_key(), &now, list),
            Standing::Unconfirmed(Unconfirmed::Signature(SignError::BadSignature))
        );
        // garbage for a key: unconfirmed, never a panic
        assert!(matches!(
            standing(&signed(&ours, &now), "RWQ", &now, list),
            Standing::Unconfirmed(_)
        ));
        assert!(
            Unconfirmed::NoFile
                .message_ja()
                .contains("確かめられません")
                && !Unconfirmed::NoFile.message_en().is_empty()
        );
    }

    #[test]
    fn changes_name_items_plans_profile_and_dates_as_the_kacho_sees_them() {
        let b = mini_bundle();
        let list = b.checklist("tenken").expect("tenken");
        let d = draft();
        let before = result_at(&d, "t");
        let mut e = d.clone();
        e.profile.insert(
            "mynumber".into(),
            crate::core::draft::ProfileAnswer::Choice("some".into()),
        );
        let a = e.answers.get_mut("14").expect("14");
        a.option = Some("notdone".into());
        a.plan = Plan {
            action: "研修を実施する".into(),
            owner: "係長".into(),
            due: "2027-03-31".into(),
        };
        e.subject.fiscal_year = Some(2027);
        let after = result_at(&e, "u");
        let got = changes(&before, &after, list);
        let places: Vec<&str> = got.iter().map(|c| c.place.as_str()).collect();
        assert_eq!(
            places,
            [
                "対象：対象年度",
                "前提の質問「特定個人情報の取扱い」",
                "項目 第13条第1項第3号 の回答",
                "項目 第14条第1項 の回答",
                "項目 第14条第1項 の改善計画"
            ]
        );
        assert_eq!(got[1].before, "なし");
        assert_eq!(got[1].after, "あり");
        assert_eq!(got[2].before, "対象外");
        assert_eq!(got[2].after, "未回答");
        assert!(got[0].before.contains("令和8年度"), "{:?}", got[0]);
        assert_eq!(
            got[4].after,
            "研修を実施する（担当 係長、期限 令和9年3月31日）"
        );
        assert!(changes(&before, &before, list).is_empty());
    }
}
