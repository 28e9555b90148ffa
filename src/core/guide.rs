//! 「はじめての方へ」: the steps a town's 情報担当課 takes, alone, from its own key to a 集計 it
//! can trust — key, bundle, coverage, 公開, roster, 集計 — and where the town stands on each.
//! Each state is decided here from what the app knows ([`Facts`]); the screen only shows the
//! list and the way to each step.
//!
//! What the app knows is what this browser holds and what was done in this session: the key
//! kept here, the bundle being written in the 規則エディタ (with the bundle 公開 last signed
//! from it), and 集計's session. The roster is never stored (any other local page could write
//! it), so "saved" means saved to a file in this session, or opened from one.

use crate::core::bundle::raw::RawBundle;
use crate::core::bundle::validate_draft;
use crate::core::canonical::{sha256_hex, value_to_canonical_json};
use crate::core::message::Message;
use crate::core::reiki::coverage_raw;
use crate::core::sign::SignedBundle;

/// The signing key in this browser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyFact {
    /// None yet.
    None,
    /// One is kept here (made or imported).
    Kept,
    /// One is kept, but its stored halves disagree (changed outside tenken): not used.
    Refused,
}

/// Whether the bundle as it is now was published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Published {
    /// Never published (in this browser), or published before any signature was kept.
    Never,
    /// Signed in 公開 as it is now (the tenken.html or the signed bundle file).
    Signed,
    /// A tenken.html saved in this session, as it is now, without a signature.
    Unsigned,
    /// Published, then changed: what 課長 have is not this bundle.
    Changed,
}

/// What the app knows of the town's bundle: the project open in the editor, else the one
/// changed last.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleFacts {
    /// Its title, as the editor lists it.
    pub title: String,
    /// Errors the validator finds (0: the bundle can be used).
    pub errors: usize,
    /// 条・項・号 and duty sentences neither asked nor excluded.
    pub open: usize,
    /// Whether it is published as it is now.
    pub published: Published,
}

impl BundleFacts {
    /// Decides the facts of a bundle being written: validated as the editor does, its
    /// coverage computed, and compared with the bundle 公開 last signed from it (`signed`) and
    /// with the tenken.html saved from it in this session (`page_saved`: the SHA-256 of the
    /// bundle's canonical JSON then).
    pub fn of(
        raw: &RawBundle,
        signed: Option<&SignedBundle>,
        page_saved: Option<&str>,
    ) -> BundleFacts {
        let errors = match validate_draft(raw) {
            Ok(_) => 0,
            Err(p) => p.errors().count(),
        };
        let open = coverage_raw(raw)
            .iter()
            .map(|c| c.open_units().count() + c.open_duties().count())
            .sum();
        let now = raw.to_canonical_json().ok();
        let signed_now = signed
            .and_then(|s| value_to_canonical_json(&s.bundle).ok())
            .zip(now.as_ref())
            .map(|(then, now)| then == *now);
        let page_now = page_saved
            .zip(now.as_ref())
            .map(|(then, now)| then == sha256_hex(now));
        let published = match (signed_now, page_now) {
            (Some(true), _) => Published::Signed,
            (_, Some(true)) => Published::Unsigned,
            (Some(false), _) | (_, Some(false)) => Published::Changed,
            (None, None) => Published::Never,
        };
        BundleFacts {
            title: raw.title.clone().unwrap_or_default(),
            errors,
            open,
            published,
        }
    }
}

/// 集計's roster in this session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RosterFact {
    /// Neither opened from a file nor saved to one in this session.
    None,
    /// Opened or saved (its file's name), and no edit since.
    Saved(String),
    /// Edited since it was last opened or saved.
    Unsaved,
}

/// Everything the steps are decided from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Facts {
    /// The key in this browser.
    pub key: KeyFact,
    /// The town's bundle, if one is being written here.
    pub bundle: Option<BundleFacts>,
    /// The roster in this session.
    pub roster: RosterFact,
    /// Result files opened in 集計.
    pub results: usize,
    /// Official bundles pinned in 集計.
    pub official: usize,
}

