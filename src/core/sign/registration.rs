//! Registration files (one 課長's public key, for 情報担当課) and the roster they make.

use crate::core::message::Message;
use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::error::{Part, SignError};
use super::key::fingerprint_of;
use super::wire::PublicKeyBytes;
use crate::core::date::Date;
use crate::core::document;
use crate::core::name::{hidden_character, name_key};
use crate::core::problem::{Problem, ProblemKind, Problems};

/// The format id of a registration file.
pub const REGISTRATION_FORMAT: &str = "tenken-registration/1";
/// The format id of a roster.
pub const ROSTER_FORMAT: &str = "tenken-roster/1";
/// The largest roster file accepted.
pub const MAX_ROSTER_BYTES: usize = 4 * 1024 * 1024;

/// Who holds a key: what a 課長 sends to 情報担当課 to register it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Registration {
    /// [`REGISTRATION_FORMAT`].
    pub format: String,
    /// 課名.
    pub division: String,
    /// 氏名.
    pub name: String,
    /// 役職.
    #[serde(default)]
    pub title: String,
    /// minisign public key (base64, `RW…`).
    pub public_key: String,
    /// Short fingerprint of the key (see [`fingerprint_of`]).
    pub fingerprint: String,
    /// When the key was made (ISO 8601 date).
    pub created: String,
    /// 登録日: the first day (JST) on which the key's signatures count; empty means the
    /// day the key was made. Set by 情報担当課 in the roster.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub valid_from: String,
    /// 失効日: the last day on which its signatures count, if the period is limited.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub valid_until: String,
    /// 失効: the key was withdrawn (異動, 退職, loss …).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked: Option<Revocation>,
}

/// Why and from when a key no longer counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revocation {
    /// The first day (YYYY-MM-DD, JST) on which its signatures no longer count.
    pub date: String,
    /// Why.
    pub reason: RevocationReason,
    /// What 情報担当課 noted (free text).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
}

/// Why a key was revoked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RevocationReason {
    /// 異動: the holder left the 課; signatures made before the date still count.
    Transfer,
    /// 退職.
    Retired,
    /// 鍵の紛失・漏えい: someone else may hold the key, and since the signing time is the
    /// signer's own claim, none of its signatures count, whatever time they state.
    Compromised,
    /// その他.
    Other,
}

impl RevocationReason {
    /// Every reason, in the order a form offers them.
    pub const ALL: [RevocationReason; 4] = [
        RevocationReason::Transfer,
        RevocationReason::Retired,
        RevocationReason::Compromised,
        RevocationReason::Other,
    ];

    /// The reason's id in files and on the command line.
    pub fn id(self) -> &'static str {
        match self {
            RevocationReason::Transfer => "transfer",
            RevocationReason::Retired => "retired",
            RevocationReason::Compromised => "compromised",
            RevocationReason::Other => "other",
        }
    }

    /// The reason for an id.
    pub fn from_id(id: &str) -> Option<RevocationReason> {
        RevocationReason::ALL.into_iter().find(|r| r.id() == id)
    }

    /// In Japanese.
    pub fn label_ja(self) -> &'static str {
        match self {
            RevocationReason::Transfer => "異動",
            RevocationReason::Retired => "退職",
            RevocationReason::Compromised => "鍵の紛失・漏えい",
            RevocationReason::Other => "その他",
        }
    }

    /// In English.
    pub fn label_en(self) -> &'static str {
        match self {
            RevocationReason::Transfer => "transfer",
            RevocationReason::Retired => "retirement",
            RevocationReason::Compromised => "key lost or leaked",
            RevocationReason::Other => "other",
        }
    }
}

/// Whether a registered key counted on a given day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyStanding {
    /// Within its period, not revoked.
    Valid,
    /// Before its 登録日.
    NotYet {
        /// The first valid day.
        from: Date,
    },
    /// After its 失効日.
    Expired {
        /// The last valid day.
        until: Date,
    },
    /// Revoked on or before that day (or compromised: any day).
    Revoked {
        /// From when.
        date: Date,
        /// Why.
        reason: RevocationReason,
    },
    /// The registration's dates cannot be read (a roster that was not checked).
    Unknown,
}

