//! The server's socket file: bound only where nothing else lives, given to the operators'
//! group, and a stale one from a crash cleared.

use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
use std::os::unix::net::{UnixListener, UnixStream};
use std::path::Path;

use crate::error::{Error, Result};
use crate::os_users as users;

fn io_err(what: &str, e: std::io::Error) -> Error {
    Error::Server {
        detail: format!("{what}: {e}"),
    }
}

/// The server's user may give the socket only to a group it belongs to.
fn not_a_member(g: &str) -> Error {
    let me = users::current_user();
    Error::invalid(
        "group",
        format!("this server runs as {me}, which is not in group '{g}', so it cannot give {g} the socket; add it (usermod -aG {g} {me}, or SupplementaryGroups={g} in the systemd unit), then start again"),
        format!("máy chủ chạy dưới tài khoản {me}, không thuộc nhóm '{g}', nên không giao socket cho {g} được; hãy thêm vào nhóm (usermod -aG {g} {me}, hoặc SupplementaryGroups={g} trong tệp systemd), rồi chạy lại"),
    )
}

/// Binds the socket. Only a stale socket (one no server answers on) is ever removed: anything
/// else at the path is refused, so a mistyped --socket cannot destroy a file.
pub(super) fn bind(path: &Path, group: Option<&str>) -> Result<UnixListener> {
    let gid = group.map(socket_group).transpose()?;
    clear_stale_socket(path)?;
    if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
        if !dir.exists() {
            // Members of the group must reach the socket, but need not list the folder.
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o711)
                .create(dir)
                .map_err(|e| io_err("creating the socket folder", e))?;
        }
    }
    let listener =
        UnixListener::bind(path).map_err(|e| io_err(&format!("binding {}", path.display()), e))?;
    let owned = std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o660))
        .map_err(|e| io_err("setting the socket mode", e))
        .and_then(|()| match gid {
            Some(gid) => rustix::fs::chown(path, None, Some(rustix::fs::Gid::from_raw(gid)))
                .map_err(|e| match (e, group) {
                    (rustix::io::Errno::PERM, Some(g)) => not_a_member(g),
                    (e, _) => io_err("setting the socket group", e.into()),
                }),
            None => Ok(()),
        });
    if let Err(e) = owned {
        let _ = std::fs::remove_file(path);
        return Err(e);
    }
    Ok(listener)
}

fn socket_group(g: &str) -> Result<u32> {
    users::group_id(g).ok_or_else(|| {
        Error::invalid(
            "group",
            format!("there is no group '{g}'; create it with: groupadd {g}"),
            format!("không có nhóm '{g}'; hãy tạo bằng: groupadd {g}"),
        )
    })
}

fn clear_stale_socket(path: &Path) -> Result<()> {
    use std::os::unix::fs::FileTypeExt;
    let Ok(meta) = std::fs::symlink_metadata(path) else {
        return Ok(());
    };
    let shown = path.display();
    if !meta.file_type().is_socket() {
        return Err(Error::invalid(
            "socket",
            format!("{shown} exists and is not a socket; nothing was removed. Choose another --socket path, e.g. /run/antq/antq.sock"),
            format!("{shown} đã tồn tại và không phải socket; không xoá gì. Hãy chọn đường dẫn --socket khác, ví dụ /run/antq/antq.sock"),
        ));
    }
    if UnixStream::connect(path).is_ok() {
        return Err(Error::invalid(
            "socket",
            format!("another antq server is already listening on {shown}; stop it first, or choose another --socket path"),
            format!("một máy chủ antq khác đang chạy trên {shown}; hãy dừng nó trước, hoặc chọn đường dẫn --socket khác"),
        ));
    }
    std::fs::remove_file(path).map_err(|e| io_err("removing the stale socket", e))
}