/// One of the steps, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepId {
    /// 情報担当課's signing key.
    Key,
    /// The bundle from the town's 例規, without errors.
    Bundle,
    /// Every 条・項・号 and duty asked or excluded.
    Coverage,
    /// 公開: the tenken.html for 課長 and the signed bundle file.
    Publish,
    /// The roster of 課長's keys, saved to a file.
    Roster,
    /// 集計 of the signed results against the official bundle.
    Review,
}

impl StepId {
    /// Every step, in the order they are taken.
    pub const ALL: [StepId; 6] = [
        StepId::Key,
        StepId::Bundle,
        StepId::Coverage,
        StepId::Publish,
        StepId::Roster,
        StepId::Review,
    ];

    /// A short id for the page (`key`, `bundle`, …).
    pub fn id(self) -> &'static str {
        match self {
            StepId::Key => "key",
            StepId::Bundle => "bundle",
            StepId::Coverage => "coverage",
            StepId::Publish => "publish",
            StepId::Roster => "roster",
            StepId::Review => "review",
        }
    }

    /// What the step is.
    pub fn title_ja(self) -> &'static str {
        match self {
            StepId::Key => "情報担当課の署名の鍵を作る",
            StepId::Bundle => "例規から規則を作る",
            StepId::Coverage => "網羅を確かめる",
            StepId::Publish => "公開する（課長の tenken.html と署名した規則ファイル）",
            StepId::Roster => "登録簿を作って保存する",
            StepId::Review => "結果を集計する",
        }
    }

    /// What the step is, in English.
    pub fn title_en(self) -> &'static str {
        match self {
            StepId::Key => "make 情報担当課's signing key",
            StepId::Bundle => "make the bundle from the 例規",
            StepId::Coverage => "check coverage",
            StepId::Publish => "publish (課長's tenken.html and the signed bundle file)",
            StepId::Roster => "make and save the roster",
            StepId::Review => "aggregate the results",
        }
    }

    /// How it is done, in a sentence.
    pub fn how_ja(self) -> &'static str {
        match self {
            StepId::Key => {
                "「署名の鍵」で課名・氏名とパスフレーズを入れて作ります。鍵ファイルは大切に保管します。"
            }
            StepId::Bundle => {
                "規則エディタに例規集のページの本文を貼り付け、義務の文から項目を作ります。"
            }
            StepId::Coverage => {
                "「網羅の確認」で、条・項・号と義務の文を、尋ねるか理由を書いて除外します。"
            }
            StepId::Publish => {
                "「公開」で鍵のパスフレーズを入れ、tenken.html と署名した規則ファイルを保存します。tenken.html を共有フォルダに置きます。"
            }
            StepId::Roster => {
                "課長から届いた登録ファイル（.tenken-key.json）を集計で開き、登録簿を保存します。"
            }
            StepId::Review => {
                "集計で、公式の規則に署名した規則ファイルを選び、課長から届いた結果ファイルを開きます。"
            }
        }
    }
}

/// Where the town stands on a step.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Done.
    Done,
    /// The first step not done: what to do now.
    Next,
    /// Not done, after the next one.
    Later,
}

impl Standing {
    /// A short id for the page.
    pub fn id(self) -> &'static str {
        match self {
            Standing::Done => "done",
            Standing::Next => "next",
            Standing::Later => "later",
        }
    }

    /// The mark shown.
    pub fn label_ja(self) -> &'static str {
        match self {
            Standing::Done => "済み",
            Standing::Next => "次にすること",
            Standing::Later => "まだ",
        }
    }
}

