//! The layout rules of the source tree, read from `src/`: no import cycles between files, no
//! import running up the layers, sled named only under `store/`, the TUI never importing the
//! CLI. How long a function may be is clippy's to check (`[lints]` in Cargo.toml), not a cap on
//! files here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

/// A file's module path: src/tui/view/mod.rs → [tui, view]; src/lib.rs → [].
fn module_of(file: &Path) -> Vec<String> {
    let rel = file.strip_prefix(src()).unwrap();
    let mut segs: Vec<String> = rel
        .iter()
        .map(|s| s.to_string_lossy().trim_end_matches(".rs").to_string())
        .collect();
    if matches!(
        segs.last().map(String::as_str),
        Some("mod" | "lib" | "main")
    ) {
        segs.pop();
    }
    segs
}

fn file_of(segs: &[String]) -> Option<PathBuf> {
    if segs.is_empty() {
        return Some(src().join("lib.rs"));
    }
    let base = src().join(segs.join("/"));
    let flat = base.with_extension("rs");
    if flat.is_file() {
        return Some(flat);
    }
    let dir = base.join("mod.rs");
    dir.is_file().then_some(dir)
}

/// The deepest module file a path names, e.g. crate::tui::state::State → src/tui/state.rs.
fn resolve(segs: &[String]) -> Option<PathBuf> {
    (1..=segs.len()).rev().find_map(|k| file_of(&segs[..k]))
}

/// Source without comments and string literals, so a path in a doc line is not an import.
fn code_only(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                        break;
                    }
                }
            }
            'r' if (chars.peek() == Some(&'#') || chars.peek() == Some(&'"'))
                && !out.ends_with(|p: char| p.is_alphanumeric() || p == '_') =>
            {
                // A raw string: r"…" or r#"…"#, closed by a quote and as many hashes.
                let mut hashes = 0;
                while chars.peek() == Some(&'#') {
                    chars.next();
                    hashes += 1;
                }
                if chars.peek() != Some(&'"') {
                    out.push('r');
                    continue;
                }
                chars.next();
                let close: String = std::iter::once('"')
                    .chain(std::iter::repeat_n('#', hashes))
                    .collect();
                let mut seen = String::new();
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    seen.push(c);
                    if seen.ends_with(&close) {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            '"' => {
                let mut escaped = false;
                for c in chars.by_ref() {
                    if c == '\n' {
                        out.push('\n');
                    }
                    if escaped {
                        escaped = false;
                    } else if c == '\\' {
                        escaped = true;
                    } else if c == '"' {
                        break;
                    }
                }
                out.push_str("\"\"");
            }
            '\'' => {
                // A char literal ('a', '\n', '"'); a lifetime ('a) has no closing quote.
                let ahead: String = chars.clone().take(12).collect();
                let close = if ahead.starts_with('\\') {
                    ahead.get(2..).and_then(|x| x.find('\'')).map(|i| i + 3)
                } else {
                    ahead
                        .char_indices()
                        .nth(1)
                        .filter(|(_, c)| *c == '\'')
                        .map(|_| 2)
                };
                if let Some(n) = close {
                    for _ in 0..n {
                        chars.next();
                    }
                    out.push_str("' '");
                } else {
                    out.push('\'');
                }
            }
            _ => out.push(c),
        }
    }
    out
}

/// Expands `a::{b, c::{d, e}}` into a::b, a::c::d, a::c::e.
fn expand_use(tree: &str) -> Vec<String> {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let Some(open) = tree.find('{') else {
        return vec![tree];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (i, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..i]);
                start = i + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            expand_use(p)
                .into_iter()
                .map(move |x| format!("{prefix}{x}"))
        })
        .collect()
}

/// Every path the file names that starts at crate, super or self, plus child modules used bare.
fn paths_in(code: &str) -> Vec<String> {
    let mut paths = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("use ") {
        let before = rest[..i].chars().last();
        let after = &rest[i + 4..];
        if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
            rest = after;
            continue;
        }
        let end = after.find(';').unwrap_or(after.len());
        paths.extend(expand_use(&after[..end]));
        rest = &after[end..];
    }
    let bytes: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < bytes.len() {
        let start_ok = i == 0 || !(bytes[i - 1].is_alphanumeric() || bytes[i - 1] == '_');
        if start_ok && (bytes[i].is_alphabetic() || bytes[i] == '_') {
            let mut j = i;
            while j < bytes.len()
                && (bytes[j].is_alphanumeric() || bytes[j] == '_' || bytes[j] == ':')
            {
                j += 1;
            }
            let word: String = bytes[i..j].iter().collect();
            if word.starts_with("crate::")
                || word.starts_with("super::")
                || word.starts_with("self::")
            {
                paths.push(word);
            }
            i = j.max(i + 1);
        } else {
            i += 1;
        }
    }
    paths
}

