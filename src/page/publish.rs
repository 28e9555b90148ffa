//! A municipality's own tenken file: 情報担当課's file (tenken-kanri.html) writes the 課長's
//! file with the bundles 情報担当課 chose built in, and the publisher's key and the bundles'
//! signatures.
//!
//! 情報担当課's file carries the 課長's page as the build made it ([`CarriedPage`]: Trunk's
//! page, the loader script byte for byte so its CSP hash holds, the app script's hash; and the
//! compressed app),
//! and the copy is made by the same [`single_file`] the build uses. It therefore has the
//! same guarantees as the built file: one file, zero requests, the same CSP.

use serde::{Deserialize, Serialize};

use super::assemble::{Code, PageError, Summaries, single_file};
use super::bytes::{decode_8bit, encode_8bit};
use super::html::{ascii_js, script_safe_json};
use super::{Codec, KACHO_APP_ID, KACHO_PAGE_ID};
use crate::core::bundle::{self, Summary};
use crate::core::problem::Problems;
use crate::core::sign::{BundleSignature, Publisher, fingerprint_of};

/// What a published file carries besides its bundles (the `#tenken-publishing` element).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Publishing {
    /// The publishers whose signatures this file trusts (情報担当課's key).
    #[serde(default)]
    pub publishers: Vec<Publisher>,
    /// For each built-in bundle, in order, its signature (or `None`).
    #[serde(default)]
    pub signatures: Vec<Option<BundleSignature>>,
    /// The built-in bundles (by index) that are tenken's samples, included as such.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub samples: Vec<usize>,
}

/// A bundle to build into a published file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Its canonical JSON.
    pub canonical: Vec<u8>,
    /// 情報担当課's signature over it, if signed.
    pub signature: Option<BundleSignature>,
    /// Whether it is one of tenken's samples (shown as such, not as the municipality's).
    pub sample: bool,
}

/// What a published file embeds: the bundles (a JSON array, canonical JSON each), their
/// summaries, and the publishing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Contents {
    /// The JSON array of bundles (to be gzipped).
    pub bundles: String,
    /// The JSON array of their summaries.
    pub summaries: String,
    /// Publishers and signatures.
    pub publishing: Publishing,
}

/// Puts `entries` in a published file's order (as given; a later bundle with the same id
/// replaces an earlier one) with `publishers` carried (each key once).
pub fn contents(entries: &[Entry], publishers: &[Publisher]) -> Result<Contents, Problems> {
    let mut kept: Vec<(&Entry, String, Summary)> = Vec::new();
    for e in entries {
        let parsed = bundle::parse_json(&e.canonical)?;
        let id = parsed.raw.id.clone().unwrap_or_default();
        let summary = Summary::of(&parsed.raw);
        kept.retain(|(_, other, _)| *other != id);
        kept.push((e, id, summary));
    }
    let mut carried: Vec<Publisher> = Vec::new();
    for p in publishers {
        let fp = fingerprint_of(&p.public_key).ok();
        if fp.is_some()
            && !carried
                .iter()
                .any(|c| fingerprint_of(&c.public_key).ok() == fp)
        {
            carried.push(p.clone());
        }
    }
    let bundles = format!(
        "[{}]",
        kept.iter()
            .map(|(e, _, _)| String::from_utf8_lossy(&e.canonical).into_owned())
            .collect::<Vec<_>>()
            .join(",")
    );
    let summaries: Vec<&Summary> = kept.iter().map(|(_, _, s)| s).collect();
    Ok(Contents {
        bundles,
        summaries: serde_json::to_string(&summaries).unwrap_or_else(|_| "[]".into()),
        publishing: Publishing {
            publishers: carried,
            signatures: kept.iter().map(|(e, _, _)| e.signature.clone()).collect(),
            samples: kept
                .iter()
                .enumerate()
                .filter(|(_, (e, _, _))| e.sample)
                .map(|(i, _)| i)
                .collect(),
        },
    })
}

/// The published file's name: `tenken_<自治体>.html`.
pub fn file_name(municipality: &str) -> String {
    format!("tenken_{}.html", crate::core::name::file_safe(municipality))
}

/// The 課長's page as 情報担当課's file carries it, from which a municipality's own
/// tenken.html is made: Trunk's page, the loader script and the app script's hash, as JSON in
/// the `#tenken-kacho-page` element (the compressed app is beside it, in
/// `#tenken-kacho-app-lzma`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CarriedPage {
    /// Trunk's `index.html`, as the build gave it to [`single_file`].
    pub index: String,
    /// The loader's text (the inline module script: LZMA decoder and bootstrap), byte for
    /// byte.
    pub loader: String,
    /// The CSP source of the app's script inside the compressed app
    /// ([`super::assemble::app_blob`]).
    pub app_hash: String,
    /// The CSP source of the style sheet that script adds ([`super::assemble::app_script`]).
    pub style_hash: String,
}