/// What the app knows of a step, as a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Status {
    /// No key yet.
    NoKey,
    /// A key is kept here.
    KeyKept,
    /// The key kept here was changed outside tenken.
    KeyRefused,
    /// No bundle being written here.
    NoBundle,
    /// The bundle has errors.
    BundleErrors {
        /// The bundle's title, as the editor lists it ([`BundleFacts::title`]).
        title: String,
        /// How many errors the validator finds in it (at least 1).
        errors: usize,
    },
    /// The bundle has no errors.
    BundleValid {
        /// The bundle's title, as the editor lists it ([`BundleFacts::title`]).
        title: String,
    },
    /// Things left open.
    Open {
        /// How many 条・項・号 and duty sentences are neither asked nor excluded (at least 1).
        open: usize,
    },
    /// Nothing left open.
    Covered,
    /// Not published.
    NotPublished,
    /// Published as it is now, signed.
    PublishedSigned,
    /// Published as it is now, unsigned.
    PublishedUnsigned,
    /// Changed since it was published.
    ChangedSincePublished,
    /// No roster opened or saved in this session.
    NoRoster,
    /// A roster opened or saved.
    RosterSaved {
        /// The name of the file it was opened from or saved to ([`RosterFact::Saved`]).
        name: String,
    },
    /// Roster edits not saved.
    RosterUnsaved,
    /// No result files in 集計.
    NoResults,
    /// Results, but no official bundle.
    NoOfficial {
        /// How many result files are open in 集計.
        results: usize,
    },
    /// Results against official bundles.
    Reviewed {
        /// How many result files are open in 集計.
        results: usize,
        /// How many official bundles are pinned in 集計.
        official: usize,
    },
    /// Waits for an earlier step.
    Waits(StepId),
}

impl Message for Status {
    fn message_ja(&self) -> String {
        match self {
            Status::NoKey => "このブラウザーに鍵はまだありません。".into(),
            Status::KeyKept => "このブラウザーに鍵があります。".into(),
            Status::KeyRefused => {
                "保存された鍵が tenken 以外によって書き換えられています。鍵ファイル（.key）を読み込み直してください。".into()
            }
            Status::NoBundle => "作成中の規則はまだありません。".into(),
            Status::BundleErrors { title, errors } => {
                format!("「{title}」に誤りが {errors} 件あります。")
            }
            Status::BundleValid { title } => format!("「{title}」に誤りはありません。"),
            Status::Open { open } => format!(
                "まだ扱っていない条・項・号と義務の文が {open} 件あります（尋ねるか、理由を書いて除外します）。"
            ),
            Status::Covered => "すべての条・項・号と義務の文を、尋ねるか除外しています。".into(),
            Status::NotPublished => "まだ公開していません。".into(),
            Status::PublishedSigned => "いまの規則を、署名して公開しました。".into(),
            Status::PublishedUnsigned => {
                "いまの規則で tenken.html を保存しました（署名なし。課長の画面には「署名がありません」と出ます）。".into()
            }
            Status::ChangedSincePublished => {
                "公開した後に規則を変えています。課長の持つ tenken.html は前の規則のままです。もう一度公開してください。".into()
            }
            Status::NoRoster => {
                "この画面を開いてから、登録簿の保存も読み込みもしていません（登録簿はブラウザーに保存しません）。".into()
            }
            Status::RosterSaved { name } => format!("登録簿「{name}」を保存しました（又は開いています）。"),
            Status::RosterUnsaved => "登録簿に保存していない変更があります。".into(),
            Status::NoResults => "結果ファイルはまだ開いていません。".into(),
            Status::NoOfficial { results } => format!(
                "結果ファイル {results} 件を開いていますが、公式の規則が選ばれていません（内容を確かめずに集計しています）。"
            ),
            Status::Reviewed { results, official } => {
                format!("結果ファイル {results} 件を、公式の規則 {official} 件で集計しています。")
            }
            Status::Waits(step) => format!("先に「{}」をします。", step.title_ja()),
        }
    }

