//! A full (or failing) disk: the store stops taking changes and is read from a private copy
//! of what is on disk, so a change that was not saved is never seen.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

/// Whether sled failed because the disk has no room.
pub fn is_disk_full(e: &sled::Error) -> bool {
    match e {
        sled::Error::Io(io) => is_io_full(io),
        _ => false,
    }
}

pub fn is_io_full(io: &std::io::Error) -> bool {
    io.kind() == std::io::ErrorKind::StorageFull
        || io.raw_os_error() == Some(28)
        || io.to_string().contains("No space left on device")
}

const COPY_PREFIX: &str = "antq-readonly-";

/// A copy holds personal data: one whose process was killed before it could remove it is
/// removed by the next copy this user makes.
fn remove_orphaned_copies(base: &Path) {
    use std::os::unix::fs::MetadataExt;
    let me = rustix::process::geteuid().as_raw();
    let Ok(rd) = std::fs::read_dir(base) else {
        return;
    };
    for e in rd.flatten() {
        let name = e.file_name();
        let Some(pid) = name
            .to_str()
            .and_then(|n| n.strip_prefix(COPY_PREFIX))
            .and_then(|rest| rest.split('-').next())
            .and_then(|p| p.parse::<i32>().ok())
        else {
            continue;
        };
        let mine = e.metadata().is_ok_and(|m| m.is_dir() && m.uid() == me);
        let gone = rustix::process::Pid::from_raw(pid)
            .is_none_or(|p| rustix::process::test_kill_process(p).is_err());
        if mine && gone {
            let _ = std::fs::remove_dir_all(e.path());
        }
    }
}

/// Copies the store's files to a private temporary folder on another disk (memory first), so
/// it can be read while its own disk is full. None when there is no room anywhere.
pub fn read_only_copy(store: &Path) -> Option<tempfile::TempDir> {
    let size: u64 = std::fs::read_dir(store)
        .ok()?
        .flatten()
        .filter_map(|e| e.metadata().ok())
        .filter(|m| m.is_file())
        .map(|m| m.len())
        .sum();
    let shm = Path::new("/dev/shm");
    let bases = [shm.to_path_buf(), std::env::temp_dir()];
    for base in bases.iter().filter(|b| b.is_dir()) {
        remove_orphaned_copies(base);
        let Ok(dir) = tempfile::Builder::new()
            .prefix(&format!("{COPY_PREFIX}{}-", std::process::id()))
            .permissions(std::fs::Permissions::from_mode(crate::private_fs::DIR_MODE))
            .tempdir_in(base)
        else {
            continue;
        };
        if copy_tree(store, dir.path(), size).is_ok() {
            return Some(dir);
        }
    }
    None
}

fn copy_tree(from: &Path, to: &Path, size: u64) -> std::io::Result<()> {
    // Room for the copy and for the segment sled completes on opening it.
    let need = size + (4 << 20);
    let st = rustix::fs::statvfs(to).map_err(std::io::Error::from)?;
    if st.f_bavail.saturating_mul(st.f_frsize) < need {
        return Err(std::io::ErrorKind::StorageFull.into());
    }
    for e in std::fs::read_dir(from)?.flatten() {
        let target = to.join(e.file_name());
        if e.file_type()?.is_dir() {
            crate::private_fs::create_dir(&target)?;
            copy_tree(&e.path(), &target, 0)?;
        } else {
            std::fs::copy(e.path(), &target)?;
        }
    }
    Ok(())
}