/// The 課長's page 情報担当課's file carries: [`CarriedPage`] and its compressed app.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RunningPage {
    /// The page and its loader.
    pub page: CarriedPage,
    /// The text of the `#tenken-kacho-app-lzma` element (see [`super::bytes`]).
    pub app_text: String,
    /// The compressed app's length (its `data-length`).
    pub app_length: usize,
}

/// The elements that carry the 課長's page inside 情報担当課's file (inserted by
/// [`single_file`]'s `carried` argument): its [`CarriedPage`] as JSON, and its app as an
/// `.lzma` stream.
pub fn carried_elements(page: &CarriedPage, app_lzma: &[u8]) -> String {
    let json = serde_json::to_string(page).unwrap_or_default();
    format!(
        "<script type=\"application/json\" id=\"{KACHO_PAGE_ID}\">{}</script>\n\
         <script type=\"application/octet-stream\" id=\"{KACHO_APP_ID}\" data-length=\"{}\">{}</script>\n",
        ascii_js(&script_safe_json(&json)),
        app_lzma.len(),
        encode_8bit(app_lzma),
    )
}

/// Makes the 課長's single file from the carried `page`, with `bundles_gz` (a gzipped JSON
/// array of canonical bundles), their `summaries` (a JSON array) and `publishing`: what the
/// build makes, with other bundles.
pub fn republish(
    page: &RunningPage,
    bundles_gz: &[u8],
    summaries: &str,
    publishing: &Publishing,
) -> Result<Vec<u8>, PageError> {
    let app =
        decode_8bit(&page.app_text, page.app_length).ok_or(PageError::Index("the embedded app"))?;
    let publishing = if publishing == &Publishing::default() {
        String::new()
    } else {
        serde_json::to_string(publishing).unwrap_or_default()
    };
    single_file(
        &page.page.index,
        Code {
            loader: &page.page.loader,
            app_hash: &page.page.app_hash,
            style_hash: &page.page.style_hash,
            app_lzma: &app,
        },
        (bundles_gz, Codec::Gzip),
        Summaries::plain(summaries),
        &publishing,
        "",
    )
}

#[cfg(test)]
mod tests {
    use super::super::bytes::char_of_byte;
    use super::super::html::elements;
    use super::super::{APP_ID, BUNDLES_PACKED_ID, PUBLISHING_ID};
    use super::*;
    use super::{KACHO_APP_ID, KACHO_PAGE_ID};

    const BOOT: &str = "<div id=\"tenken-boot\" role=\"status\"><p>読み込んでいます…</p></div>";

    fn index() -> String {
        format!(
            "<!doctype html>\n<html lang=\"ja\">\n<head>\n<meta charset=\"utf-8\">\n<title>tenken — 点検</title>\n<style>p{{}}</style>\n</head>\n<body>\n{BOOT}\n</body>\n</html>\n"
        )
    }

    /// 情報担当課's file carrying the 課長's page with `app` (and an app of its own).
    fn kanri(app: &[u8]) -> Vec<u8> {
        let carried = CarriedPage {
            index: index(),
            loader: "init()".into(),
            app_hash: "'sha256-kacho'".into(),
            style_hash: "'sha256-style'".into(),
        };
        single_file(
            &index(),
            Code {
                loader: "kanri()",
                app_hash: "'sha256-kanri'",
                style_hash: "",
                app_lzma: b"kanri app",
            },
            (b"gz", Codec::Gzip),
            Summaries::plain("[]"),
            "",
            &carried_elements(&carried, app),
        )
        .expect("kanri")
    }

    /// What the app reads of 情報担当課's file: the text a browser gives of the carried
    /// elements (a windows-1252 page).
    fn running(built: &[u8]) -> RunningPage {
        let text: String = built.iter().map(|&b| char_of_byte(b)).collect();
        let (_, json) = elements(&text, "script", &format!("id=\"{KACHO_PAGE_ID}\""))[0];
        assert!(json.is_ascii());
        let (_, app_text) = elements(&text, "script", &format!("id=\"{KACHO_APP_ID}\""))[0];
        let length = text
            .split(&format!("id=\"{KACHO_APP_ID}\" data-length=\""))
            .nth(1)
            .and_then(|r| r.split('"').next())
            .and_then(|n| n.parse().ok())
            .expect("length");
        RunningPage {
            page: serde_json::from_str(json).expect("carried page"),
            app_text: app_text.to_string(),
            app_length: length,
        }
    }

    #[test]
    fn the_kacho_file_made_from_the_kanri_file_is_the_built_kacho_file() {
        let wasm = [0u8, 13, b'<', 1, 0x80, 0x9f, 0xff, 42];
        let built = single_file(
            &index(),
            Code {
                loader: "init()",
                app_hash: "'sha256-kacho'",
                style_hash: "'sha256-style'",
                app_lzma: &wasm,
            },
            (b"gz", Codec::Gzip),
            Summaries::plain("[]"),
            "",
            "",
        )
        .expect("built");
        let copy =
            republish(&running(&kanri(&wasm)), b"gz", "[]", &Publishing::default()).expect("copy");
        assert_eq!(
            String::from_utf8_lossy(&copy),
            String::from_utf8_lossy(&built)
        );
        // the 課長's file carries nothing of 情報担当課's
        assert!(!String::from_utf8_lossy(&copy).contains(KACHO_PAGE_ID));
    }