impl Message for KeyStanding {
    /// In Japanese.
    fn message_ja(&self) -> String {
        match self {
            KeyStanding::Valid => "有効".into(),
            KeyStanding::NotYet { from } => format!("鍵の登録日（{from}）より前の署名"),
            KeyStanding::Expired { until } => format!("鍵の失効日（{until}）より後の署名"),
            KeyStanding::Revoked {
                date,
                reason: RevocationReason::Compromised,
            } => format!("鍵は{date}に失効（鍵の紛失・漏えい: この鍵の署名はすべて無効）"),
            KeyStanding::Revoked { date, reason } => {
                format!("鍵は{date}に失効（{}）", reason.label_ja())
            }
            KeyStanding::Unknown => "登録の日付を読めません".into(),
        }
    }

    /// In English.
    fn message_en(&self) -> String {
        match self {
            KeyStanding::Valid => "valid".into(),
            KeyStanding::NotYet { from } => format!("signed before the key's start ({from})"),
            KeyStanding::Expired { until } => format!("signed after the key's end ({until})"),
            KeyStanding::Revoked {
                date,
                reason: RevocationReason::Compromised,
            } => format!("key revoked on {date} (lost or leaked: none of its signatures count)"),
            KeyStanding::Revoked { date, reason } => {
                format!("key revoked on {date} ({})", reason.label_en())
            }
            KeyStanding::Unknown => "the registration's dates cannot be read".into(),
        }
    }
}

impl Registration {
    /// A registration for `public_key`; the fingerprint is computed.
    pub fn new(
        division: &str,
        name: &str,
        title: &str,
        public_key: &str,
        created: &str,
    ) -> Result<Registration, SignError> {
        Ok(Registration {
            format: REGISTRATION_FORMAT.into(),
            division: division.trim().into(),
            name: name.trim().into(),
            title: title.trim().into(),
            public_key: PublicKeyBytes::parse(public_key)?.to_base64(),
            fingerprint: fingerprint_of(public_key)?,
            created: created.into(),
            valid_from: String::new(),
            valid_until: String::new(),
            revoked: None,
        })
    }

    /// The registered key, parsed (white space around the text is not part of it); `None`
    /// when it is not a key minisign would use.
    pub fn key(&self) -> Option<PublicKeyBytes> {
        PublicKeyBytes::parse(&self.public_key).ok()
    }

    /// The first day its signatures count: 登録日, or the day the key was made.
    pub fn first_day(&self) -> Option<Date> {
        if self.valid_from.is_empty() {
            Date::parse_iso(self.created.get(..10).unwrap_or(&self.created))
        } else {
            Date::parse_iso(&self.valid_from)
        }
    }

    /// Whether a signature made on `day` (JST) counts for this key. The signing time is
    /// the signer's claim: a compromised key counts on no day at all.
    pub fn standing_on(&self, day: Date) -> KeyStanding {
        if let Some(r) = &self.revoked {
            let Some(date) = Date::parse_iso(&r.date) else {
                return KeyStanding::Unknown;
            };
            if r.reason == RevocationReason::Compromised || day >= date {
                return KeyStanding::Revoked {
                    date,
                    reason: r.reason,
                };
            }
        }
        let Some(from) = self.first_day() else {
            return KeyStanding::Unknown;
        };
        if day < from {
            return KeyStanding::NotYet { from };
        }
        if !self.valid_until.is_empty() {
            let Some(until) = Date::parse_iso(&self.valid_until) else {
                return KeyStanding::Unknown;
            };
            if day > until {
                return KeyStanding::Expired { until };
            }
        }
        KeyStanding::Valid
    }

    /// Pretty JSON, for a file a person may open.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The file a 課長 sends: `<課>_<氏名>.tenken-key.json`.
    pub fn file_name(&self) -> String {
        use crate::core::name::file_safe;
        format!(
            "{}_{}.tenken-key.json",
            file_safe(&self.division),
            file_safe(&self.name)
        )
    }

