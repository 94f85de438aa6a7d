//! Parsing a run's arguments once. [`Cli`]'s subcommands defer their options, so a run builds
//! only the options of the subcommand it names (for a single `issue` clap's tree is most of the
//! tool's own start-up). Anything the run's parse does not accept (help, `--version`, a usage
//! error) is parsed again with [`full_command`], so what clap prints is exactly what the full
//! definition says, in its declared order.

use std::ffi::OsString;

use clap::{CommandFactory, FromArgMatches};

use super::{full_command, Cli};

/// `Cli::try_parse_from(args)`, building only the named subcommand's options; help, version
/// and usage errors come from the full tree.
pub fn parse(args: &[OsString]) -> Result<Cli, clap::Error> {
    let mut command = Cli::command();
    if let Ok(mut matches) = command.try_get_matches_from_mut(args) {
        if let Ok(cli) = Cli::from_arg_matches_mut(&mut matches) {
            return Ok(cli);
        }
    }
    let mut command = full_command();
    let mut matches = command.try_get_matches_from_mut(args)?;
    Cli::from_arg_matches_mut(&mut matches).map_err(|error| error.format(&mut command))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(line: &str) -> Vec<OsString> {
        line.split(' ').map(OsString::from).collect()
    }

    #[test]
    fn clap_definition_is_consistent() {
        full_command().debug_assert();
        Cli::command().debug_assert();
    }

    #[test]
    fn deferred_subcommands_have_the_full_options() {
        let mut full = full_command();
        let mut deferred = Cli::command();
        full.build();
        deferred.build();
        // Everything but the display order, which only help reads, and help comes from the full
        // tree: a deferred subcommand gets the global options before its own.
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
        assert_eq!(
            full.get_subcommands().count(),
            deferred.get_subcommands().count()
        );
        for (full, deferred) in full.get_subcommands().zip(deferred.get_subcommands()) {
            assert_eq!(full.get_name(), deferred.get_name());
            assert_eq!(options(full), options(deferred), "{}", full.get_name());
        }
    }

    #[test]
    fn runs_parse_as_the_full_tree_would() {
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
            let mut full = full_command();
            let mut matches = full.try_get_matches_from_mut(args(line)).unwrap();
            let expected = Cli::from_arg_matches_mut(&mut matches).unwrap();
            let ours = parse(&args(line)).unwrap();
            assert_eq!(format!("{expected:?}"), format!("{ours:?}"), "{line}");
        }
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
            let full = full_command().try_get_matches_from(args(line)).unwrap_err();
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
