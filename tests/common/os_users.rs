//! The test's own OS users (`antqtest1`, `antqtest2`, group `antqtest-ops`), made as root.

use std::process::{Command, Stdio};

pub const GROUP: &str = "antqtest-ops";
pub const USERS: [&str; 2] = ["antqtest1", "antqtest2"];

fn run(cmd: &str, args: &[&str]) -> bool {
    Command::new(cmd)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Creates the users if missing and unlocks them (sshd refuses locked accounts, even with a key).
/// Err says why it could not.
pub fn ensure() -> Result<(), String> {
    if !rustix::process::getuid().is_root() {
        return Err("creating the test's OS users needs root".into());
    }
    let _ = run("groupadd", &[GROUP]);
    for u in USERS {
        // Another test may create the same user at the same moment: check again on failure.
        if !run("id", &[u]) && !run("useradd", &["-M", "-G", GROUP, u]) && !run("id", &[u]) {
            return Err(format!("useradd {u} failed"));
        }
        if !run("usermod", &["-p", "*", "-aG", GROUP, u]) {
            return Err(format!("usermod {u} failed"));
        }
    }
    Ok(())
}