    /// Problems of a registration read from a file (`path`: where it sits in that file).
    pub fn check(&self, path: &str) -> Vec<Problem> {
        let mut out = Vec::new();
        for (field, value) in [
            ("division", &self.division),
            ("name", &self.name),
            ("title", &self.title),
        ] {
            if value.trim().is_empty() && field != "title" {
                out.push(Problem::error(format!("{path}{field}"), ProblemKind::Empty));
            } else if let Some(c) = hidden_character(value) {
                out.push(Problem::error(
                    format!("{path}{field}"),
                    ProblemKind::HiddenCharacter { code: c as u32 },
                ));
            }
        }
        if self.first_day().is_none() {
            let field = if self.valid_from.is_empty() {
                "created"
            } else {
                "valid_from"
            };
            let value = if self.valid_from.is_empty() {
                &self.created
            } else {
                &self.valid_from
            };
            out.push(Problem::error(
                format!("{path}{field}"),
                ProblemKind::BadDate {
                    value: value.clone(),
                },
            ));
        }
        if !self.valid_until.is_empty() && Date::parse_iso(&self.valid_until).is_none() {
            out.push(Problem::error(
                format!("{path}valid_until"),
                ProblemKind::BadDate {
                    value: self.valid_until.clone(),
                },
            ));
        }
        if let Some(r) = &self.revoked
            && Date::parse_iso(&r.date).is_none()
        {
            out.push(Problem::error(
                format!("{path}revoked.date"),
                ProblemKind::BadDate {
                    value: r.date.clone(),
                },
            ));
        }
        // minisign's byte rule (parse), then what no key generator makes (registration only)
        let refused = match PublicKeyBytes::parse(&self.public_key) {
            Err(e) => Some(e),
            Ok(k) => super::ed25519::key_flaw(&k).map(|f| SignError::Malformed(Part::PublicKey, f)),
        };
        if let Some(e) = refused {
            out.push(Problem::error(
                format!("{path}public_key"),
                ProblemKind::BadPublicKey {
                    ja: e.message_ja(),
                    en: e.message_en(),
                },
            ));
        } else if let Ok(actual) = fingerprint_of(&self.public_key)
            && actual != self.fingerprint
        {
            out.push(Problem::error(
                format!("{path}fingerprint"),
                ProblemKind::FingerprintMismatch {
                    stated: self.fingerprint.clone(),
                    actual,
                },
            ));
        }
        out
    }
}

/// A registration refused because its key is already in the roster for another 課, or under
/// another minisign key id (the Ed25519 key is the key; the id is only a label).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MergeConflict {
    /// The registered key's fingerprint.
    pub fingerprint: String,
    /// The 課 it is registered for.
    pub registered: String,
    /// The 課 the refused registration names.
    pub offered: String,
    /// The refused registration gives the same Ed25519 key under another key id.
    pub other_id: bool,
}

impl Message for MergeConflict {
    /// In Japanese.
    fn message_ja(&self) -> String {
        if self.other_id {
            return format!(
                "「{}」の登録は受け付けませんでした: 同じ鍵が別の鍵 ID で「{}」に登録済みです（指紋 {}）",
                self.offered, self.registered, self.fingerprint
            );
        }
        format!(
            "鍵 {} は「{}」に登録済みのため、「{}」の登録は受け付けませんでした（一つの鍵は一つの課のものです）",
            self.fingerprint, self.registered, self.offered
        )
    }

    /// In English.
    fn message_en(&self) -> String {
        if self.other_id {
            return format!(
                "the registration for {} was refused: the same key is registered under another key id for {} (fingerprint {})",
                self.offered, self.registered, self.fingerprint
            );
        }
        format!(
            "key {} is registered for {}; the registration for {} was refused (a key belongs to one division)",
            self.fingerprint, self.registered, self.offered
        )
    }
}

