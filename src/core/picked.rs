//! Files picked together in the browser (or named together): which one is the bundle, and the
//! bundle read from them — a compiled JSON file, or an authored `bundle.toml` with the source
//! texts it names. The app opens a bundle.toml this way with no CLI. It sits beside the bundle
//! format, not inside it: a picked file may be a signed bundle, so reading one uses `sign`
//! (which uses `result`, which uses `bundle`).

use crate::core::bundle::{MAX_BUNDLE_BYTES, Parsed, from_value, parse_toml};
use crate::core::document;
use crate::core::message::Message;
use crate::core::problem::{Problem, ProblemKind, Problems};
use crate::core::sign::{BundleSignature, SignedBundle};

/// One picked file: its name and its bytes, or why they could not be read (too large,
/// unreadable).
pub type PickedFile = (String, Result<Vec<u8>, ProblemKind>);

/// What a set of picked files holds.
#[derive(Debug)]
pub struct Picked {
    /// The bundle's file name (`bundle.toml` or the JSON file's).
    pub name: String,
    /// The bundle, parsed (sources already read for a TOML bundle); not yet validated.
    pub parsed: Parsed,
    /// 情報担当課's signature, when the file is a signed bundle (`tenken-signed-bundle/1`):
    /// not yet checked (see [`BundleSignature::provenance`]).
    pub signature: Option<BundleSignature>,
}

/// The largest bundle file read: the largest bundle, and the few hundred bytes a signature
/// and its wrapper add.
pub const MAX_BUNDLE_FILE_BYTES: usize = MAX_BUNDLE_BYTES + 4096;

/// Reads a bundle file, signed or not: a compiled bundle (`tenken-bundle/1`), or a signed
/// bundle file (`tenken-signed-bundle/1`) and its signature (not yet checked). The one
/// reader of bundle files: the CLI (`crate::load`), 集計, the start screen and the 規則エディタ
/// all read through it, so a file one accepts the others accept.
pub fn parse_json_signed(bytes: &[u8]) -> Result<(Parsed, Option<BundleSignature>), Problems> {
    let one = |p: Problem| Problems(vec![p]);
    let value = document::parse_json(bytes, MAX_BUNDLE_FILE_BYTES).map_err(one)?;
    if SignedBundle::claims(&value) {
        let signed = SignedBundle::from_value(&value).map_err(one)?;
        let signature = signed.signature();
        let parsed = from_value(signed.bundle).map_err(|p| p.under("bundle"))?;
        return Ok((parsed, Some(signature)));
    }
    Ok((from_value(value)?, None))
}

fn has_extension(name: &str, ext: &str) -> bool {
    name.rsplit_once('.')
        .is_some_and(|(_, e)| e.eq_ignore_ascii_case(ext))
}

/// Reads an authored bundle's TOML (see [`read_picked_with`]).
pub type TomlReader = fn(&str) -> Result<Parsed, Problems>;

/// Reads the bundle among `files`: the one `.toml` file with every other file as the texts its
/// `[[sources]]` name, or else the one `.json` file. Several bundles, or none, is a problem
/// that says what to pick; a source text that is not UTF-8 is that source's problem.
pub fn read_picked(files: &[PickedFile]) -> Result<Picked, Problems> {
    read_picked_with(files, Some(parse_toml))
}

/// Why a `.toml` is not read where only compiled bundles are (the 課長's file).
pub const NO_TOML: &str = "bundle.toml（作成中の規則）は、情報担当課用の tenken-kanri.html で開きます。配布された規則ファイル（.json）を開いてください / bundle.toml is opened in tenken-kanri.html: open the distributed .json bundle";

