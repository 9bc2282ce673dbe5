//! The user's settings file, `$XDG_CONFIG_HOME/antq/config` (`~/.config/antq/config`), in TOML:
//!
//! ```toml
//! lang = "en"          # "vi" or "en"
//! ascii = true
//! socket = "/run/antq/antq.sock"
//! ```
//!
//! Flags and environment variables win over it. An unknown key or a bad value is an error that
//! names the line, so a typo is never silently ignored.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;
use crate::i18n::Lang;

#[derive(Debug, Default, PartialEq)]
pub struct Config {
    pub lang: Option<Lang>,
    pub ascii: bool,
    /// The server's socket; plain `antq` connects to it when it exists.
    pub socket: Option<PathBuf>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "lowercase")]
enum LangValue {
    Vi,
    En,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    lang: Option<LangValue>,
    ascii: Option<bool>,
    socket: Option<PathBuf>,
}

impl Config {
    pub fn path() -> PathBuf {
        std::env::var_os("XDG_CONFIG_HOME")
            .filter(|v| !v.is_empty())
            .map(PathBuf::from)
            .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".config")))
            .unwrap_or_else(|| PathBuf::from("."))
            .join("antq")
            .join("config")
    }

    /// The settings file, or the defaults when there is none. A file this user may not reach
    /// (another account's home, as after `su` without `-`) is not theirs: the defaults apply.
    pub fn load() -> Result<Config, Error> {
        use std::io::ErrorKind::{NotFound, PermissionDenied};
        use std::io::Read;
        let path = Self::path();
        // A regular file of a few lines: never a device (/dev/zero) or a FIFO that would be
        // read forever or hang.
        const MAX: u64 = 64 << 10;
        let meta = match std::fs::metadata(&path) {
            Ok(m) => m,
            Err(e) if matches!(e.kind(), NotFound | PermissionDenied) => {
                return Ok(Config::default())
            }
            Err(e) => return Err(bad(&path, 0, &e.to_string())),
        };
        if !meta.is_file() {
            return Err(bad(
                &path,
                0,
                "is not a regular file; the settings are a small text file (lang, ascii, socket)",
            ));
        }
        let mut text = String::new();
        let read =
            std::fs::File::open(&path).and_then(|f| f.take(MAX + 1).read_to_string(&mut text));
        match read {
            Ok(n) if n as u64 > MAX => Err(bad(
                &path,
                0,
                "is larger than 64 KB; the settings are a few lines",
            )),
            Ok(_) => Self::parse(&text).map_err(|(line, why)| bad(&path, line, &why)),
            Err(e) if matches!(e.kind(), NotFound | PermissionDenied) => Ok(Config::default()),
            Err(e) => Err(bad(&path, 0, &e.to_string())),
        }
    }

    /// The settings in `text`, or the line (1-based; 0 for the whole file) and what is wrong.
    pub fn parse(text: &str) -> Result<Config, (usize, String)> {
        let f: File = toml::from_str(text).map_err(|e| {
            // Counted in bytes: a span need not fall on a character boundary of a hand-edited file.
            let line = e.span().map_or(0, |s| {
                let upto = &text.as_bytes()[..s.start.min(text.len())];
                upto.iter().filter(|&&b| b == b'\n').count() + 1
            });
            (line, e.message().trim().to_string())
        })?;
        Ok(Config {
            lang: f.lang.map(|l| match l {
                LangValue::Vi => Lang::Vi,
                LangValue::En => Lang::En,
            }),
            ascii: f.ascii.unwrap_or(false),
            socket: f.socket.filter(|p| !p.as_os_str().is_empty()),
        })
    }
}

fn bad(path: &Path, line: usize, why: &str) -> Error {
    let at = if line == 0 {
        String::new()
    } else {
        format!(", line {line}")
    };
    Error::Config {
        path: path.display().to_string(),
        detail: format!("{at}: {why}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_are_read() {
        let c = Config::parse("# antq\nlang = \"en\"\nascii = true\nsocket = \"/run/a.sock\"\n");
        assert_eq!(
            c.unwrap(),
            Config {
                lang: Some(Lang::En),
                ascii: true,
                socket: Some(PathBuf::from("/run/a.sock")),
            }
        );
    }

    #[test]
    fn a_bad_value_or_unknown_key_names_its_line() {
        let (line, why) = Config::parse("ascii = true\nlang = \"EN\"\n").unwrap_err();
        assert_eq!(line, 2);
        assert!(why.contains("unknown variant `EN`"), "{why}");
        let (line, why) = Config::parse("\n\nlanguage = \"en\"\n").unwrap_err();
        assert_eq!(line, 3);
        assert!(why.contains("unknown field `language`"), "{why}");
        let (line, _) = Config::parse("lang = en\n").unwrap_err();
        assert_eq!(line, 1);
        // A bad key after Vietnamese text: an error naming its line, never a panic.
        let bad = "# Tiếng Việt\nlang = \"vi\"\nđ\u{301}x = 1\n";
        let (line, _) = Config::parse(bad).unwrap_err();
        assert_eq!(line, 3);
    }
}
