//! One way to say what went wrong (or what happened), in both languages tenken speaks:
//! every error and notice kind implements [`Message`]. Screens show the Japanese; the
//! command line prints both; logs and tests may use either.

/// A message in Japanese and English.
pub trait Message {
    /// The message in Japanese (what screens show).
    fn message_ja(&self) -> String;

    /// The message in English.
    fn message_en(&self) -> String;

    /// 「日本語 / English」, as the command line prints it.
    fn both(&self) -> String {
        format!("{} / {}", self.message_ja(), self.message_en())
    }
}
