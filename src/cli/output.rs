//! Writing command output: whole files through a temporary name, and paged queries.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};
use crate::service::api::*;

/// Writes a file whole and synced, through a temporary name, so a crash never leaves half.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    write_file_with(path, |w| {
        w.write_all(bytes).map_err(|e| Error::Io {
            detail: format!("writing {}: {e}", path.display()),
        })
    })
}

/// Writes a file whole or not at all: into a private temporary file beside it, then renamed.
pub fn write_file_with<T>(path: &Path, f: impl FnOnce(&mut dyn Write) -> Result<T>) -> Result<T> {
    let io = |e: std::io::Error| Error::Io {
        detail: format!("writing {}: {e}", path.display()),
    };
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
