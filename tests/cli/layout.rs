//! Keeps the source tree walkable, as CONTRIBUTING.md promises: data flows one way between
//! source files (no file imports another that imports it back, directly or through others), no
//! source file passes 400 lines, and every module opens with a `//!` paragraph — in the binary
//! crate's `src/` and in each library crate under `crates/`. Each crate's import graph is read
//! from the text of its `src/`: `use` paths and inline `crate::`/`super::` paths, each resolved
//! to the deepest module file that exists. The core crate's manifest is checked to depend on
//! nothing of the command line, the terminal, the network or a server.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

const MAX_LINES: usize = 400;

/// Expands one `use` tree (`crate::a::{b, c::{d, e}}`) into full paths under `prefix`.
fn expand_use(prefix: &str, tree: &str, out: &mut Vec<String>) {
    let tree: String = tree.chars().filter(|c| !c.is_whitespace()).collect();
    let join = |head: &str| {
        if prefix.is_empty() {
            head.to_string()
        } else {
            format!("{prefix}::{head}")
        }
    };
    match tree.find('{') {
        None => {
            let path = tree.split(" as ").next().unwrap_or(&tree);
            out.push(join(path.trim_end_matches("::*")));
        }
        Some(open) => {
            let head = join(tree[..open].trim_end_matches("::"));
            let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
            let mut depth = 0;
            let mut start = 0;
            for (at, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand_use(&head, &inner[start..at], out);
                        start = at + 1;
                    }
                    _ => {}
                }
            }
            expand_use(&head, &inner[start..], out);
        }
    }
}

/// The `src/` folder of every crate in the workspace: the binary's, then each under `crates/`.
fn crate_sources() -> Vec<PathBuf> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut sources = vec![workspace.join("src")];
    let mut members: Vec<PathBuf> = fs::read_dir(workspace.join("crates"))
        .expect("crates is readable")
        .map(|entry| entry.expect("directory entry").path().join("src"))
        .filter(|src| src.is_dir())
        .collect();
    members.sort();
    assert!(!members.is_empty(), "no library crate under crates/");
    sources.extend(members);
    sources
}

/// Every `.rs` file of every crate, for the checks that hold file by file.
fn all_module_files() -> Vec<PathBuf> {
    crate_sources()
        .iter()
        .flat_map(|root| module_files(root).into_values())
        .collect()
}

/// Every `.rs` file under a crate's `src/` (`root`), keyed by its module path (`""` for the
/// crate root, `"commands::issue"` for `src/commands/issue/mod.rs`).
fn module_files(root: &Path) -> BTreeMap<String, PathBuf> {
    let root = root.to_path_buf();
    let mut files = BTreeMap::new();
    let mut pending = vec![root.clone()];
    while let Some(dir) = pending.pop() {
        for entry in fs::read_dir(&dir).expect("src is readable") {
            let path = entry.expect("directory entry").path();
            if path.is_dir() {
                pending.push(path);
            } else if path.extension().is_some_and(|ext| ext == "rs") {
                let relative = path.strip_prefix(&root).expect("under src");
                let mut parts: Vec<String> = relative
                    .with_extension("")
                    .iter()
                    .map(|part| part.to_string_lossy().into_owned())
                    .collect();
                if matches!(
                    parts.last().map(String::as_str),
                    Some("mod" | "lib" | "main")
                ) {
                    parts.pop();
                }
                if relative == Path::new("main.rs") {
                    continue; // the binary, not part of the library's graph
                }
                files.insert(parts.join("::"), path);
            }
        }
    }
    files
}

/// The path segments after `crate::`, `super::` or a child module name, resolved to the
/// deepest module among `modules`.
fn resolve(segments: &[&str], modules: &BTreeMap<String, PathBuf>) -> Option<String> {
    (0..=segments.len())
        .rev()
        .map(|len| segments[..len].join("::"))
        .find(|candidate| modules.contains_key(candidate))
}

/// Names the crate root re-exports from another crate (`pub use courier_inbox_auth::{token,
/// scope};` in the binary's `lib.rs`, each the last segment of its path): a path through them
/// leaves this crate, so it is no edge of this crate's graph (the compiler keeps the core crate
/// from importing the binary back).
fn reexported_crates(root: &Path, modules: &BTreeMap<String, PathBuf>) -> BTreeSet<String> {
    let text = fs::read_to_string(root.join("lib.rs")).unwrap_or_default();
    let mut names = BTreeSet::new();
    for (at, _) in text.match_indices("pub use ") {
        let rest = &text[at + "pub use ".len()..];
        let tree = rest.split(';').next().unwrap_or_default();
        let first = tree.split("::").next().unwrap_or_default().trim();
        if ["crate", "self", "super"].contains(&first) || modules.contains_key(first) {
            continue;
        }
        let mut paths = Vec::new();
        expand_use("", tree, &mut paths);
        names.extend(
            paths
                .iter()
                .filter_map(|path| path.rsplit("::").next())
                .map(str::to_string),
        );
    }
    names
}

