//! Registration files (one 課長's public key, for 情報担当課) and the roster they make.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::key::fingerprint_of;
use crate::core::document;
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
}

impl Registration {
    /// A registration for `public_key`; the fingerprint is computed.
    pub fn new(
        division: &str,
        name: &str,
        title: &str,
        public_key: &str,
        created: &str,
    ) -> Result<Registration, super::SignError> {
        Ok(Registration {
            format: REGISTRATION_FORMAT.into(),
            division: division.trim().into(),
            name: name.trim().into(),
            title: title.trim().into(),
            public_key: public_key.trim().into(),
            fingerprint: fingerprint_of(public_key)?,
            created: created.into(),
        })
    }

    /// Pretty JSON, for a file a person may open.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Problems of a registration read from a file (`path`: where it sits in that file).
    fn check(&self, path: &str) -> Vec<Problem> {
        let mut out = Vec::new();
        for (field, value) in [("division", &self.division), ("name", &self.name)] {
            if value.trim().is_empty() {
                out.push(Problem::error(format!("{path}{field}"), ProblemKind::Empty));
            }
        }
        match fingerprint_of(&self.public_key) {
            Err(e) => out.push(Problem::error(
                format!("{path}public_key"),
                ProblemKind::BadPublicKey {
                    message: e.message_en(),
                },
            )),
            Ok(actual) if actual != self.fingerprint => out.push(Problem::error(
                format!("{path}fingerprint"),
                ProblemKind::FingerprintMismatch {
                    stated: self.fingerprint.clone(),
                    actual,
                },
            )),
            Ok(_) => {}
        }
        out
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
        let one = |p: Problem| Problems(vec![p]);
        let value = document::parse_json(bytes, MAX_ROSTER_BYTES).map_err(one)?;
        let format = value.get("format").and_then(Value::as_str).unwrap_or("");
        let (roster, problems) = if format == REGISTRATION_FORMAT {
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
            for (i, k) in r.keys.iter().enumerate() {
                problems.extend(k.check(&format!("keys[{i}].")));
            }
            (r, problems)
        };
        if problems.is_empty() {
            Ok(roster)
        } else {
            Err(Problems(problems))
        }
    }

    /// Adds every key of `other`; for a key already present, the newer registration wins.
    pub fn merge(&mut self, other: Roster) {
        for k in other.keys {
            match self.keys.iter_mut().find(|e| e.public_key == k.public_key) {
                Some(e) if k.created >= e.created => *e = k,
                Some(_) => {}
                None => self.keys.push(k),
            }
        }
        self.keys.sort_by(|a, b| {
            (a.division.as_str(), a.name.as_str()).cmp(&(b.division.as_str(), b.name.as_str()))
        });
    }

    /// The registration of `public_key`, if registered.
    pub fn find(&self, public_key: &str) -> Option<&Registration> {
        self.keys.iter().find(|k| k.public_key == public_key.trim())
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
