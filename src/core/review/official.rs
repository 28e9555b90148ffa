//! 「この町の規則を公式とする」: the bundles this tenken file publishes, which 集計 pins in one
//! click.
//!
//! Two places hold them. A published file embeds the municipality's own bundles (its
//! built-in bundles that are not tenken's samples; the UI knows each one's provenance).
//! tenken-kanri.html, from which the town publishes, keeps with each 規則エディタ project the
//! bundle 公開 last signed ([`crate::core::last_published`]): those are the bundles the town's
//! published file carries. Browser storage is input, not truth (see [`crate::core::seal`]):
//! a kept bundle is pinned only when its signature holds under this browser's 情報担当課
//! key, and it is pinned whole, validated as a bundle file is.

use crate::core::Bundle;
use crate::core::bundle::from_value;
use crate::core::canonical::value_to_canonical_json;
use crate::core::message::Message;
use crate::core::problem_words::sentences_ja;
use crate::core::sign::{SignError, SignedBundle, verify_detached};

/// The label of the button that pins the town's bundles.
pub const TOWN_LABEL: &str = "この町の規則を公式とする";

/// Why the bundles 公開 signed in this browser cannot be pinned without a key to check them.
pub const NO_OFFICE_KEY: &str = "この PC で公開した規則の署名を確かめる情報担当課の鍵が、このブラウザーにありません。署名した規則ファイルを開いてください。";

/// The official bundles in one line: 「公式の規則: 〇〇 ほか 1 件」, or that none is chosen
/// (results are then read as they claim).
pub fn line_ja(titles: &[&str]) -> String {
    match titles {
        [] => "公式の規則: 選ばれていません（結果の内容は確認しません）".into(),
        [one] => format!("公式の規則: {one}"),
        [first, rest @ ..] => format!("公式の規則: {first} ほか {} 件", rest.len()),
    }
}

/// The bundles of `kept` (the bundle 公開 last signed, per project) that `public_key` (this
/// browser's 情報担当課 key) signed, each validated whole and listed once (by hash), in the
/// order given; and, for each one that is not, why, in Japanese.
pub fn published(kept: &[SignedBundle], public_key: &str) -> (Vec<Bundle>, Vec<String>) {
    let mut bundles: Vec<Bundle> = Vec::new();
    let mut refused = Vec::new();
    for signed in kept {
        let name = label(signed);
        match read(signed, public_key) {
            Ok(b) => {
                if !bundles.iter().any(|x| x.hash == b.hash) {
                    bundles.push(b);
                }
            }
            Err(why) => refused.push(format!("{name}: {why}")),
        }
    }
    (bundles, refused)
}

/// 「<id> <version>」 as the signed bundle names itself (for messages only).
fn label(signed: &SignedBundle) -> String {
    let field = |k: &str| {
        signed
            .bundle
            .get(k)
            .and_then(serde_json::Value::as_str)
            .unwrap_or_default()
            .chars()
            .filter(|c| !c.is_control())
            .take(40)
            .collect::<String>()
    };
    format!("{} {}", field("id"), field("version"))
}

/// One kept bundle, checked and validated.
fn read(signed: &SignedBundle, public_key: &str) -> Result<Bundle, String> {
    let canonical = value_to_canonical_json(&signed.bundle)
        .map_err(|_| SignError::BadSignature)
        .and_then(|bytes| verify_detached(&bytes, &signed.signature, public_key).map(|_| bytes))
        .map_err(|e| {
            format!(
                "この PC の情報担当課の鍵の署名を確かめられないため、公式にしません（{}）",
                e.message_ja()
            )
        })?;
    let validated = from_value(signed.bundle.clone())
        .and_then(|parsed| parsed.validate())
        .map_err(|p| format!("規則として読めません（{}）", sentences_ja(None, &p)))?;
    // the bundle pinned is the one signed: its hash is the signed bytes'
    if validated.bundle.hash != crate::core::canonical::sha256_hex(&canonical) {
        return Err("署名した内容と規則が一致しません".into());
    }
    Ok(validated.bundle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::bundle::mini_bundle;
    use crate::core::sign::{Owner, UnlockedKey, generate};

    const PASS: &str = "kumo no ue no sora 2026";

    fn key() -> UnlockedKey {
        let k = generate(PASS, &Owner::default()).expect("key");
        UnlockedKey::unlock(&k.secret_key_file, PASS).expect("unlock")
    }

    /// The test bundle's canonical JSON, as 公開 signs it.
    fn canonical() -> Vec<u8> {
        let mut parsed = crate::core::bundle::parse_toml(include_str!(
            "../../../tests/fixtures/mini/bundle.toml"
        ))
        .expect("toml");
        parsed.resolve_sources(|_| {
            Ok(include_str!("../../../tests/fixtures/mini/source.txt").to_string())
        });
        parsed.raw.to_canonical_json().expect("json")
    }

    #[test]
    fn the_official_bundles_read_in_one_line() {
        assert_eq!(
            line_ja(&[]),
            "公式の規則: 選ばれていません（結果の内容は確認しません）"
        );
        assert_eq!(line_ja(&["広陵町 委託"]), "公式の規則: 広陵町 委託");
        assert_eq!(line_ja(&["a", "b", "c"]), "公式の規則: a ほか 2 件");
    }

    #[test]
    fn the_town_bundles_are_those_this_browsers_office_key_signed() {
        let office = key();
        let stranger = key();
        let bytes = canonical();
        let ours = SignedBundle::sign(&bytes, "広陵町 総務課", &office, 1).expect("sign");
        let theirs = SignedBundle::sign(&bytes, "誰か", &stranger, 1).expect("sign");
        let mut changed = ours.clone();
        changed.bundle["title"] = "書き換えた題名".into();

        let (pinned, refused) =
            published(&[ours.clone(), theirs, changed, ours], &office.public_key());
        // exactly the bundle the office signed, once, whole
        assert_eq!(pinned.len(), 1);
        assert_eq!(pinned[0].hash, crate::core::canonical::sha256_hex(&bytes));
        assert_eq!(pinned[0].title, mini_bundle().title);
        assert!(pinned[0].checklist("tenken").is_some());
        // another key's, and one changed since it was signed, are not pinned, with why
        assert_eq!(refused.len(), 2, "{refused:?}");
        assert!(
            refused
                .iter()
                .all(|r| r.starts_with("mini 2015-10-05: ") && r.contains("署名を確かめられない")),
            "{refused:?}"
        );
        // no key in this browser: nothing is pinned
        assert!(published(&[], &office.public_key()).0.is_empty());
    }
}