/// Module paths that `text` (the file of module `me`) refers to; paths through `external`
/// (names re-exported from another crate) are left out.
fn references(
    me: &str,
    text: &str,
    modules: &BTreeMap<String, PathBuf>,
    external: &BTreeSet<String>,
) -> BTreeSet<String> {
    let own: Vec<&str> = if me.is_empty() {
        vec![]
    } else {
        me.split("::").collect()
    };
    // `super` from `a/b.rs` (module a::b) is `a`; from `a/b/mod.rs` (module a::b) it is `a` too.
    let parent: Vec<&str> = own[..own.len().saturating_sub(1)].to_vec();
    let mut found = BTreeSet::new();
    // Unit tests sit at the end of a file in an inline `mod tests`, where `super` means the
    // file itself; they are not part of the library's graph.
    let code = text.split("#[cfg(test)]").next().unwrap_or(text);
    let cleaned: String = code
        .lines()
        .map(|line| line.split("//").next().unwrap_or(""))
        .collect::<Vec<_>>()
        .join("\n");
    let mut paths = Vec::new();
    let mut lines = cleaned.lines();
    while let Some(line) = lines.next() {
        let line = line.trim_start();
        let Some(tree) = ["use ", "pub use ", "pub(crate) use ", "pub(super) use "]
            .iter()
            .find_map(|lead| line.strip_prefix(lead))
        else {
            continue;
        };
        let mut statement = tree.to_string();
        while !statement.contains(';') {
            match lines.next() {
                Some(more) => statement.push_str(more),
                None => break,
            }
        }
        let statement = statement.split(';').next().unwrap_or_default();
        if statement.matches('{').count() == statement.matches('}').count() {
            expand_use("", statement, &mut paths);
        }
    }
    let token_chars = |c: char| c.is_alphanumeric() || c == '_' || c == ':';
    paths.extend(
        cleaned
            .split(|c: char| !token_chars(c))
            .filter(|word| word.contains("::") && !word.ends_with("::"))
            .map(str::to_string),
    );
    for path in &paths {
        let segments: Vec<&str> = path.split("::").filter(|s| !s.is_empty()).collect();
        let Some(first) = segments.first() else {
            continue;
        };
        let absolute: Vec<&str> = match *first {
            "crate" => segments[1..].to_vec(),
            "super" => {
                let mut base = parent.clone();
                let mut rest = &segments[1..];
                while rest.first() == Some(&"super") {
                    base.pop();
                    rest = &rest[1..];
                }
                base.into_iter().chain(rest.iter().copied()).collect()
            }
            "self" => own
                .iter()
                .copied()
                .chain(segments[1..].iter().copied())
                .collect(),
            child => {
                let candidate: Vec<&str> = own.iter().copied().chain([child]).collect();
                if !modules.contains_key(&candidate.join("::")) {
                    continue;
                }
                own.iter()
                    .copied()
                    .chain(segments.iter().copied())
                    .collect()
            }
        };
        if absolute
            .first()
            .is_some_and(|name| external.contains(*name))
        {
            continue;
        }
        if let Some(target) = resolve(&absolute, modules) {
            if target != me {
                found.insert(target);
            }
        }
    }
    found
}

fn import_graph(root: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let modules = module_files(root);
    let external = reexported_crates(root, &modules);
    modules
        .iter()
        .map(|(module, path)| {
            let text = fs::read_to_string(path).expect("source is UTF-8");
            (
                module.clone(),
                references(module, &text, &modules, &external),
            )
        })
        .collect()
}

/// A cycle through `start`, if the graph has one, as the list of modules along it.
fn find_cycle(graph: &BTreeMap<String, BTreeSet<String>>) -> Option<Vec<String>> {
    fn visit(
        node: &str,
        graph: &BTreeMap<String, BTreeSet<String>>,
        path: &mut Vec<String>,
        done: &mut BTreeSet<String>,
    ) -> Option<Vec<String>> {
        if let Some(at) = path.iter().position(|seen| seen == node) {
            let mut cycle = path[at..].to_vec();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        path.push(node.to_string());
        for next in graph.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, graph, path, done) {
                return Some(cycle);
            }
        }
        path.pop();
        done.insert(node.to_string());
        None
    }
    let mut done = BTreeSet::new();
    graph
        .keys()
        .find_map(|node| visit(node, graph, &mut Vec::new(), &mut done))
}

fn shown(module: &str) -> &str {
    if module.is_empty() {
        "lib.rs"
    } else {
        module
    }
}

