//! Writing command output: lines to stdout, whole files through a temporary name, and paged
//! queries.
//!
//! A reader that goes away early (`antq units list | head`) is the reader's choice, not an
//! error: the write that meets the closed pipe ends the command quietly with success. Every
//! other write failure is an error that names the output.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::service::api::*;

/// Prints a line on stdout; see the module comment for a closed pipe.
macro_rules! out {
    ($($arg:tt)*) => {
        $crate::cli::output::stdout(format_args!("{}\n", format_args!($($arg)*)))
    };
}

/// Prints on stdout without adding a line break.
macro_rules! out_raw {
    ($($arg:tt)*) => {
        $crate::cli::output::stdout(format_args!($($arg)*))
    };
}

pub(crate) use {out, out_raw};

/// Writes to stdout. A closed pipe ends the command (exit 0); another failure is reported on
/// stderr and ends it with exit 1.
pub fn stdout(args: std::fmt::Arguments) {
    let mut o = std::io::stdout().lock();
    if let Err(e) = o.write_fmt(args) {
        let e = write_error("standard output", e);
        let _ = writeln!(std::io::stderr(), "error: {e}");
        std::process::exit(1);
    }
}

/// The error for a failed write to `target`, or, when its reader has gone, a quiet exit.
pub fn write_error(target: &str, e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(0);
    }
    Error::File {
        path: target.to_string(),
        detail: format!("cannot write ({e})"),
    }
}

/// The error for a failed CSV write to `target` (a closed pipe ends quietly, as above).
pub fn csv_error(target: &str, e: csv::Error) -> Error {
    let shown = e.to_string();
    match e.into_kind() {
        csv::ErrorKind::Io(io) => write_error(target, io),
        _ => Error::File {
            path: target.to_string(),
            detail: format!("cannot write ({shown})"),
        },
    }
}

/// Writes a file whole and synced, through a temporary name, so a crash never leaves half.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file_with(path, |w| {
        w.write_all(bytes)
            .map_err(|e| write_error(&path.display().to_string(), e))
    })
}

/// Writes a file whole or not at all: into a private temporary file beside it, then renamed.
pub fn write_file_with<T>(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let io = |e: std::io::Error| write_error(&path.display().to_string(), e);
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = tempfile::NamedTempFile::new_in(dir).map_err(io)?;
    let mut w = std::io::BufWriter::with_capacity(1 << 20, tmp);
    let out = f(&mut w)?;
    let tmp = w.into_inner().map_err(|e| io(e.into_error()))?;
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    Ok(out)
}

/// Collects every page of a paginated query. A page too large for one server answer (long
/// narratives, say) is asked for again in halves.
pub fn all_pages<T>(mut f: impl FnMut(usize, usize) -> Result<Page<T>>) -> Result<Vec<T>> {
    let mut out = Vec::new();
    let (mut offset, mut limit) = (0, MAX_LIMIT);
    loop {
        let p = match f(offset, limit) {
            Err(Error::Invalid { field, .. }) if field == "answer" && limit > 1 => {
                limit /= 2;
                continue;
            }
            other => other?,
        };
        out.extend(p.items);
        match p.next {
            Some(n) => offset = n,
            None => return Ok(out),
        }
    }
}
