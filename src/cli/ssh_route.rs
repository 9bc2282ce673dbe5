//! The SSH file route. The shipped sshd snippet forces every operator login into
//! `antq --connect SOCKET`, which also overrides scp and sftp. A login that asks for a command
//! (`ssh office antq export reports --period 2026-11 --format xlsx > r.xlsx`, or
//! `ssh office antq import reports - < r.xlsx`) arrives here as SSH_ORIGINAL_COMMAND. It is
//! split into words (no shell runs it), checked against a short list of data commands, and run
//! through the same server connection, so the server still decides who may do what. Files
//! travel on stdin and stdout only: a path on the server is never read or written.

use crate::error::Error;

/// The command an SSH client asked for when sshd forced ours instead, if any.
pub fn requested() -> Option<String> {
    std::env::var("SSH_ORIGINAL_COMMAND")
        .ok()
        .filter(|c| !c.trim().is_empty())
}

pub fn refused(what: &str) -> Error {
    Error::Forbidden {
        en: format!("over SSH antq runs only: export, import FILE '-' (from standard input), report, summary, units list/show, task, indicators list; '{what}' is not one of them"),
        vi: format!("qua SSH antq chỉ chạy: export, import với tệp '-' (từ đầu vào chuẩn), report, summary, units list/show, task, indicators list; '{what}' không nằm trong số đó"),
    }
}

/// Words as a shell would split them, quotes included, but nothing expanded or run.
fn words(line: &str) -> Result<Vec<String>, Error> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let (mut quote, mut started) = (None, false);
    for c in line.chars() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), c) => cur.push(c),
            (None, '\'' | '"') => {
                quote = Some(c);
                started = true;
            }
            (None, c) if c.is_whitespace() => {
                if started || !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                started = false;
            }
            (None, c) => cur.push(c),
        }
    }
    if quote.is_some() {
        return Err(refused("an unclosed quote"));
    }
    if started || !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Checks the requested words; returns the arguments to run after `antq --connect SOCKET`.
pub fn allowed(line: &str) -> Result<Vec<String>, Error> {
    let mut w = words(line)?;
    if w.first()
        .is_some_and(|x| x == "antq" || x.ends_with("/antq"))
    {
        w.remove(0);
    }
    // The forced command chose the server; nothing the client says may choose another store,
    // a file on the server, or the screens' demo.
    for x in &w {
        let name = x.split('=').next().unwrap_or(x);
        if matches!(
            name,
            "--db" | "--connect" | "--demo" | "-o" | "--output" | "--key"
        ) {
            return Err(refused(x));
        }
    }
    let sub = |i: usize| w.get(i).map(String::as_str).unwrap_or("");
    let ok = match sub(0) {
        "export" | "report" | "summary" | "task" => true,
        "units" => matches!(sub(1), "list" | "show" | "history"),
        "indicators" => matches!(sub(1), "list" | ""),
        // A file comes on standard input only.
        "import" => {
            w.iter().skip(2).any(|x| x == "-")
                && w.iter().skip(2).all(|x| x == "-" || x.starts_with("--"))
        }
        "--help" | "-h" | "help" | "--version" | "-V" => true,
        _ => false,
    };
    if !ok {
        let shown = w.iter().take(2).cloned().collect::<Vec<_>>().join(" ");
        return Err(refused(&shown));
    }
    Ok(w)
}

#[cfg(test)]
mod tests {
    use super::allowed;

    #[test]
    fn data_commands_pass_and_everything_else_is_refused() {
        assert_eq!(
            allowed("antq export reports --period '2026-11' --format xlsx").unwrap(),
            ["export", "reports", "--period", "2026-11", "--format", "xlsx"]
        );
        assert_eq!(
            allowed("/usr/local/bin/antq import reports - --dry-run").unwrap(),
            ["import", "reports", "-", "--dry-run"]
        );
        assert!(allowed("antq units show \"31441\"").is_ok());
        for bad in [
            "antq serve --socket /tmp/s",
            "antq restore --db /tmp/x f",
            "antq import reports /etc/passwd",
            "antq import reports",
            "antq --db /tmp/x export units",
            "antq export units --output=/tmp/x",
            "antq units merge 1 2",
            "antq user add x --role admin",
            "antq backup /tmp/b",
            "sh -c id",
            "antq export 'units",
        ] {
            assert!(allowed(bad).is_err(), "{bad}");
        }
    }
}
