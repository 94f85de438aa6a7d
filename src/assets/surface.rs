//! The documented command-line surface: the clap definition without what `hide` keeps out of
//! `--help` (the refused `--key` option, the maintainers' `generate-assets`). clap_complete
//! lists hidden arguments and subcommands like any other, so completions and man pages are
//! generated from this copy instead of from `cli::full_command()` directly. What to hide is decided
//! in `cli/`; this module only honours it.

use clap::{Arg, ArgGroup, Command};

/// A copy of `command` (not yet built) without its hidden arguments and subcommands, at every
/// level. The copy keeps what help, completions and man pages read; a test checks it renders
/// the same help as the original for every visible subcommand.
///
/// Global options are copied into each subcommand here, as clap's build would, except where
/// the subcommand has an argument of the same id: a subcommand hides the global options it
/// does not use that way (`cli::hide_unused_globals`), and the copy leaves those out too.
pub fn without_hidden(command: &Command) -> Command {
    copy_without_hidden(command, &[])
}

/// [`without_hidden`] for a command whose ancestors' global options are `inherited`.
fn copy_without_hidden(command: &Command, inherited: &[Arg]) -> Command {
    let mut copy = Command::new(command.get_name().to_string())
        .subcommand_required(command.is_subcommand_required_set())
        .arg_required_else_help(command.is_arg_required_else_help_set())
        .propagate_version(command.is_propagate_version_set())
        .disable_help_subcommand(command.is_disable_help_subcommand_set());
    if let Some(version) = command.get_version() {
        copy = copy.version(version.to_string());
    }
    if let Some(version) = command.get_long_version() {
        copy = copy.long_version(version.to_string());
    }
    if let Some(author) = command.get_author() {
        copy = copy.author(author.to_string());
    }
    if let Some(about) = command.get_about() {
        copy = copy.about(about.clone());
    }
    if let Some(about) = command.get_long_about() {
        copy = copy.long_about(about.clone());
    }
    if let Some(text) = command.get_before_help() {
        copy = copy.before_help(text.clone());
    }
    if let Some(text) = command.get_before_long_help() {
        copy = copy.before_long_help(text.clone());
    }
    if let Some(text) = command.get_after_help() {
        copy = copy.after_help(text.clone());
    }
    if let Some(text) = command.get_after_long_help() {
        copy = copy.after_long_help(text.clone());
    }
    if let Some(name) = command.get_subcommand_value_name() {
        copy = copy.subcommand_value_name(name.to_string());
    }
    if let Some(heading) = command.get_subcommand_help_heading() {
        copy = copy.subcommand_help_heading(heading.to_string());
    }
    copy = copy.visible_aliases(
        command
            .get_visible_aliases()
            .map(str::to_string)
            .collect::<Vec<_>>(),
    );

    let hidden: Vec<&str> = command
        .get_arguments()
        .filter(|arg| arg.is_hide_set())
        .map(|arg| arg.get_id().as_str())
        .collect();
    copy = copy.args(
        command
            .get_arguments()
            .filter(|arg| !arg.is_hide_set())
            .map(|arg| arg.clone().global(false)),
    );
    copy = copy.args(
        inherited
            .iter()
            .filter(|global| {
                command
                    .get_arguments()
                    .all(|arg| arg.get_id() != global.get_id())
            })
            .cloned(),
    );
    for group in command.get_groups() {
        // `ArgGroup::is_multiple` takes `&mut self`.
        let multiple = group.clone().is_multiple();
        let members: Vec<String> = group
            .get_args()
            .map(|id| id.as_str())
            .filter(|id| !hidden.contains(id))
            .map(str::to_string)
            .collect();
        copy = copy.group(
            ArgGroup::new(group.get_id().as_str().to_string())
                .args(members)
                .multiple(multiple)
                .required(group.is_required_set()),
        );
    }
    let mut globals: Vec<Arg> = inherited.to_vec();
    globals.extend(
        command
            .get_arguments()
            .filter(|arg| arg.is_global_set() && !arg.is_hide_set())
            .map(|arg| arg.clone().global(false)),
    );
    copy.subcommands(
        command
            .get_subcommands()
            .filter(|sub| !sub.is_hide_set())
            .map(|sub| copy_without_hidden(sub, &globals)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::full_command;

    fn names(command: &Command) -> Vec<String> {
        command
            .get_subcommands()
            .map(|sub| sub.get_name().to_string())
            .collect()
    }

    #[test]
    fn hidden_subcommands_and_arguments_are_gone() {
        let mut surface = without_hidden(&full_command());
        surface.build();
        assert!(!names(&surface).contains(&"generate-assets".to_string()));
        for command in std::iter::once(&surface).chain(surface.get_subcommands()) {
            assert!(command.get_arguments().all(|arg| !arg.is_hide_set()));
        }
    }

    #[test]
    fn the_copy_renders_the_same_help_as_the_original() {
        let mut original = full_command().term_width(100);
        let mut surface = without_hidden(&original).term_width(100);
        original.build();
        surface.build();
        assert_eq!(
            surface.render_long_help().to_string(),
            original.render_long_help().to_string()
        );
        assert_eq!(surface.render_version(), original.render_version());
        for name in names(&surface) {
            let copy = surface.find_subcommand_mut(&name).map(|sub| {
                (
                    sub.render_long_help().to_string(),
                    sub.render_usage().to_string(),
                )
            });
            let real = original.find_subcommand_mut(&name).map(|sub| {
                (
                    sub.render_long_help().to_string(),
                    sub.render_usage().to_string(),
                )
            });
            assert_eq!(copy, real, "help of `{name}` differs");
        }
    }
}
