//! Writing a bundle back as bundle.toml + its source files ([`to_files`]): every bundle, and
//! any text an author may type, reads back as the same compiled bundle, byte for byte, so
//! with the same SHA-256 (its identity, recorded in every result).
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)] // a test reports by panicking

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use tenken::core::bundle::{self, BundleFiles, RawBundle, to_files};
use tenken::core::canonical::sha256_hex;
use tenken::load;

const FIXTURE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/mini");
const POLICIES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/policies");
const IDS: [&str; 5] = ["meguro", "chikuma", "shimanto", "toin", "sayama"];

/// A scratch directory removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(name: &str) -> Scratch {
        let dir = std::env::temp_dir().join(format!(
            "tenken-toml-roundtrip-{}-{name}",
            std::process::id()
        ));
        std::fs::remove_dir_all(&dir).ok();
        std::fs::create_dir_all(&dir).unwrap();
        Scratch(dir)
    }

    /// Writes bundle.toml and the source files, as `tenken bundle export` does.
    fn write(&self, files: &BundleFiles) {
        std::fs::write(self.0.join("bundle.toml"), &files.toml).unwrap();
        for (name, text) in &files.sources {
            std::fs::write(self.0.join(name), text).unwrap();
        }
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn bundle_dirs() -> Vec<PathBuf> {
    let mut dirs = vec![PathBuf::from(FIXTURE)];
    dirs.extend(IDS.iter().map(|id| Path::new(POLICIES).join(id)));
    dirs
}

#[test]
fn every_bundle_reads_back_as_the_same_compiled_bundle() {
    for dir in bundle_dirs() {
        let name = dir.file_name().unwrap().to_str().unwrap().to_string();
        let original = load::load(&dir).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        let canonical = original.raw.to_canonical_json().unwrap();
        let files = to_files(&original.raw).unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            files
                .sources
                .iter()
                .map(|(n, _)| n.as_str())
                .collect::<Vec<_>>(),
            ["source.txt"],
            "{name}"
        );

        let scratch = Scratch::new(&name);
        scratch.write(&files);
        let again = load::load(&scratch.0).unwrap_or_else(|p| panic!("{name}: {p:?}"));
        assert!(
            again.raw.to_canonical_json().unwrap() == canonical,
            "{name}: the compiled JSON differs"
        );
        assert_eq!(
            again.validated.bundle.hash, original.validated.bundle.hash,
            "{name}"
        );
        assert_eq!(
            again.validated.bundle.hash,
            sha256_hex(&canonical),
            "{name}"
        );
        assert_eq!(
            again.validated.warnings.0.len(),
            original.validated.warnings.0.len(),
            "{name}"
        );

        // the browser's way: the files' texts picked together
        let picked = bundle::from_files(&files.toml, &files.sources)
            .unwrap_or_else(|p| panic!("{name}: {p:?}"));
        assert_eq!(picked.bundle.hash, original.validated.bundle.hash, "{name}");

        // writing the written bundle again gives the same files
        assert!(to_files(&again.raw).unwrap() == files, "{name}: not stable");
    }
}

#[test]
fn the_fixture_is_written_as_its_author_wrote_it() {
    let authored = std::fs::read_to_string(Path::new(FIXTURE).join("bundle.toml")).unwrap();
    let without_comments: String = authored
        .lines()
        .filter(|l| !l.starts_with('#'))
        .map(|l| format!("{l}\n"))
        .collect();
    let loaded = load::load(Path::new(FIXTURE)).unwrap();
    let files = to_files(&loaded.raw).unwrap();
    assert_eq!(files.toml, without_comments.trim_start());
}

#[test]
fn a_bundle_of_several_sources_writes_a_file_for_each() {
    let mut raw = load::load(Path::new(FIXTURE)).unwrap().raw;
    let mut second = raw.sources[0].clone();
    second.id = Some("betsu".into());
    second.title = Some("別の例規".into());
    raw.sources.push(second);
    let files = to_files(&raw).unwrap();
    let names: Vec<_> = files.sources.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names, ["kisoku.txt", "betsu.txt"]);
    assert!(files.toml.contains("text = \"kisoku.txt\"\n"));
    assert!(files.toml.contains("text = \"betsu.txt\"\n"));
    let scratch = Scratch::new("several");
    scratch.write(&files);
    let again = load::load(&scratch.0).unwrap_or_else(|p| panic!("{p:?}"));
    assert_eq!(again.raw, raw);
}

#[test]
fn an_amended_bundle_reads_back_with_the_same_hash() {
    let original = load::load(Path::new(FIXTURE)).unwrap();
    let mut raw = original.raw.clone();
    raw.amended = Some(bundle::raw::RawAmended {
        from: Some("2014-04-01".into()),
        items: vec!["14".into(), "13-1".into(), "20-2-1".into()],
    });
    let canonical = raw.to_canonical_json().unwrap();
    let validated = bundle::validate(&raw).unwrap_or_else(|p| panic!("{p}"));
    assert_ne!(validated.bundle.hash, original.validated.bundle.hash);
    let amended = validated.bundle.amended.as_ref().expect("amended");
    assert_eq!(amended.from.to_string(), "2014-04-01");
    assert_eq!(
        amended.items.keys().collect::<Vec<_>>(),
        ["13-1", "14", "20-2-1"]
    );

    let files = to_files(&raw).unwrap();
    let scratch = Scratch::new("amended");
    scratch.write(&files);
    let again = load::load(&scratch.0).unwrap_or_else(|p| panic!("{p:?}\n{}", files.toml));
    assert!(again.raw.to_canonical_json().unwrap() == canonical);
    assert_eq!(again.raw, raw);
    assert_eq!(again.validated.bundle.hash, validated.bundle.hash);
    assert_eq!(again.validated.bundle.hash, sha256_hex(&canonical));
    let picked = bundle::from_files(&files.toml, &files.sources).unwrap();
    assert_eq!(picked.bundle.hash, validated.bundle.hash);
    assert!(to_files(&again.raw).unwrap() == files, "not stable");
}

