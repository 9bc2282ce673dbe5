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

/// How many tests of this binary hold the users now; the last to finish deletes them, so a
/// machine the suite ran on keeps no test accounts.
static HOLDERS: std::sync::Mutex<usize> = std::sync::Mutex::new(0);

/// The test users, held for one test: deleted when the last holder is dropped.
pub struct Users;

impl Drop for Users {
    fn drop(&mut self) {
        let mut n = HOLDERS.lock().unwrap_or_else(|p| p.into_inner());
        *n -= 1;
        if *n == 0 {
            for u in USERS {
                let _ = run("userdel", &[u]);
            }
            let _ = run("groupdel", &[GROUP]);
        }
    }
}

/// Creates the users if missing and unlocks them (sshd refuses locked accounts, even with a key).
/// Err says why it could not.
pub fn ensure() -> Result<Users, String> {
    if !rustix::process::getuid().is_root() {
        return Err("creating the test's OS users needs root".into());
    }
    let mut n = HOLDERS.lock().unwrap_or_else(|p| p.into_inner());
    if *n == 0 {
        create()?;
    }
    *n += 1;
    Ok(Users)
}

fn create() -> Result<(), String> {
    let _ = run("groupadd", &[GROUP]);
    for u in USERS {
        if !run("id", &[u]) && !run("useradd", &["-M", "-G", GROUP, u]) {
            return Err(format!("useradd {u} failed"));
        }
        if !run("usermod", &["-p", "*", "-aG", GROUP, u]) {
            return Err(format!("usermod {u} failed"));
        }
    }
    Ok(())
}