/// What a file opened as a roster was.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RosterSource {
    /// A roster file ([`ROSTER_FORMAT`]).
    Roster,
    /// One 課長's registration file ([`REGISTRATION_FORMAT`]), read as a roster of one.
    Registration,
}

impl RosterSource {
    /// The name 「登録簿を保存」 may keep for a roster opened from the file `name`: a roster
    /// file's own name, never a registration file's (saving under it would overwrite the
    /// 課長's file, `住民課_佐藤 一郎.tenken-key.json`).
    pub fn kept_name(self, name: &str) -> Option<String> {
        match self {
            RosterSource::Roster if !name.trim().is_empty() => Some(name.to_string()),
            _ => None,
        }
    }
}

/// The registered keys of a municipality.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Roster {
    /// [`ROSTER_FORMAT`].
    pub format: String,
    /// The registrations, one per key.
    pub keys: Vec<Registration>,
}

impl Default for Roster {
    fn default() -> Roster {
        Roster::new()
    }
}

impl Roster {
    /// An empty roster.
    pub fn new() -> Roster {
        Roster {
            format: ROSTER_FORMAT.into(),
            keys: Vec::new(),
        }
    }

    /// Reads a roster, or a single registration file as a roster of one; every problem is
    /// reported with its place.
    pub fn from_json(bytes: &[u8]) -> Result<Roster, Problems> {
        Roster::read(bytes).map(|(r, _)| r)
    }

    /// Reads a roster, or a single registration file as a roster of one, and says which it
    /// was; every problem is reported with its place.
    pub fn read(bytes: &[u8]) -> Result<(Roster, RosterSource), Problems> {
        let one = |p: Problem| Problems(vec![p]);
        let value = document::parse_json(bytes, MAX_ROSTER_BYTES).map_err(one)?;
        let format = value.get("format").and_then(Value::as_str).unwrap_or("");
        let source = if format == REGISTRATION_FORMAT {
            RosterSource::Registration
        } else {
            RosterSource::Roster
        };
        let (roster, problems) = if source == RosterSource::Registration {
            let (r, unknown) = document::from_value::<Registration>(&value).map_err(one)?;
            let mut problems = unknown;
            problems.extend(r.check(""));
            (
                Roster {
                    format: ROSTER_FORMAT.into(),
                    keys: vec![r],
                },
                problems,
            )
        } else {
            document::check_format(&value, ROSTER_FORMAT).map_err(one)?;
            let (r, unknown) = document::from_value::<Roster>(&value).map_err(one)?;
            let mut problems = unknown;
            let ed: Vec<Option<[u8; 32]>> = r
                .keys
                .iter()
                .map(|k| k.key().map(|k| k.ed25519()))
                .collect();
            for (i, k) in r.keys.iter().enumerate() {
                problems.extend(k.check(&format!("keys[{i}].")));
                if let Some(j) = ed[i].and_then(|e| ed[..i].iter().position(|o| *o == Some(e))) {
                    // one key, one 課: a key listed twice (under any key id) is ambiguous
                    problems.push(Problem::error(
                        format!("keys[{i}].public_key"),
                        ProblemKind::Duplicate {
                            id: k.fingerprint.clone(),
                            first: format!("keys[{j}]"),
                        },
                    ));
                }
            }
            (r, problems)
        };
        if problems.is_empty() {
            let mut roster = roster;
            // each key as minisign writes it (white space around it is not part of it)
            for k in &mut roster.keys {
                if let Some(key) = k.key() {
                    k.public_key = key.to_base64();
                }
            }
            Ok((roster, source))
        } else {
            Err(Problems(problems))
        }
    }