    fn message_en(&self) -> String {
        match self {
            Status::NoKey => "no key in this browser yet".into(),
            Status::KeyKept => "a key is kept in this browser".into(),
            Status::KeyRefused => {
                "the stored key was changed outside tenken: import the key file again".into()
            }
            Status::NoBundle => "no bundle being written yet".into(),
            Status::BundleErrors { title, errors } => format!("\"{title}\" has {errors} error(s)"),
            Status::BundleValid { title } => format!("\"{title}\" has no errors"),
            Status::Open { open } => {
                format!("{open} article(s) and duties neither asked nor excluded")
            }
            Status::Covered => "everything asked or excluded".into(),
            Status::NotPublished => "not published yet".into(),
            Status::PublishedSigned => "published as it is now, signed".into(),
            Status::PublishedUnsigned => "a tenken.html saved as it is now, unsigned".into(),
            Status::ChangedSincePublished => "changed since it was published: publish again".into(),
            Status::NoRoster => "no roster opened or saved in this session".into(),
            Status::RosterSaved { name } => format!("roster \"{name}\" saved or opened"),
            Status::RosterUnsaved => "the roster has unsaved edits".into(),
            Status::NoResults => "no result files opened yet".into(),
            Status::NoOfficial { results } => {
                format!("{results} result file(s), but no official bundle chosen")
            }
            Status::Reviewed { results, official } => {
                format!("{results} result file(s) against {official} official bundle(s)")
            }
            Status::Waits(step) => format!("first: {}", step.title_en()),
        }
    }
}

/// One step of the path: which, where the town stands, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// Which step.
    pub id: StepId,
    /// Done, next, or later.
    pub standing: Standing,
    /// What the app knows of it.
    pub status: Status,
}