    #[test]
    fn a_published_copy_carries_new_bundles_and_the_publisher() {
        let publishing = Publishing {
            publishers: vec![Publisher {
                name: "御所市 デジタル推進課".into(),
                public_key: "RWQkey".into(),
            }],
            signatures: vec![None],
            samples: vec![],
        };
        let copy = republish(
            &running(&kanri(b"wasm")),
            b"new",
            "[{\"id\":\"gose\"}]",
            &publishing,
        )
        .expect("copy");
        let text: String = copy.iter().map(|&b| char_of_byte(b)).collect();
        assert!(text.contains(&format!(
            "id=\"{BUNDLES_PACKED_ID}\" data-codec=\"gzip\" data-length=\"3\">new<"
        )));
        assert!(text.contains(&format!("id=\"{APP_ID}\" data-length=\"4\">wasm<")));
        let (_, carried) = elements(&text, "script", &format!("id=\"{PUBLISHING_ID}\""))[0];
        assert!(carried.is_ascii());
        let back: Publishing = serde_json::from_str(carried).expect("json");
        assert_eq!(back, publishing);
        // the same CSP as the built file: one module (the 課長's), no network
        assert!(text.contains("connect-src 'none'"));
        let modules = elements(&text, "script", "type=\"module\"");
        assert_eq!(modules.len(), 1);
        assert_eq!(modules[0].1, "init()");
        // and the 課長's app script, not 情報担当課's
        assert!(text.contains("script-src 'sha256-") && text.contains("'sha256-kacho'"));
        assert!(!text.contains("'sha256-kanri'"));
    }

    #[test]
    fn a_damaged_page_is_refused() {
        let mut page = running(&kanri(b"wasm"));
        page.app_length += 1;
        assert!(republish(&page, b"", "[]", &Publishing::default()).is_err());
        let mut page = running(&kanri(b"wasm"));
        page.page.index = "<p>no body</p>".into();
        assert!(republish(&page, b"", "[]", &Publishing::default()).is_err());
    }

    fn mini(version: &str) -> Vec<u8> {
        let mut parsed = bundle::parse_toml(include_str!("../../tests/fixtures/mini/bundle.toml"))
            .expect("toml");
        parsed.resolve_sources(|_| {
            Ok(include_str!("../../tests/fixtures/mini/source.txt").to_string())
        });
        parsed.raw.version = Some(version.into());
        parsed.raw.to_canonical_json().expect("json")
    }

    #[test]
    fn contents_keep_one_bundle_per_id_with_its_signature_and_the_samples_marked() {
        let key = crate::core::sign::generate("kumo no ue no sora 2026", &Default::default())
            .expect("key");
        let publisher = Publisher {
            name: "御所市".into(),
            public_key: key.public_key.clone(),
        };
        let sig = BundleSignature {
            publisher: "御所市".into(),
            signature: "sig".into(),
            public_key: key.public_key.clone(),
        };
        let entries = [
            Entry {
                canonical: mini("2015-10-05"),
                signature: None,
                sample: true,
            },
            Entry {
                canonical: mini("2016-04-01"),
                signature: Some(sig.clone()),
                sample: false,
            },
        ];
        let c = contents(&entries, &[publisher.clone(), publisher.clone()]).expect("contents");
        // the later bundle with the same id replaces the earlier
        let list: Vec<serde_json::Value> = serde_json::from_str(&c.bundles).expect("array");
        assert_eq!(list.len(), 1);
        assert_eq!(list[0]["version"], "2016-04-01");
        assert_eq!(c.publishing.signatures, vec![Some(sig)]);
        assert!(c.publishing.samples.is_empty());
        assert_eq!(c.publishing.publishers, vec![publisher]);
        let summaries: Vec<serde_json::Value> = serde_json::from_str(&c.summaries).expect("array");
        assert_eq!(summaries[0]["version"], "2016-04-01");
        // a junk key is not carried; a bundle that is not one is refused
        let junk = Publisher {
            name: "x".into(),
            public_key: "RWQ".into(),
        };
        let c = contents(&entries[..1], &[junk]).expect("contents");
        assert!(c.publishing.publishers.is_empty());
        assert_eq!(c.publishing.samples, vec![0]);
        assert!(
            contents(
                &[Entry {
                    canonical: b"{}".to_vec(),
                    signature: None,
                    sample: false
                }],
                &[]
            )
            .is_err()
        );
        assert_eq!(file_name("御所市"), "tenken_御所市.html");
    }
}