fn target(file: &Path, path: &str) -> Option<PathBuf> {
    let mut here = module_of(file);
    let mut segs: Vec<String> = path
        .split("::")
        .filter(|s| !s.is_empty())
        .map(String::from)
        .collect();
    let mut base = match segs.first().map(String::as_str) {
        Some("crate") => {
            segs.remove(0);
            vec![]
        }
        Some("self") => {
            segs.remove(0);
            here
        }
        Some("super") => {
            while segs.first().map(String::as_str) == Some("super") {
                segs.remove(0);
                here.pop();
            }
            here
        }
        // A child module named bare, e.g. `use chrome::bottom` in view/mod.rs.
        Some(first) => {
            let child = [here.clone(), vec![first.to_string()]].concat();
            file_of(&child)?;
            here
        }
        None => return None,
    };
    base.extend(segs);
    resolve(&base)
}

fn import_graph() -> BTreeMap<PathBuf, BTreeSet<PathBuf>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph = BTreeMap::new();
    for f in files {
        let mut code = code_only(&std::fs::read_to_string(&f).unwrap());
        // A file's own test module uses `super::*`: that is the file itself, not its parent.
        if let Some(i) = code.find("\n#[cfg(test)]\nmod ") {
            code.truncate(i);
        }
        let deps: BTreeSet<PathBuf> = paths_in(&code)
            .iter()
            .filter_map(|p| target(&f, p))
            .filter(|t| *t != f)
            .collect();
        graph.insert(f, deps);
    }
    graph
}

/// Strongly connected groups of more than one file (Tarjan).
fn cycles(graph: &BTreeMap<PathBuf, BTreeSet<PathBuf>>) -> Vec<Vec<PathBuf>> {
    struct Walk<'a> {
        graph: &'a BTreeMap<PathBuf, BTreeSet<PathBuf>>,
        index: BTreeMap<&'a PathBuf, (usize, usize)>,
        stack: Vec<&'a PathBuf>,
        on_stack: BTreeSet<&'a PathBuf>,
        next: usize,
        found: Vec<Vec<PathBuf>>,
    }
    fn visit<'a>(w: &mut Walk<'a>, v: &'a PathBuf) {
        w.index.insert(v, (w.next, w.next));
        w.next += 1;
        w.stack.push(v);
        w.on_stack.insert(v);
        for u in w.graph.get(v).into_iter().flatten() {
            let Some((u, _)) = w.graph.get_key_value(u) else {
                continue;
            };
            if !w.index.contains_key(u) {
                visit(w, u);
                let low = w.index[v].1.min(w.index[u].1);
                w.index.get_mut(v).unwrap().1 = low;
            } else if w.on_stack.contains(u) {
                let low = w.index[v].1.min(w.index[u].0);
                w.index.get_mut(v).unwrap().1 = low;
            }
        }
        if w.index[v].0 == w.index[v].1 {
            let mut group = Vec::new();
            while let Some(x) = w.stack.pop() {
                w.on_stack.remove(x);
                group.push(x.clone());
                if x == v {
                    break;
                }
            }
            if group.len() > 1 {
                w.found.push(group);
            }
        }
    }
    let mut w = Walk {
        graph,
        index: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        next: 0,
        found: Vec::new(),
    };
    for v in graph.keys() {
        if !w.index.contains_key(v) {
            visit(&mut w, v);
        }
    }
    w.found
}

fn short(p: &Path) -> String {
    p.strip_prefix(src()).unwrap().display().to_string()
}

#[test]
fn no_import_cycles_between_files() {
    let found: Vec<String> = cycles(&import_graph())
        .iter()
        .map(|g| g.iter().map(|p| short(p)).collect::<Vec<_>>().join(" ↔ "))
        .collect();
    assert!(found.is_empty(), "import cycles:\n{}", found.join("\n"));
}

#[test]
fn the_cycle_finder_sees_a_two_file_cycle() {
    let (a, b, c) = (
        PathBuf::from("a.rs"),
        PathBuf::from("b.rs"),
        PathBuf::from("c.rs"),
    );
    let graph = BTreeMap::from([
        (a.clone(), BTreeSet::from([b.clone()])),
        (b.clone(), BTreeSet::from([a.clone(), c.clone()])),
        (c.clone(), BTreeSet::new()),
    ]);
    let found = cycles(&graph);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].iter().collect::<BTreeSet<_>>(),
        BTreeSet::from([&a, &b])
    );
}

#[test]
fn use_trees_expand_to_each_path() {
    assert_eq!(
        expand_use("crate::tui::{state::{State, Tone}, keymap::Action}"),
        vec![
            "crate::tui::state::State",
            "crate::tui::state::Tone",
            "crate::tui::keymap::Action"
        ]
    );
    assert_eq!(
        paths_in(&code_only(
            "// use crate::cli::x;\nlet s = \"crate::cli\"; crate::tui::view::fit(x)"
        )),
        vec!["crate::tui::view::fit"]
    );
}