    /// Adds every key of `other`, after those present. A key already present keeps its 課 (a key is bound to one
    /// 課: a registration naming another is refused and reported) and 情報担当課's decisions
    /// (period, revocation); a newer registration updates 氏名 and 役職.
    pub fn merge(&mut self, other: Roster) -> Vec<MergeConflict> {
        let mut conflicts = Vec::new();
        for k in other.keys {
            let key = k.key();
            let ed = key.map(|k| k.ed25519());
            match self
                .keys
                .iter_mut()
                .find(|e| ed.is_some() && e.key().map(|e| e.ed25519()) == ed)
            {
                Some(e) if e.key() != key || name_key(&e.division) != name_key(&k.division) => {
                    conflicts.push(MergeConflict {
                        fingerprint: e.fingerprint.clone(),
                        registered: e.division.clone(),
                        offered: k.division.clone(),
                        other_id: e.key() != key,
                    });
                }
                Some(e) => {
                    if k.created >= e.created {
                        e.name = k.name;
                        e.title = k.title;
                        e.created = k.created;
                    }
                    if e.valid_from.is_empty() {
                        e.valid_from = k.valid_from;
                    }
                    if e.valid_until.is_empty() {
                        e.valid_until = k.valid_until;
                    }
                    if e.revoked.is_none() {
                        e.revoked = k.revoked;
                    }
                }
                None => self.keys.push(k),
            }
        }
        // the keys stay in the roster's order (情報担当課's, e.g. 機構順: the 集計 lists 課 in
        // it), new ones after, in the order given
        conflicts
    }

    /// The roster in one line on `today`: 「登録簿: 185課・鍵 190（失効 3）」 (失効: keys revoked
    /// or past their 失効日), or that none is open.
    pub fn line_ja(&self, today: crate::core::date::Date) -> String {
        if self.keys.is_empty() {
            return "登録簿: まだ開いていません".into();
        }
        let divisions: std::collections::BTreeSet<String> =
            self.keys.iter().map(|k| name_key(&k.division)).collect();
        let ended = self
            .keys
            .iter()
            .filter(|k| {
                matches!(
                    k.standing_on(today),
                    KeyStanding::Revoked { .. } | KeyStanding::Expired { .. }
                )
            })
            .count();
        let mut line = format!("登録簿: {}課・鍵 {}", divisions.len(), self.keys.len());
        if ended > 0 {
            line.push_str(&format!("（失効 {ended}）"));
        }
        line
    }

    /// The registration of a key given by its fingerprint or its public key.
    pub fn find_mut(&mut self, key_or_fingerprint: &str) -> Option<&mut Registration> {
        let k = key_or_fingerprint.trim();
        let key = PublicKeyBytes::parse(k).ok();
        self.keys
            .iter_mut()
            .find(|r| (key.is_some() && r.key() == key) || r.fingerprint.eq_ignore_ascii_case(k))
    }

    /// The file 「登録簿を保存」 proposes on `date`: `kept`, the roster file's own name (see
    /// [`RosterSource::kept_name`]: the roster opened from it, or saved under it, before),
    /// else `登録簿_<YYYY-MM-DD>.tenken-roster.json`.
    pub fn file_name(kept: Option<&str>, date: crate::core::date::Date) -> String {
        match kept {
            Some(name) if !name.trim().is_empty() => name.to_string(),
            _ => format!("登録簿_{date}.tenken-roster.json"),
        }
    }

    /// The registration of `public_key`, if registered: the same Ed25519 key under the same
    /// minisign key id, as `minisign -V -P <registered key>` requires (a signature made with
    /// the key under another id does not verify there, so it is not this registration's).
    pub fn find(&self, public_key: &str) -> Option<&Registration> {
        // base64 has one spelling per key here (unused bits must be zero): the same text, the
        // same bytes — compared as text, without parsing every registration per lookup
        let key = PublicKeyBytes::parse(public_key).ok()?.to_base64();
        self.keys.iter().find(|k| k.public_key.trim() == key)
    }

    /// Pretty JSON, for a file a person may open.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::sign::generate;

    #[test]
    fn a_roster_reads_in_one_line() {
        let day = crate::core::date::Date::new(2026, 11, 24).expect("date");
        let mut roster = Roster::new();
        assert_eq!(roster.line_ja(day), "登録簿: まだ開いていません");
        let a = registration("佐藤 一郎");
        let mut b = registration("鈴木 次郎");
        b.revoked = Some(Revocation {
            date: "2026-06-01".into(),
            reason: RevocationReason::Transfer,
            note: String::new(),
        });
        let mut c = registration("田中 三郎");
        c.division = "総務課".into();
        roster.keys = vec![a, b, c];
        assert_eq!(roster.line_ja(day), "登録簿: 2課・鍵 3（失効 1）");
    }