/// [`read_picked`] with the TOML reader given, or none: the 課長's file reads compiled
/// bundles only, so that the TOML reader is not in its wasm.
pub fn read_picked_with(
    files: &[PickedFile],
    toml: Option<TomlReader>,
) -> Result<Picked, Problems> {
    let one = |p: Problem| Problems(vec![p]);
    let tomls: Vec<&PickedFile> = files
        .iter()
        .filter(|(n, _)| has_extension(n, "toml"))
        .collect();
    let jsons: Vec<&PickedFile> = files
        .iter()
        .filter(|(n, _)| has_extension(n, "json"))
        .collect();
    let picked_error = |message: &str| {
        one(Problem::error(
            "",
            ProblemKind::File {
                name: files
                    .iter()
                    .map(|(n, _)| n.as_str())
                    .collect::<Vec<_>>()
                    .join("、"),
                message: message.to_string(),
            },
        ))
    };
    match (tomls.as_slice(), jsons.as_slice()) {
        ([(name, bytes)], _) => {
            let bytes = bytes
                .as_ref()
                .map_err(|k| one(Problem::error("", k.clone())))?;
            let text = std::str::from_utf8(bytes).map_err(|_| {
                one(Problem::error(
                    "",
                    ProblemKind::File {
                        name: name.clone(),
                        message: "UTF-8 ではありません / not UTF-8".into(),
                    },
                ))
            })?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            let Some(parse_toml) = toml else {
                return Err(one(Problem::error(
                    "",
                    ProblemKind::File {
                        name: name.clone(),
                        message: NO_TOML.into(),
                    },
                )));
            };
            let mut parsed = parse_toml(text)?;
            parsed.resolve_sources(|wanted| {
                let (_, bytes) = files
                    .iter()
                    .find(|(n, _)| n == wanted)
                    .ok_or_else(|| {
                        "bundle.toml と一緒に選ばれていません（両方を選んで開いてください） / not picked together with bundle.toml"
                            .to_string()
                    })?;
                let bytes = bytes.as_ref().map_err(|k| k.message_ja())?;
                String::from_utf8(bytes.clone()).map_err(|_| {
                    "UTF-8 ではありません（UTF-8 で保存し直してください） / not UTF-8".to_string()
                })
            });
            Ok(Picked {
                name: name.clone(),
                parsed,
                signature: None,
            })
        }
        ([], [(name, bytes)]) => {
            let (parsed, signature) = parse_json_signed(
                bytes
                    .as_ref()
                    .map_err(|k| one(Problem::error("", k.clone())))?,
            )?;
            Ok(Picked {
                name: name.clone(),
                parsed,
                signature,
            })
        }
        ([], []) => Err(picked_error(
            "規則ファイル（.json、又は bundle.toml とその本文のファイル）を選んでください / pick a bundle (.json, or bundle.toml with its source files)",
        )),
        _ => Err(picked_error(
            "規則は一度に一つずつ開いてください（.toml か .json が複数あります） / open one bundle at a time (several .toml or .json files were picked)",
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::to_files;

    const TOML: &str = include_str!("../../tests/fixtures/mini/bundle.toml");
    const SOURCE: &str = include_str!("../../tests/fixtures/mini/source.txt");

    fn fixture() -> (String, Vec<(String, String)>) {
        let mut parsed = parse_toml(TOML).expect("fixture");
        parsed.resolve_sources(|_| Ok(SOURCE.to_string()));
        let files = to_files(&parsed.raw).expect("files");
        (files.toml, files.sources)
    }

    #[test]
    fn without_a_toml_reader_a_toml_is_refused_and_json_still_reads() {
        let (toml, sources) = fixture();
        let mut files = vec![("bundle.toml".to_string(), Ok(toml.into_bytes()))];
        files.extend(sources.into_iter().map(|(n, t)| (n, Ok(t.into_bytes()))));
        let problems = read_picked_with(&files, None).expect_err("no toml here");
        assert!(
            problems.0[0]
                .kind
                .message_ja()
                .contains("tenken-kanri.html")
        );
        let json = read_picked(&files)
            .expect("toml")
            .parsed
            .raw
            .to_canonical_json()
            .expect("json");
        let back = read_picked_with(&[("mini.json".into(), Ok(json))], None).expect("json");
        assert_eq!(back.parsed.raw.id.as_deref(), Some("mini"));
    }

    #[test]
    fn toml_and_its_source_picked_together_make_the_same_bundle() {
        let (toml, sources) = fixture();
        let mut want = parse_toml(TOML).unwrap();
        want.resolve_sources(|_| Ok(SOURCE.to_string()));
        let want = want.validate().unwrap();
        let mut files = vec![("bundle.toml".to_string(), Ok(toml.into_bytes()))];
        files.extend(sources.into_iter().map(|(n, t)| (n, Ok(t.into_bytes()))));
        // picked in any order
        files.reverse();
        let got = read_picked(&files).expect("picked");
        assert_eq!(got.name, "bundle.toml");
        let got = got.parsed.validate().expect("valid");
        assert_eq!(got.bundle.hash, want.bundle.hash);
    }

    #[test]
    fn a_missing_or_non_utf8_source_is_that_sources_problem() {
        let (toml, sources) = fixture();
        let only_toml = vec![("bundle.toml".to_string(), Ok(toml.clone().into_bytes()))];
        let problems = read_picked(&only_toml)
            .unwrap()
            .parsed
            .validate()
            .unwrap_err();
        assert!(
            problems.0.iter().any(|p| p.path.starts_with("sources[")
                && p.kind.message_ja().contains("一緒に選ばれていません")),
            "{problems:?}"
        );
        let (name, _) = &sources[0];
        let sjis = vec![
            ("bundle.toml".to_string(), Ok(toml.clone().into_bytes())),
            (name.clone(), Ok(vec![0x93, 0xfa, 0x96, 0x7b])),
        ];
        let problems = read_picked(&sjis).unwrap().parsed.validate().unwrap_err();
        assert!(
            problems
                .0
                .iter()
                .any(|p| p.kind.message_ja().contains("UTF-8")),
            "{problems:?}"
        );
        // a source too large to read says so at its place
        let big = vec![
            ("bundle.toml".to_string(), Ok(toml.into_bytes())),
            (
                name.clone(),
                Err(ProblemKind::TooLarge {
                    size: 11 << 20,
                    max: 10 << 20,
                }),
            ),
        ];
        let problems = read_picked(&big).unwrap().parsed.validate().unwrap_err();
        assert!(
            problems.0.iter().any(|p| p.path.starts_with("sources[")
                && p.kind.message_ja().contains(
                    &ProblemKind::TooLarge {
                        size: 11 << 20,
                        max: 10 << 20
                    }
                    .message_ja()
                )),
            "{problems:?}"
        );
    }

    #[test]
    fn nothing_or_two_bundles_say_what_to_pick() {
        let none = read_picked(&[("source.txt".into(), Ok(b"x".to_vec()))]).unwrap_err();
        assert!(none.0[0].kind.message_ja().contains("bundle.toml"));
        let two = read_picked(&[
            ("a.json".into(), Ok(b"{}".to_vec())),
            ("b.json".into(), Ok(b"{}".to_vec())),
        ])
        .unwrap_err();
        assert!(two.0[0].kind.message_ja().contains("一つずつ"));
        // a JSON file with a .JSON extension is still JSON
        let upper = read_picked(&[("A.JSON".into(), Ok(b"[".to_vec()))]).unwrap_err();
        assert!(!upper.0[0].kind.message_ja().contains("一つずつ"));
    }

    #[test]
    fn a_signed_bundle_file_opens_with_its_signature_and_checks_against_the_carried_key() {
        use crate::core::sign::{Provenance, Publisher, SignedBundle, UnlockedKey, generate};
        let (toml, sources) = fixture();
        let mut parsed = parse_toml(&toml).expect("toml");
        parsed.resolve_sources(|_| Ok(sources[0].1.clone()));
        let canonical = parsed.raw.to_canonical_json().expect("json");
        let pass = "kumo no ue no sora 2026";
        let key = generate(pass, &Default::default()).expect("key");
        let key = UnlockedKey::unlock(&key.secret_key_file, pass).expect("unlock");
        let signed = SignedBundle::sign(&canonical, "目黒区 情報政策課", &key, 1).expect("sign");
        let files = [(signed.file_name(), Ok(signed.to_json().into_bytes()))];
        let picked = read_picked(&files).expect("picked");
        let signature = picked.signature.expect("signature kept");
        // the bytes checked are the bundle's own canonical JSON, recomputed
        let again = picked.parsed.raw.to_canonical_json().expect("json");
        assert_eq!(again, canonical);
        let carried = [Publisher {
            name: "目黒区 情報政策課".into(),
            public_key: key.public_key(),
        }];
        assert!(signature.provenance(&again, &carried).is_published());
        // a changed bundle inside the wrapper no longer holds
        let mut changed: serde_json::Value = serde_json::from_str(&signed.to_json()).expect("json");
        changed["bundle"]["title"] = "書き換え".into();
        let files = [("x.json".to_string(), Ok(changed.to_string().into_bytes()))];
        let picked = read_picked(&files).expect("still a bundle");
        let bytes = picked.parsed.raw.to_canonical_json().expect("json");
        assert!(matches!(
            picked.signature.expect("sig").provenance(&bytes, &carried),
            Provenance::Tampered { .. }
        ));
        // a problem inside the wrapped bundle is reported at its place in the file
        changed["bundle"]["format"] = "x".into();
        let files = [("x.json".to_string(), Ok(changed.to_string().into_bytes()))];
        assert_eq!(
            read_picked(&files).expect_err("bad").0[0].path,
            "bundle.format"
        );
    }
}
