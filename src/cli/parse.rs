//! Parsing a run's arguments cheaply. Clap builds its whole command tree (every subcommand's
//! options) before it parses, and frees it afterwards; for a single `issue` that is most of the
//! tool's own start-up. Here the first pass parses with [`DeferredCommand`], which builds only
//! the chosen subcommand's options, and the tree is left for the process's exit to reclaim
//! instead of being freed piece by piece. Anything that first pass does not accept (help,
//! `--version`, a usage error) is parsed again with the full [`Cli`] tree, so what clap prints
//! is exactly what the full definition says: deferral changes the order of a deferred
//! subcommand's help sections (its global options would come first), never what it accepts.
//! The chosen subcommand gets the same hidden stand-ins for the global options it does not use
//! as in the full tree (`hide_unused_globals`), so both passes accept the same arguments.

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches, Subcommand};

use super::{Cli, CommandLine, DeferredCommand, GlobalArgs};

/// `Cli::try_parse_from(args)`, for less.
pub fn parse(args: &[OsString]) -> Result<Cli, clap::Error> {
    if let Some(cli) = parse_deferred(args) {
        return Ok(cli);
    }
    let mut command = Cli::command();
    let mut matches = command.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|error| error.format(&mut command))
}

/// The first pass; `None` for anything it did not accept. Its tree holds the global options and
/// only the subcommand the arguments name first, so neither the others' options nor the copies
/// of the global options clap gives every subcommand get built. If that guess is wrong (a global
/// option's value that spells a subcommand), this tree refuses the real subcommand and the full
/// parse takes over; if it is accepted, the full tree reads the same arguments the same way.
fn parse_deferred(args: &[OsString]) -> Option<Cli> {
    let stubs = DeferredCommand::augment_subcommands(clap::Command::new(""));
    let chosen = args
        .iter()
        .skip(1)
        .filter_map(|arg| arg.to_str())
        .find_map(|arg| stubs.find_subcommand(arg))?
        .clone();
    let mut command =
        CommandLine::<NoSubcommand>::command().subcommand(super::hide_unused_globals(chosen));
    let mut matches = command.try_get_matches_from_mut(args).ok()?;
    let global = GlobalArgs::from_arg_matches_mut(&mut matches).ok()?;
    let deferred = DeferredCommand::from_arg_matches_mut(&mut matches).ok()?;
    // Built once per process and never needed again: the exit reclaims it all at once.
    std::mem::forget(matches);
    std::mem::forget(command);
    std::mem::forget(stubs);
    Some(Cli {
        global,
        command: deferred.into(),
    })
}

/// The top level with no subcommands of its own: [`parse_deferred`] adds the one it needs.
#[derive(Debug, clap::Subcommand)]
enum NoSubcommand {}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;

    fn args(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn deferred_definition_is_consistent() {
        CommandLine::<DeferredCommand>::command().debug_assert();
    }

    #[test]
    fn deferred_subcommands_have_the_full_options() {
        let mut full = Cli::command();
        let mut deferred = CommandLine::<DeferredCommand>::command();
        full.build();
        deferred.build();
        // Everything but the display order, which only help reads, and help comes from the full
        // tree: the first pass adds a subcommand's hidden global options before its own.
        let without_display_order = |debug: String| match debug.split_once("disp_ord: ") {
            Some((before, after)) => {
                format!(
                    "{before}{}",
                    after.split_once(", ").map_or("", |(_, rest)| rest)
                )
            }
            None => debug,
        };
        let options = |command: &clap::Command| {
            let mut ids: Vec<String> = command
                .get_arguments()
                .map(|arg| without_display_order(format!("{arg:?}")))
                .collect();
            ids.sort();
            ids
        };
        for (full, deferred) in full.get_subcommands().zip(deferred.get_subcommands()) {
            assert_eq!(full.get_name(), deferred.get_name());
            assert_eq!(options(full), options(deferred), "{}", full.get_name());
        }
    }

    #[test]
    fn both_passes_agree() {
        for line in [
            "courier-token issue --user-id u --expires-in 2h --json",
            "courier-token --now 0 verify -q --leeway 30s tok",
            "courier-token hmac-sign --key-env K u --verify ab",
            "courier-token doctor --offline --region eu tok",
            "courier-token --color never inspect --json tok",
            "courier-token --key-env verify issue --user-id u",
            "courier-token --key-env=issue verify --json tok",
            "courier-token completions bash",
            "courier-token hmac-sign --now 0 --color never u",
            "courier-token --date local completions --key-env K zsh",
        ] {
            let full = Cli::try_parse_from(args(line)).unwrap();
            let ours = parse(&args(line)).unwrap();
            assert_eq!(format!("{full:?}"), format!("{ours:?}"), "{line}");
        }
    }

    #[test]
    fn the_first_pass_takes_ordinary_runs_alone() {
        for line in [
            "courier-token issue --user-id u",
            "courier-token --key-file k verify tok",
            "courier-token hmac-sign --user-ids-from ids.txt",
        ] {
            assert!(parse_deferred(&args(line)).is_some(), "{line}");
        }
        assert!(parse_deferred(&args("courier-token --key-env verify issue")).is_none());
    }

    #[test]
    fn help_and_errors_come_from_the_full_tree() {
        for line in [
            "courier-token issue --help",
            "courier-token help issue",
            "courier-token --version",
            "courier-token issue --bogus",
            "courier-token verfy",
        ] {
            let full = Cli::try_parse_from(args(line)).unwrap_err();
            let ours = parse(&args(line)).unwrap_err();
            assert_eq!(full.kind(), ours.kind(), "{line}");
            assert_eq!(
                full.render().to_string(),
                ours.render().to_string(),
                "{line}"
            );
        }
    }
}