#[test]
fn no_source_file_imports_one_that_imports_it_back() {
    let mut circles = Vec::new();
    for root in crate_sources() {
        let mut graph = import_graph(&root);
        while let Some(cycle) = find_cycle(&graph) {
            let shown_cycle: Vec<&str> = cycle.iter().map(|m| shown(m)).collect();
            circles.push(format!("{}: {}", root.display(), shown_cycle.join(" -> ")));
            // Cut the circle's last edge and look for more, so one run names them all.
            let (from, to) = (&cycle[cycle.len() - 2], &cycle[cycle.len() - 1]);
            graph.get_mut(from).expect("in graph").remove(to);
        }
    }
    assert!(
        circles.is_empty(),
        "import circles:\n{}",
        circles.join("\n")
    );
}

#[test]
fn the_cycle_finder_finds_a_planted_circle() {
    let mut graph: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    graph.insert("a".into(), ["b".to_string()].into());
    graph.insert("b".into(), ["c".to_string()].into());
    graph.insert("c".into(), ["a".to_string()].into());
    assert_eq!(
        find_cycle(&graph),
        Some(vec!["a".into(), "b".into(), "c".into(), "a".into()])
    );
    graph.insert("c".into(), BTreeSet::new());
    assert_eq!(find_cycle(&graph), None);
}

#[test]
fn no_source_file_passes_400_lines() {
    let long: Vec<String> = all_module_files()
        .iter()
        .filter_map(|path| {
            let lines = fs::read_to_string(path).ok()?.lines().count();
            (lines > MAX_LINES).then(|| format!("{} ({lines} lines)", path.display()))
        })
        .collect();
    assert!(long.is_empty(), "split these files: {long:?}");
}

#[test]
fn every_module_opens_with_a_doc_paragraph() {
    let bare: Vec<String> = all_module_files()
        .iter()
        .filter(|path| {
            let text = fs::read_to_string(path).unwrap_or_default();
            !text.trim_start().starts_with("//!")
        })
        .map(|path| path.display().to_string())
        .collect();
    assert!(
        bare.is_empty(),
        "these modules need a //! paragraph: {bare:?}"
    );
}

/// The core crate's `[dependencies]`, by name.
fn core_dependencies() -> Vec<String> {
    let manifest =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("crates/courier-inbox-auth/Cargo.toml");
    let text = fs::read_to_string(manifest).expect("the core crate's Cargo.toml is readable");
    let mut in_dependencies = false;
    let mut names = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.starts_with('[') {
            in_dependencies = line.ends_with("dependencies]");
            continue;
        }
        if in_dependencies && !line.is_empty() && !line.starts_with('#') {
            if let Some((name, _)) = line.split_once('=') {
                names.push(name.trim().to_string());
            }
        }
    }
    names
}

#[test]
fn the_core_crate_depends_on_no_command_line_terminal_network_or_server() {
    let dependencies = core_dependencies();
    assert!(
        dependencies.iter().any(|name| name == "serde"),
        "{dependencies:?}"
    );
    let forbidden = [
        "anyhow",
        "clap",
        "colored",
        "tokio",
        "axum",
        "ureq",
        "hyper",
        "tungstenite",
        "humantime",
    ];
    let found: Vec<&String> = dependencies
        .iter()
        .filter(|name| forbidden.iter().any(|bad| name.starts_with(bad)))
        .collect();
    assert!(
        found.is_empty(),
        "the core crate must not depend on {found:?}"
    );
}

/// Colour, the time zone and what may be shown are decided once into
/// `commands::resolved::ResolvedOptions` and handed down as values (issue 22), never kept
/// process-wide: no `static` of any crate holds a lock or a once-cell (`OnceLock`, `Mutex`, …)
/// or one of those values, and the old setters are gone.
#[test]
fn no_static_holds_a_zone_a_redaction_or_a_lock() {
    const IN_NO_STATIC: &[&str] = &[
        "OnceLock",
        "OnceCell",
        "LazyLock",
        "Mutex",
        "RwLock",
        "Redaction",
        "TimeZone",
        "DateZone",
        "Palette",
    ];
    const GONE: &[&str] = &[
        "DOMAIN_WORDING_ZONE",
        "set_domain_wording_zone",
        "remember_key_in_use",
        "KEY_IN_USE",
    ];
    let mut found = Vec::new();
    for path in all_module_files() {
        let text = fs::read_to_string(&path).expect("source is readable");
        for (number, line) in text.lines().enumerate() {
            let code = line.trim_start();
            let declares_static = code.starts_with("static ")
                || (code.starts_with("pub") && code.contains(" static "));
            let holds = IN_NO_STATIC.iter().any(|name| code.contains(name));
            if (declares_static && holds) || GONE.iter().any(|name| code.contains(name)) {
                found.push(format!("{}:{}: {code}", path.display(), number + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "pass these as values (ResolvedOptions, a plan, serve's App), not statics: {found:#?}"
    );
}
