//! Reading bundles from disk for the command-line tools: the only file I/O around the core.

use crate::core::message::Message;
use std::path::{Path, PathBuf};

use crate::core::bundle::{self, MAX_BUNDLE_BYTES, MAX_SOURCE_BYTES, RawBundle, Validated};
use crate::core::sign::BundleSignature;
use crate::core::{Problem, ProblemKind, Problems};

/// A bundle read from disk and validated, with its compiled wire form.
pub struct Loaded {
    /// Where it was read from (the bundle.toml or .json file).
    pub file: PathBuf,
    /// The validated bundle and its warnings.
    pub validated: Validated,
    /// The compiled form (source texts embedded).
    pub raw: RawBundle,
    /// 情報担当課's signature, when the file is a signed bundle file
    /// (`tenken-signed-bundle/1`): read, not yet checked (see
    /// [`BundleSignature::verify_with`]).
    pub signature: Option<BundleSignature>,
}

/// Reads a file, refusing files larger than `max` bytes before reading them (and reading
/// at most `max + 1` bytes, should the file grow or not be a regular file).
pub fn read_bytes(path: &Path, max: usize) -> Result<Vec<u8>, ProblemKind> {
    use std::io::Read;
    let file_error = |e: std::io::Error| ProblemKind::File {
        name: path.display().to_string(),
        message: e.to_string(),
    };
    let file = std::fs::File::open(path).map_err(file_error)?;
    let size = file.metadata().map_err(file_error)?.len();
    let too_large = |size: u64| ProblemKind::TooLarge {
        size: usize::try_from(size).unwrap_or(usize::MAX),
        max,
    };
    if size > max as u64 {
        return Err(too_large(size));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(size).unwrap_or(0).min(max));
    file.take(max as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(file_error)?;
    if bytes.len() > max {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// Reads a file as UTF-8 text, refusing files larger than `max` before reading them.
pub fn read_text(path: &Path, max: usize) -> Result<String, ProblemKind> {
    let bytes = read_bytes(path, max)?;
    String::from_utf8(bytes).map_err(|_| ProblemKind::NotUtf8)
}

/// The bundle file a path names: a directory means its `bundle.toml`.
pub fn bundle_file(path: &Path) -> PathBuf {
    if path.is_dir() {
        path.join("bundle.toml")
    } else {
        path.to_path_buf()
    }
}

/// Reads and validates a bundle: a directory, its bundle.toml, or a `.json` bundle file —
/// compiled, or signed by 情報担当課 (`<id>_<version>.tenken-bundle.json`), read by the one
/// reader the app uses too ([`bundle::parse_json_signed`]).
pub fn load(path: &Path) -> Result<Loaded, Problems> {
    let file = bundle_file(path);
    let one = |kind: ProblemKind| Problems(vec![Problem::error("", kind)]);
    let is_json = file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("json"));
    let (parsed, signature) = if is_json {
        crate::core::picked::parse_json_signed(
            &read_bytes(&file, crate::core::picked::MAX_BUNDLE_FILE_BYTES).map_err(one)?,
        )?
    } else {
        let text = read_text(&file, MAX_BUNDLE_BYTES).map_err(one)?;
        let dir = file.parent().unwrap_or(Path::new("."));
        let mut parsed = bundle::parse_toml(&text)?;
        parsed.resolve_sources(|name| match read_text(&dir.join(name), MAX_SOURCE_BYTES) {
            Ok(text) => Ok(text),
            Err(ProblemKind::File { message, .. }) => Err(message),
            Err(other) => Err(other.message_ja()),
        });
        (parsed, None)
    };
    let raw = parsed.raw.clone();
    let validated = parsed.validate()?;
    Ok(Loaded {
        file,
        validated,
        raw,
        signature,
    })
}
