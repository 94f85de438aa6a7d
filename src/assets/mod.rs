//! The files generated from the clap definition and checked in, so packagers and users who
//! never build from source get them: shell completion scripts (`completions/`), man pages
//! (`man/`), and a snapshot of every `--help` (`tests/snapshots/help/`, which the tests compare
//! with what the real binary prints). The hidden `generate-assets` subcommand writes them all
//! (see [`REGENERATE_COMMAND`]); `tests/cli/assets.rs` fails when a checked-in copy is stale.
//! Laying out man pages is `man_pages`' job (the main page's words are in `main_page_text`),
//! leaving out what `--help` hides is `surface`'s; the options themselves live in `cli/`.

pub mod main_page_text;
pub mod man_pages;
pub mod reason_descriptions;
pub mod reference;
pub mod serve_ci_reference;
pub mod serve_surface;
pub mod surface;
mod synopsis;

use std::path::{Path, PathBuf};

use anyhow::Context as _;
use clap::ValueHint;
use clap_complete::{Generator, Shell};

use crate::cli::full_command;

/// The one command that regenerates every asset, run from the project root.
pub const REGENERATE_COMMAND: &str = "cargo run -- generate-assets";

/// The name completions and man pages are written for.
pub const BIN_NAME: &str = "courier-token";

pub const COMPLETIONS_DIR: &str = "completions";
pub const MAN_DIR: &str = "man";
pub const HELP_SNAPSHOTS_DIR: &str = "tests/snapshots/help";

/// Every folder the assets are written to, relative to the project root.
pub const ASSET_DIRS: [&str; 3] = [COMPLETIONS_DIR, MAN_DIR, HELP_SNAPSHOTS_DIR];

/// The terminal width help snapshots are rendered at (clap's widest, whatever the terminal).
pub const HELP_WIDTH: usize = 100;

/// The shells completion scripts are generated for.
pub const SHELLS: [Shell; 5] = [
    Shell::Bash,
    Shell::Zsh,
    Shell::Fish,
    Shell::PowerShell,
    Shell::Elvish,
];

/// One generated file: where it goes, relative to the project root, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    pub path: PathBuf,
    pub contents: Vec<u8>,
}

impl Asset {
    fn new(dir: &str, file_name: impl AsRef<Path>, contents: impl Into<Vec<u8>>) -> Self {
        Self {
            path: Path::new(dir).join(file_name),
            contents: contents.into(),
        }
    }
}

/// The completion script for `shell`, covering the documented surface only.
pub fn completion_script(shell: Shell) -> Vec<u8> {
    let mut surface = free_text_values(surface::without_hidden(&full_command()));
    let mut script = Vec::new();
    clap_complete::generate(shell, &mut surface, BIN_NAME, &mut script);
    match shell {
        Shell::Bash => complete_across_colons(&repair_bash_subcommand_states(
            &String::from_utf8_lossy(&script),
        ))
        .into_bytes(),
        _ => script,
    }
}

/// `command` with every value that is not a path marked as free text, so no shell offers file
/// names for `--expires-in`, `--user-id` or a token. clap completes any value as a file name
/// unless told otherwise; saying so on each option in `cli/` would cost every start-up an
/// allocation per option, so the rule is applied here, to the copy completions come from: a
/// value that is neither a path (a `PathBuf`, or a hint given in `cli/`) nor one of a list of
/// possible values is free text, and one named URL is a URL.
fn free_text_values(command: clap::Command) -> clap::Command {
    command
        .mut_args(|arg| {
            let free_text = arg.get_action().takes_values()
                && arg.get_value_hint() == ValueHint::Unknown
                && arg.get_possible_values().is_empty();
            let is_url = arg
                .get_value_names()
                .is_some_and(|names| names.iter().any(|name| name == "URL"));
            match (free_text, is_url) {
                (true, true) => arg.value_hint(ValueHint::Url),
                (true, false) => arg.value_hint(ValueHint::Other),
                (false, _) => arg,
            }
        })
        .mut_subcommands(free_text_values)
}

