//! The SYNOPSIS of each man page, written here rather than by clap_mangen, which lists a
//! subcommand's own options and the global ones in one run sorted by display order, each
//! without its value (`[--key-file] [--user-id] ...`). Here the global options stand before the
//! subcommand, where `courier-token`'s own options go, each option shows its value
//! (`[--user-id ID]...`), and the arguments come last.

use clap::{Arg, ArgAction, Command};
use clap_mangen::roff::{bold, italic, roman, Inline, Roff};

/// The help heading under which `cli` puts the global options.
const GLOBAL_HEADING: &str = "Global options";

/// `.SH SYNOPSIS` for the main page (`subcommand` is `None`) or for one subcommand's page,
/// from the built documented surface (`root` is `courier-token`).
pub(super) fn synopsis_section(root: &Command, subcommand: Option<&Command>) -> Roff {
    let mut line = vec![bold(root.get_name())];
    let globals: Vec<&Arg> = match subcommand {
        // A subcommand's copies of the global options are the ones that apply to it.
        Some(subcommand) => subcommand
            .get_arguments()
            .filter(|arg| is_global(arg))
            .collect(),
        None => root.get_arguments().filter(|arg| is_global(arg)).collect(),
    };
    for arg in &globals {
        push_option(&mut line, arg);
    }
    let command = match subcommand {
        Some(subcommand) => {
            line.push(roman(" "));
            line.push(bold(subcommand.get_name()));
            subcommand
        }
        None => root,
    };
    let own = command
        .get_arguments()
        .filter(|arg| !arg.is_positional() && !arg.is_hide_set() && !is_global(arg));
    for arg in own {
        push_option(&mut line, arg);
    }
    for arg in command.get_positionals().filter(|arg| !arg.is_hide_set()) {
        push_positional(&mut line, arg);
    }
    if subcommand.is_none() && command.has_subcommands() {
        line.push(roman(" "));
        line.push(italic("COMMAND"));
        line.push(roman(" ..."));
    }
    let mut roff = Roff::new();
    roff.control("SH", ["SYNOPSIS"]);
    roff.text(line);
    roff
}

fn is_global(arg: &Arg) -> bool {
    arg.get_help_heading() == Some(GLOBAL_HEADING)
}

/// ` [--name VALUE]`, ` [-h|--help]`, with `...` after one that may be repeated.
fn push_option(line: &mut Vec<Inline>, arg: &Arg) {
    line.push(roman(" ["));
    match (arg.get_short(), arg.get_long()) {
        (Some(short), Some(long)) => {
            line.push(bold(format!("-{short}")));
            line.push(roman("|"));
            line.push(bold(format!("--{long}")));
        }
        (Some(short), None) => line.push(bold(format!("-{short}"))),
        (None, Some(long)) => line.push(bold(format!("--{long}"))),
        (None, None) => return,
    }
    if arg.get_num_args().is_some_and(|range| range.takes_values()) {
        let names: Vec<String> = arg
            .get_value_names()
            .map(|names| names.iter().map(ToString::to_string).collect())
            .unwrap_or_else(|| vec![arg.get_id().as_str().to_uppercase()]);
        line.push(roman(" "));
        line.push(italic(names.join(" ")));
    }
    line.push(roman("]"));
    if matches!(arg.get_action(), ArgAction::Append) {
        line.push(roman("..."));
    }
}

/// ` TOKEN` when required, ` [TOKEN]` when not.
fn push_positional(line: &mut Vec<Inline>, arg: &Arg) {
    let name = arg
        .get_value_names()
        .and_then(|names| names.first())
        .map_or_else(|| arg.get_id().as_str().to_uppercase(), ToString::to_string);
    if arg.is_required_set() {
        line.push(roman(" "));
        line.push(italic(name));
    } else {
        line.push(roman(" ["));
        line.push(italic(name));
        line.push(roman("]"));
    }
}