    #[test]
    fn saving_proposes_the_rosters_own_name_never_a_registrations() {
        let day = crate::core::date::Date::new(2026, 11, 24).expect("date");
        let reg = registration("佐藤 一郎");
        let mut roster = Roster::new();
        roster.keys.push(reg.clone());
        // a registration file read as a roster of one: its name is not the roster's
        let (one, source) = Roster::read(reg.to_json().as_bytes()).expect("reads");
        assert_eq!((one.keys.len(), source), (1, RosterSource::Registration));
        let kept = source.kept_name(&reg.file_name());
        assert_eq!(kept, None);
        assert_eq!(
            Roster::file_name(kept.as_deref(), day),
            "登録簿_2026-11-24.tenken-roster.json"
        );
        // a roster file keeps its own name
        let (_, source) = Roster::read(roster.to_json().as_bytes()).expect("reads");
        assert_eq!(source, RosterSource::Roster);
        let kept = source.kept_name("登録簿_総務課.tenken-roster.json");
        assert_eq!(
            Roster::file_name(kept.as_deref(), day),
            "登録簿_総務課.tenken-roster.json"
        );
        assert_eq!(
            Roster::file_name(None, day),
            "登録簿_2026-11-24.tenken-roster.json"
        );
    }

    fn registration(name: &str) -> Registration {
        let key = generate("kumo no ue no sora 2026", &Default::default()).expect("key");
        Registration::new("情報政策課", name, "課長", &key.public_key, "2026-11-24").expect("reg")
    }

    #[test]
    fn registration_file_reads_as_roster_of_one() {
        let r = registration("山田太郎");
        let roster = Roster::from_json(r.to_json().as_bytes()).expect("roster");
        assert_eq!(roster.keys, vec![r.clone()]);
        assert_eq!(roster.find(&r.public_key), Some(&r));
    }

    #[test]
    fn roster_round_trips_and_merges_by_key() {
        let (a, b) = (registration("山田太郎"), registration("佐藤花子"));
        let mut roster = Roster::new();
        roster.merge(Roster {
            format: ROSTER_FORMAT.into(),
            keys: vec![a.clone()],
        });
        let mut newer = a.clone();
        newer.title = "部長".into();
        newer.created = "2027-04-01".into();
        roster.merge(Roster {
            format: ROSTER_FORMAT.into(),
            keys: vec![b.clone(), newer.clone()],
        });
        assert_eq!(roster.keys.len(), 2);
        assert_eq!(
            roster.find(&a.public_key).map(|k| k.title.as_str()),
            Some("部長")
        );
        let back = Roster::from_json(roster.to_json().as_bytes()).expect("read back");
        assert_eq!(back, roster);
    }

    #[test]
    fn forged_fingerprint_and_bad_key_are_reported_with_their_places() {
        let mut r = registration("山田太郎");
        r.fingerprint = "0000-0000-0000-0000".into();
        let mut roster = Roster::new();
        roster.keys.push(r);
        let mut bad = registration("佐藤花子");
        bad.public_key = "RWQ-not-a-key".into();
        bad.name = " ".into();
        roster.keys.push(bad);
        let problems = Roster::from_json(roster.to_json().as_bytes()).expect_err("bad");
        let paths: Vec<&str> = problems.0.iter().map(|p| p.path.as_str()).collect();
        assert_eq!(
            paths,
            ["keys[0].fingerprint", "keys[1].name", "keys[1].public_key"]
        );
    }

    #[test]
    fn other_documents_are_refused() {
        let e = Roster::from_json(br#"{"format":"tenken-result/1"}"#).expect_err("format");
        assert!(matches!(e.0[0].kind, ProblemKind::WrongFormat { .. }));
        assert!(Roster::from_json(b"[1,2]").is_err());
    }
}