#[test]
fn only_the_store_names_sled() {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let store = src().join("store");
    let leaks: Vec<String> = files
        .iter()
        .filter(|f| !f.starts_with(&store))
        .filter(|f| {
            let code = code_only(&std::fs::read_to_string(f).unwrap());
            code.split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .any(|w| w == "sled")
        })
        .map(|f| short(f))
        .collect();
    assert!(leaks.is_empty(), "sled named outside store/: {leaks:?}");
}

#[test]
fn the_tui_never_imports_the_cli() {
    let graph = import_graph();
    let (tui, cli) = (src().join("tui"), src().join("cli"));
    let bad: Vec<String> = graph
        .iter()
        .filter(|(f, _)| f.starts_with(&tui))
        .flat_map(|(f, deps)| {
            deps.iter()
                .filter(|d| d.starts_with(&cli))
                .map(move |d| format!("{} → {}", short(f), short(d)))
        })
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
}

/// The layers: domain at the bottom, then store, then service, then what talks to people or
/// sockets. No file imports from a layer above its own.
#[test]
fn no_import_runs_upward() {
    let graph = import_graph();
    let above = |layer: &str| -> &[&str] {
        match layer {
            "domain" => &["store", "service", "remote", "tui", "cli", "exchange"],
            "store" => &["service", "remote", "tui", "cli"],
            // File formats and export's rows: made from records, read through no service.
            "exchange" => &["service", "remote", "tui", "cli"],
            "service" => &["remote", "tui", "cli"],
            "remote" => &["tui", "cli"],
            "tui" => &["cli"],
            _ => &[],
        }
    };
    let layer_of = |f: &Path| {
        f.strip_prefix(src())
            .ok()
            .and_then(|r| r.components().next())
            .map(|c| {
                c.as_os_str()
                    .to_string_lossy()
                    .trim_end_matches(".rs")
                    .to_string()
            })
            .unwrap_or_default()
    };
    let bad: Vec<String> = graph
        .iter()
        .flat_map(|(f, deps)| {
            let from = layer_of(f);
            deps.iter()
                .filter(move |d| above(&from).contains(&layer_of(d).as_str()))
                .map(move |d| format!("{} → {}", short(f), short(d)))
        })
        .collect();
    assert!(bad.is_empty(), "imports running upward: {bad:?}");
}

/// The Debian package's assets exist, its maintainer scripts are executable, and the man pages
/// and completions it ships are what this antq prints (regenerate with the commands below).
#[test]
fn the_package_ships_current_files() {
    use std::os::unix::fs::PermissionsExt;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).unwrap();
    let meta = manifest
        .split("[package.metadata.deb]")
        .nth(1)
        .expect("deb metadata");
    for line in meta.lines().filter(|l| l.trim_start().starts_with("[\"")) {
        let src = line
            .trim_start()
            .trim_start_matches("[\"")
            .split('"')
            .next()
            .unwrap();
        if src.starts_with("target/") {
            continue;
        }
        assert!(root.join(src).is_file(), "package asset {src} is missing");
    }
    for script in ["postinst", "prerm", "postrm"] {
        let mode = std::fs::metadata(root.join("data/deploy/debian").join(script))
            .unwrap()
            .permissions()
            .mode();
        assert!(mode & 0o111 != 0, "{script} is not executable");
    }
    let antq = |lang: &str, args: &[&str]| {
        let o = std::process::Command::new(env!("CARGO_BIN_EXE_antq"))
            .env("ANTQ_LANG", lang)
            .args(args)
            .output()
            .unwrap();
        String::from_utf8(o.stdout).unwrap()
    };
    for (file, lang, args) in [
        ("antq.1", "vi", &["man"][..]),
        ("antq.en.1", "en", &["man"]),
        ("antq.bash", "en", &["completions", "bash"]),
        ("_antq", "en", &["completions", "zsh"]),
        ("antq.fish", "en", &["completions", "fish"]),
    ] {
        let shipped =
            std::fs::read_to_string(root.join("data/deploy/generated").join(file)).unwrap();
        assert!(
            shipped == antq(lang, args),
            "data/deploy/generated/{file} is out of date: ANTQ_LANG={lang} antq {} > data/deploy/generated/{file}",
            args.join(" ")
        );
    }
}

/// A screen's requests live in its folder: the TUI calls the service only from a screen's
/// `data.rs` and from the runner (the requests of no one screen). A call anywhere else means a
/// feature spread over `app/` again.
#[test]
fn the_tui_calls_the_service_only_from_a_screens_data_or_the_runner() {
    let mut files = Vec::new();
    rust_files(&src().join("tui"), &mut files);
    let allowed = |rel: &str| {
        rel.starts_with("tui/screens/") && rel.ends_with("/data.rs") || rel == "tui/app/runner.rs"
    };
    let bad: Vec<String> = files
        .iter()
        .map(|f| (short(f), std::fs::read_to_string(f).unwrap()))
        .filter(|(rel, text)| !allowed(rel) && text.contains("svc."))
        .map(|(rel, _)| rel)
        .collect();
    assert!(
        bad.is_empty(),
        "service calls outside a screen's data.rs: {bad:?}"
    );
}