/// The steps, in order, with where the town stands on each: a step is done when what it
/// makes exists now (a bundle changed after 公開 is not published any more); the first step
/// not done is the next one.
pub fn steps(f: &Facts) -> Vec<Step> {
    let bundle = f.bundle.as_ref();
    let judged: [(StepId, bool, Status); 6] = [
        match f.key {
            KeyFact::None => (StepId::Key, false, Status::NoKey),
            KeyFact::Kept => (StepId::Key, true, Status::KeyKept),
            KeyFact::Refused => (StepId::Key, false, Status::KeyRefused),
        },
        match bundle {
            None => (StepId::Bundle, false, Status::NoBundle),
            Some(b) if b.errors > 0 => (
                StepId::Bundle,
                false,
                Status::BundleErrors {
                    title: b.title.clone(),
                    errors: b.errors,
                },
            ),
            Some(b) => (
                StepId::Bundle,
                true,
                Status::BundleValid {
                    title: b.title.clone(),
                },
            ),
        },
        match bundle {
            None => (StepId::Coverage, false, Status::Waits(StepId::Bundle)),
            Some(b) if b.open > 0 => (StepId::Coverage, false, Status::Open { open: b.open }),
            Some(_) => (StepId::Coverage, true, Status::Covered),
        },
        match bundle.map(|b| b.published) {
            None => (StepId::Publish, false, Status::Waits(StepId::Bundle)),
            Some(Published::Never) => (StepId::Publish, false, Status::NotPublished),
            Some(Published::Signed) => (StepId::Publish, true, Status::PublishedSigned),
            Some(Published::Unsigned) => (StepId::Publish, true, Status::PublishedUnsigned),
            Some(Published::Changed) => (StepId::Publish, false, Status::ChangedSincePublished),
        },
        match &f.roster {
            RosterFact::None => (StepId::Roster, false, Status::NoRoster),
            RosterFact::Saved(name) => (
                StepId::Roster,
                true,
                Status::RosterSaved { name: name.clone() },
            ),
            RosterFact::Unsaved => (StepId::Roster, false, Status::RosterUnsaved),
        },
        match (f.results, f.official) {
            (0, _) => (StepId::Review, false, Status::NoResults),
            (results, 0) => (StepId::Review, false, Status::NoOfficial { results }),
            (results, official) => (StepId::Review, true, Status::Reviewed { results, official }),
        },
    ];
    let mut next_given = false;
    judged
        .into_iter()
        .map(|(id, done, status)| {
            let standing = if done {
                Standing::Done
            } else if next_given {
                Standing::Later
            } else {
                next_given = true;
                Standing::Next
            };
            Step {
                id,
                standing,
                status,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sign::{UnlockedKey, generate};

    fn raw() -> RawBundle {
        let mut parsed =
            crate::core::bundle::parse_toml(include_str!("../../tests/fixtures/mini/bundle.toml"))
                .expect("fixture");
        parsed.resolve_sources(|_| Ok(include_str!("../../tests/fixtures/mini/source.txt").into()));
        parsed.raw
    }

    fn nothing() -> Facts {
        Facts {
            key: KeyFact::None,
            bundle: None,
            roster: RosterFact::None,
            results: 0,
            official: 0,
        }
    }

    fn standings(f: &Facts) -> Vec<Standing> {
        steps(f).iter().map(|s| s.standing).collect()
    }

    #[test]
    fn a_new_town_starts_at_the_key_and_later_steps_wait() {
        let s = steps(&nothing());
        assert_eq!(s.len(), StepId::ALL.len());
        assert_eq!(s[0].standing, Standing::Next);
        assert!(s[1..].iter().all(|s| s.standing == Standing::Later));
        assert_eq!(s[2].status, Status::Waits(StepId::Bundle));
        assert_eq!(
            s[2].status.message_ja(),
            "先に「例規から規則を作る」をします。"
        );
    }

    #[test]
    fn a_published_bundle_changed_afterwards_is_not_published_any_more() {
        let pass = "kumo no ue no sora 2026";
        let k = generate(pass, &Default::default()).expect("key");
        let k = UnlockedKey::unlock(&k.secret_key_file, pass).expect("unlock");
        let mut r = raw();
        let canonical = r.to_canonical_json().expect("json");
        let signed = SignedBundle::sign(&canonical, "広陵町 総務課", &k, 1).expect("sign");
        let facts = BundleFacts::of(&r, Some(&signed), None);
        assert_eq!(facts.published, Published::Signed);
        assert_eq!(facts.errors, 0);
        // an unsigned tenken.html saved this session counts for the bundle as it was then
        let page = sha256_hex(&canonical);
        assert_eq!(
            BundleFacts::of(&r, None, Some(&page)).published,
            Published::Unsigned
        );
        r.title = Some("変えたタイトル".into());
        assert_eq!(
            BundleFacts::of(&r, Some(&signed), Some(&page)).published,
            Published::Changed
        );
        assert_eq!(BundleFacts::of(&r, None, None).published, Published::Never);
    }

    #[test]
    fn each_step_is_decided_from_what_the_app_knows() {
        let r = raw();
        let mut bundle = BundleFacts::of(&r, None, None);
        let f = Facts {
            key: KeyFact::Kept,
            bundle: Some(bundle.clone()),
            roster: RosterFact::Saved("tenken-roster.json".into()),
            results: 3,
            official: 1,
        };
        let s = steps(&f);
        assert_eq!(s[0].standing, Standing::Done);
        assert_eq!(s[1].standing, Standing::Done);
        // the fixture leaves articles open: coverage is next, publishing after it
        assert!(bundle.open > 0);
        assert_eq!(s[2].standing, Standing::Next);
        assert_eq!(s[3].standing, Standing::Later);
        assert_eq!(s[4].standing, Standing::Done);
        assert_eq!(
            s[5].status,
            Status::Reviewed {
                results: 3,
                official: 1
            }
        );
        // all done
        bundle.open = 0;
        bundle.published = Published::Signed;
        let f = Facts {
            bundle: Some(bundle),
            ..f
        };
        assert!(standings(&f).iter().all(|s| *s == Standing::Done));
        // a refused key, an unsaved roster and no official bundle are not done
        let f = Facts {
            key: KeyFact::Refused,
            roster: RosterFact::Unsaved,
            official: 0,
            ..f
        };
        let s = steps(&f);
        assert_eq!(s[0].standing, Standing::Next);
        assert_eq!(s[4].standing, Standing::Later);
        assert_eq!(s[5].status, Status::NoOfficial { results: 3 });
        for step in &s {
            assert!(!step.status.message_ja().is_empty());
            assert!(!step.status.message_en().is_empty());
        }
    }
}
