//! What can stop a command, in both languages: wrong usage (exit status 2) or a failure
//! (exit status 1). Every core error converts into it with `?`.

use std::fmt;
use std::path::Path;

use tenken::core::Message;
use tenken::core::problem::{Problem, ProblemKind, Problems};
use tenken::core::sign::SignError;

/// How a command failed.
#[derive(Debug)]
pub enum CliError {
    /// The command line is wrong (exit status 2).
    Usage { ja: String, en: String },
    /// The command could not do its work (exit status 1).
    Failed { ja: String, en: String },
}

impl CliError {
    /// A usage error.
    pub fn usage(ja: impl Into<String>, en: impl Into<String>) -> CliError {
        CliError::Usage {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// A failure.
    pub fn failed(ja: impl Into<String>, en: impl Into<String>) -> CliError {
        CliError::Failed {
            ja: ja.into(),
            en: en.into(),
        }
    }

    /// A failure about a file.
    pub fn at(path: &Path, m: &impl Message) -> CliError {
        CliError::failed(
            format!("{}: {}", path.display(), m.message_ja()),
            format!("{}: {}", path.display(), m.message_en()),
        )
    }

    /// A file that could not be written.
    pub fn write(path: &Path, e: &std::io::Error) -> CliError {
        CliError::failed(
            format!("{} に書き込めません（{e}）", path.display()),
            format!("cannot write {}: {e}", path.display()),
        )
    }

    /// A date option not written as `YYYY-MM-DD`.
    pub fn date(flag: &str, value: &str) -> CliError {
        CliError::usage(
            format!("{flag} は YYYY-MM-DD で指定してください（{value}）"),
            format!("{flag} must be YYYY-MM-DD: {value}"),
        )
    }

    /// The exit status.
    pub fn code(&self) -> u8 {
        match self {
            CliError::Usage { .. } => 2,
            CliError::Failed { .. } => 1,
        }
    }
}

impl Message for CliError {
    fn message_ja(&self) -> String {
        match self {
            CliError::Usage { ja, .. } | CliError::Failed { ja, .. } => ja.clone(),
        }
    }

    fn message_en(&self) -> String {
        match self {
            CliError::Usage { en, .. } | CliError::Failed { en, .. } => en.clone(),
        }
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.both())
    }
}

impl From<SignError> for CliError {
    fn from(e: SignError) -> CliError {
        CliError::failed(e.message_ja(), e.message_en())
    }
}

impl From<Problems> for CliError {
    fn from(p: Problems) -> CliError {
        CliError::failed(p.message_ja(), p.message_en())
    }
}

impl From<Problem> for CliError {
    fn from(p: Problem) -> CliError {
        Problems(vec![p]).into()
    }
}

impl From<ProblemKind> for CliError {
    fn from(k: ProblemKind) -> CliError {
        CliError::failed(k.message_ja(), k.message_en())
    }
}