/// Characters that TOML must escape, that a reader cannot see, or that need more than one
/// UTF-16 unit; and the characters TOML's syntax is made of.
fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::sample::select(vec![
            '"', '\\', '\'', '\n', '\r', '\t', '\u{0}', '\u{1}', '\u{8}', '\u{c}', '\u{1b}',
            '\u{1f}', '\u{7f}', '\u{85}', '\u{a0}', '\u{200b}', '\u{200d}', '\u{2028}',
            '\u{2029}', '\u{202e}', '\u{feff}', '\u{fffd}', '😀', '👨', '\u{e0100}', '#', '=',
            '[', ']', '{', '}', ',', '.', ' ', 'a', 'あ', '漢', '（', '）', '「', '」',
        ]),
        1 => any::<char>(),
    ]
}

fn hostile_string() -> impl Strategy<Value = String> {
    prop::collection::vec(hostile_char(), 0..40).prop_map(|cs| cs.into_iter().collect())
}

fn mini() -> &'static RawBundle {
    static RAW: std::sync::OnceLock<RawBundle> = std::sync::OnceLock::new();
    RAW.get_or_init(|| load::load(Path::new(FIXTURE)).unwrap().raw)
}

/// `s` with a visible character first, so a required text is never blank.
fn shown(s: &str) -> String {
    format!("x{s}")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: Some(Box::new(proptest::test_runner::FileFailurePersistence::WithSource("proptest-regressions"))), ..ProptestConfig::default() })]

    /// Any string, in any text field, reads back as itself (parsed, not validated: a random
    /// quote is not in the text).
    #[test]
    fn any_text_reads_back_as_itself(
        texts in prop::collection::vec(hostile_string(), 12),
        evidence in prop::collection::vec(hostile_string(), 0..4),
    ) {
        let mut raw = mini().clone();
        raw.title = Some(texts[0].clone());
        raw.description = Some(texts[1].clone());
        raw.municipality.as_mut().unwrap().name = Some(texts[2].clone());
        raw.sources[0].title = Some(texts[3].clone());
        raw.sources[0].text = Some(texts[4].clone());
        let list = &mut raw.checklists[0];
        list.respondent = Some(texts[5].clone());
        list.profile[0].help = Some(texts[6].clone());
        let item = &mut list.sections[0].items[0];
        item.text = Some(texts[7].clone());
        item.guidance = Some(texts[8].clone());
        item.when = Some(texts[9].clone());
        item.cite[0].quote = Some(texts[10].clone());
        item.cite[0].note = Some(texts[11].clone());
        item.evidence = evidence;

        let files = to_files(&raw).unwrap();
        let mut parsed = bundle::parse_toml(&files.toml)
            .unwrap_or_else(|p| panic!("{p:?}\n{}", files.toml));
        prop_assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        parsed.resolve_sources(|name| {
            files.sources.iter().find(|(n, _)| n == name).map(|(_, t)| t.clone()).ok_or_else(|| format!("no {name}"))
        });
        prop_assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        prop_assert_eq!(parsed.raw.to_canonical_json().unwrap(), raw.to_canonical_json().unwrap());
    }

    /// A valid bundle with such texts, written to a folder and loaded as the CLI loads it,
    /// is the same bundle with the same SHA-256.
    #[test]
    fn a_valid_bundle_with_any_text_has_the_same_hash(
        texts in prop::collection::vec(hostile_string(), 6),
    ) {
        let mut raw = mini().clone();
        raw.title = Some(shown(&texts[0]));
        raw.description = Some(shown(&texts[1]));
        let source = raw.sources[0].text.clone().unwrap();
        // after the last article, where no quote is sought; no 条 header can be formed
        let tail: String = texts[2].chars().filter(|c| !matches!(c, '第' | '条')).collect();
        raw.sources[0].text = Some(format!("{source}\n{tail}"));
        let item = &mut raw.checklists[0].sections[0].items[0];
        item.text = Some(shown(&texts[3]));
        item.guidance = Some(shown(&texts[4]));
        item.cite[0].note = Some(shown(&texts[5]));
        let expected = raw.to_canonical_json().unwrap();
        prop_assume!(bundle::validate(&raw).is_ok());

        let files = to_files(&raw).unwrap();
        let scratch = Scratch::new("prop");
        scratch.write(&files);
        let again = load::load(&scratch.0).unwrap_or_else(|p| panic!("{p:?}\n{}", files.toml));
        prop_assert_eq!(again.raw.to_canonical_json().unwrap(), expected.clone());
        prop_assert_eq!(again.validated.bundle.hash, sha256_hex(&expected));
    }
}
