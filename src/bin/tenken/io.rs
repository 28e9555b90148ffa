//! Files and the clock, for the commands: sizes checked before reading, nothing overwritten
//! by accident, "now" from the system clock or `TENKEN_NOW` (Unix seconds, for reproducible
//! runs and tests).

use std::path::Path;

use tenken::core::date::{Date, today_jst};
use tenken::load;

use crate::error::CliError;

/// The current time, as Unix seconds: `TENKEN_NOW` if set, else the system clock.
pub fn unix_now() -> u64 {
    if let Some(now) = std::env::var("TENKEN_NOW")
        .ok()
        .and_then(|t| t.trim().parse().ok())
    {
        return now;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0)
}

/// Today in Japan.
pub fn today() -> Date {
    today_jst(unix_now())
}

/// A `YYYY-MM-DD` option.
pub fn date_arg(flag: &str, value: &str) -> Result<Date, CliError> {
    Date::parse_iso(value).ok_or_else(|| CliError::date(flag, value))
}

/// A file's bytes, refused above `max` before reading.
pub fn read_bytes(path: &Path, max: usize) -> Result<Vec<u8>, CliError> {
    load::read_bytes(path, max).map_err(|k| CliError::at(path, &k))
}

/// A file's text, refused above `max` before reading.
pub fn read_text(path: &Path, max: usize) -> Result<String, CliError> {
    load::read_text(path, max).map_err(|k| CliError::at(path, &k))
}

/// Writes `bytes` to `path`.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), CliError> {
    std::fs::write(path, bytes).map_err(|e| CliError::write(path, &e))
}

/// Refuses a path that exists already, unless `force`.
pub fn refuse_existing(path: &Path, force: bool) -> Result<(), CliError> {
    if path.exists() && !force {
        return Err(CliError::failed(
            format!("{} は既にあります（上書きは --force）", path.display()),
            format!("{} already exists (use --force)", path.display()),
        ));
    }
    Ok(())
}

/// Writes a new file; an existing one is kept unless `force`.
pub fn write_new(path: &Path, text: &str, force: bool) -> Result<(), CliError> {
    refuse_existing(path, force)?;
    write(path, text.as_bytes())
}
