//! OS user and group names from the system databases (/etc/passwd, /etc/group).

fn lookup(file: &str, by_id: Option<u32>, by_name: Option<&str>) -> Option<(String, u32)> {
    let text = std::fs::read_to_string(file).ok()?;
    text.lines().find_map(|line| {
        let mut f = line.split(':');
        let name = f.next()?;
        let _pw = f.next()?;
        let id: u32 = f.next()?.parse().ok()?;
        let hit = by_id == Some(id) || by_name == Some(name);
        hit.then(|| (name.to_string(), id))
    })
}

pub fn user_name(uid: u32) -> Option<String> {
    lookup("/etc/passwd", Some(uid), None).map(|x| x.0)
}

pub fn group_name(gid: u32) -> Option<String> {
    lookup("/etc/group", Some(gid), None).map(|x| x.0)
}

pub fn group_id(name: &str) -> Option<u32> {
    lookup("/etc/group", None, Some(name)).map(|x| x.1)
}

/// The user running this process: the passwd name of the real uid. `$USER` is never read,
/// since anyone can set it; a uid without a passwd entry is named "uid-N".
pub fn current_user() -> String {
    let uid = rustix::process::getuid().as_raw();
    user_name(uid).unwrap_or_else(|| format!("uid-{uid}"))
}