/// clap_complete's bash script (4.6.11) names a subcommand's state two ways when the binary
/// name has a hyphen: the loop that walks the words sets `courier__token__subcmd__issue`, the
/// `case` arm that completes it is labelled `courier__subcmd__token__subcmd__issue`, so
/// nothing after a subcommand would complete (clap-rs/clap#6421). This relabels the arms the
/// way the loop spells them; once clap_complete is fixed it finds nothing to change.
fn repair_bash_subcommand_states(script: &str) -> String {
    const SEPARATOR: &str = "__subcmd__";
    let wrong = format!("{}{SEPARATOR}", BIN_NAME.replace('-', SEPARATOR));
    let right = format!("{}{SEPARATOR}", BIN_NAME.replace('-', "__"));
    script
        .split_inclusive('\n')
        .map(|line| {
            let label = line.trim_start();
            if label.starts_with(&wrong) && label.trim_end().ends_with(')') {
                line.replacen(&wrong, &right, 1)
            } else {
                line.to_string()
            }
        })
        .collect()
}

/// Scopes hold colons (`inbox:read:messages`), and bash splits the words it completes at the
/// characters in `COMP_WORDBREAKS`, `:` included, so clap_complete's function would see `:` as
/// the word before the cursor and offer options (`inbox:<TAB>` gave `inbox:-`). This wraps it
/// the way bash-completion's `_get_comp_words_by_ref -n :` and `__ltrim_colon_completions` do:
/// the word at the cursor and the one before are rejoined from `COMP_LINE`, and each offer loses
/// the part before the last colon, which bash keeps in the line.
fn complete_across_colons(script: &str) -> String {
    let function = format!("_{}", BIN_NAME.replace('-', "__"));
    let wrapper = format!("{function}_colon_aware");
    let registration = format!("complete -F {function} ");
    if !script.contains(&registration) {
        return script.to_string();
    }
    let definition = format!(
        r#"# Completes across colons in words (scopes such as inbox:read:messages); see COMP_WORDBREAKS.
{wrapper}() {{
    local cur="$2" prev="$3"
    if [[ "$COMP_WORDBREAKS" == *:* ]]; then
        local line="${{COMP_LINE:0:COMP_POINT}}"
        cur="${{line##*[[:space:]]}}"
        local before="${{line%"$cur"}}"
        before="${{before%"${{before##*[![:space:]]}}"}}"
        prev="${{before##*[[:space:]]}}"
    fi
    {function} "$1" "$cur" "$prev"
    if [[ "$COMP_WORDBREAKS" == *:* && "$cur" == *:* ]]; then
        local colon_prefix="${{cur%"${{cur##*:}}"}}" i
        for i in "${{!COMPREPLY[@]}}"; do
            COMPREPLY[i]="${{COMPREPLY[i]#"$colon_prefix"}}"
        done
    fi
}}

"#
    );
    let registered_at = script
        .find("if [[ \"${BASH_VERSINFO[0]}\" -eq 4")
        .unwrap_or_else(|| script.find(&registration).unwrap_or(script.len()));
    let (body, registration_block) = script.split_at(registered_at);
    format!(
        "{body}{definition}{}",
        registration_block.replace(&registration, &format!("complete -F {wrapper} "))
    )
}

/// Every asset, in a stable order: completions, man pages, help snapshots.
pub fn all_assets() -> anyhow::Result<Vec<Asset>> {
    let mut assets: Vec<Asset> = SHELLS
        .iter()
        .map(|shell| {
            Asset::new(
                COMPLETIONS_DIR,
                shell.file_name(BIN_NAME),
                completion_script(*shell),
            )
        })
        .collect();
    assets.extend(man_page_assets().context("rendering the man pages")?);
    assets.extend(help_snapshots());
    Ok(assets)
}

fn man_page_assets() -> std::io::Result<Vec<Asset>> {
    let mut surface = surface::without_hidden(&full_command()).disable_help_subcommand(true);
    surface.build();
    let page_file = |name: &str| format!("{name}.{}", man_pages::SECTION);
    let mut pages = vec![Asset::new(
        MAN_DIR,
        page_file(BIN_NAME),
        man_pages::main_page(&surface)?,
    )];
    for subcommand in surface.get_subcommands().filter(|sub| !sub.is_hide_set()) {
        let name = format!("{BIN_NAME}-{}", subcommand.get_name());
        pages.push(Asset::new(
            MAN_DIR,
            page_file(&name),
            man_pages::subcommand_page(&surface, subcommand)?,
        ));
    }
    Ok(pages)
}

/// `courier-token --help` and each visible subcommand's `--help`, as the binary prints them
/// at [`HELP_WIDTH`] columns.
pub fn help_snapshots() -> Vec<Asset> {
    let mut command = full_command().term_width(HELP_WIDTH);
    command.build();
    let names: Vec<String> = command
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
        .map(|sub| sub.get_name().to_string())
        .collect();
    let mut snapshots = vec![Asset::new(
        HELP_SNAPSHOTS_DIR,
        format!("{BIN_NAME}.txt"),
        help_as_printed(&mut command),
    )];
    for name in names {
        if let Some(subcommand) = command.find_subcommand_mut(&name) {
            snapshots.push(Asset::new(
                HELP_SNAPSHOTS_DIR,
                format!("{BIN_NAME}-{name}.txt"),
                help_as_printed(subcommand),
            ));
        }
    }
    snapshots
}

/// What `--help` prints for `command`: clap's long help when something shown has more to say
/// than its summary (a long help, or possible values with their own help), else the short one.
/// This is clap's own rule (`Command::long_help_exists`, not public), applied to what is shown.
fn help_as_printed(command: &mut clap::Command) -> String {
    let says_more = |arg: &clap::Arg| {
        !arg.is_hide_set()
            && (arg.get_long_help().is_some()
                || arg.is_hide_long_help_set()
                || arg.is_hide_short_help_set()
                || (!arg.is_hide_possible_values_set()
                    && arg
                        .get_possible_values()
                        .iter()
                        .any(|value| value.get_help().is_some() && !value.is_hide_set())))
    };
    let long = command.get_long_about().is_some()
        || command.get_before_long_help().is_some()
        || command.get_after_long_help().is_some()
        || command.get_arguments().any(says_more);
    if long {
        command.render_long_help().to_string()
    } else {
        command.render_help().to_string()
    }
}

/// Writes every asset under `root`, creating folders as needed; returns the paths written.
/// Files that are no longer generated are left alone (the asset test names them).
pub fn write_assets(root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let mut written = Vec::new();
    for asset in all_assets()? {
        let path = root.join(&asset.path);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("creating the folder {}", dir.display()))?;
        }
        std::fs::write(&path, &asset.contents)
            .with_context(|| format!("writing {}", path.display()))?;
        written.push(path);
    }
    Ok(written)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bash_repair_relabels_only_the_case_arms() {
        let script = "            courier__token,issue)\n                cmd=\"courier__token__subcmd__issue\"\n        courier__subcmd__token__subcmd__issue)\n";
        assert_eq!(
            repair_bash_subcommand_states(script),
            "            courier__token,issue)\n                cmd=\"courier__token__subcmd__issue\"\n        courier__token__subcmd__issue)\n"
        );
    }

    #[test]
    fn every_shell_gets_a_script_named_as_packagers_expect() {
        let names: Vec<String> = SHELLS
            .iter()
            .map(|shell| shell.file_name(BIN_NAME))
            .collect();
        assert_eq!(
            names,
            [
                "courier-token.bash",
                "_courier-token",
                "courier-token.fish",
                "_courier-token.ps1",
                "courier-token.elv"
            ]
        );
    }
}
