//! The server's log lines, in the language `antq serve` was started with (`--lang`,
//! ANTQ_LANG, the settings file): the people who read them are the province's IT staff.

use std::sync::OnceLock;

use crate::i18n::Lang;
use crate::remote::limits;

static LANG: OnceLock<Lang> = OnceLock::new();

/// Sets the log's language once, when the server starts.
pub(super) fn set_lang(lang: Lang) {
    let _ = LANG.set(lang);
}

pub(super) fn lang() -> Lang {
    LANG.get().copied().unwrap_or(Lang::Vi)
}

/// A line's severity, as journald reads it from a `<N>` prefix.
#[derive(Clone, Copy)]
pub(super) enum Level {
    Error = 3,
    Warning = 4,
    Info = 6,
}

/// One log line, the Vietnamese or the English text; anything in it a client sent has its
/// control characters escaped.
pub(super) fn log(vi: &str, en: &str) {
    log_at(Level::Info, vi, en);
}

/// A line with its severity (`<6>`). Under journald (JOURNAL_STREAM set) the journal stamps
/// the time itself; elsewhere the line starts with an RFC 3339 time with its offset.
pub(super) fn log_at(level: Level, vi: &str, en: &str) {
    let msg = limits::escape(lang().pick(vi, en));
    let level = level as u8;
    if std::env::var_os("JOURNAL_STREAM").is_some() {
        eprintln!("<{level}>antq serve: {msg}");
        return;
    }
    let now = jiff::Timestamp::now()
        .to_zoned(jiff::tz::TimeZone::fixed(crate::domain::date::vn_offset()));
    eprintln!(
        "<{level}>{} antq serve: {msg}",
        now.strftime("%Y-%m-%dT%H:%M:%S%:z")
    );
}

/// A log line of a kind that a hostile client could repeat: at most 20 per 10 s, with the
/// number held back.
pub(super) fn log_limited(l: &limits::LogLimiter, kind: &'static str, vi: &str, en: &str) {
    if let Some(held) = l.allow(kind) {
        match held {
            0 => log_at(Level::Warning, vi, en),
            n => log_at(
                Level::Warning,
                &format!("{vi} (và {n} dòng như thế từ dòng trước)"),
                &format!("{en} (and {n} more like it since the last such line)"),
            ),
        }
    }
}
