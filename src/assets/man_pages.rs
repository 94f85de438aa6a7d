//! The man pages. `courier-token(1)` is clap_mangen's synopsis, options and subcommand list plus
//! the sections a man reader expects of a command: ENVIRONMENT, EXIT STATUS, EXAMPLES and
//! SECURITY, written here as data so they are easy to extend. Each subcommand's page turns its
//! `--help` notes and examples (`after_help` in `cli.rs`) into NOTES and EXAMPLES sections.
//! Pages carry no date, so the same code always produces the same bytes. Which pages exist and
//! where they are written is `assets`' business, not this module's.

use std::io::{self, Write};

use clap::Command;
use clap_mangen::roff::{bold, roman, Roff};
use clap_mangen::Man;

use crate::exit_codes::{ERROR, NEGATIVE, SUCCESS};
use crate::key::{API_KEY_ENV, LEGACY_API_KEY_ENV};

/// The manual section every page belongs to: user commands.
pub const SECTION: &str = "1";

/// An environment variable the tool reads, as ENVIRONMENT documents it.
pub struct EnvironmentVariable {
    pub name: &'static str,
    pub meaning: &'static str,
}

/// Every environment variable the tool reads. To document a new one, add an entry; the section
/// lists them in this order.
pub const ENVIRONMENT: &[EnvironmentVariable] = &[
    EnvironmentVariable {
        name: API_KEY_ENV,
        meaning: "The API key that signs and verifies tokens and user signatures, unless \
                  --key-file or --key-env names another source. Set but empty is an error, not a \
                  fallback. inspect needs no key; with one, it also checks the signature.",
    },
    EnvironmentVariable {
        name: LEGACY_API_KEY_ENV,
        meaning: "The legacy name for the API key (older Courier SDKs), read only when \
                  COURIER_API_KEY is unset.",
    },
    EnvironmentVariable {
        name: "NO_COLOR",
        meaning: "When set to a non-empty value, --color auto (the default) does not colour \
                  output. JSON output is never coloured.",
    },
];

/// One exit status: what it means overall, then what it means for each command that uses it.
struct ExitStatus {
    code: u8,
    meaning: &'static str,
    by_command: &'static [(&'static str, &'static str)],
}

const EXIT_STATUSES: &[ExitStatus] = &[
    ExitStatus {
        code: SUCCESS,
        meaning: "Success, and the answer, if the command asks a question, is yes.",
        by_command: &[
            ("issue", "the token was minted"),
            ("verify", "every token is valid"),
            ("hmac-sign", "the signature was computed, or with --verify it matches"),
            ("inspect", "a token was found and decoded (even one no verifier accepts)"),
            ("completions", "the script was printed"),
        ],
    },
    ExitStatus {
        code: NEGATIVE,
        meaning: "A negative answer: the command ran fine, and the answer is no.",
        by_command: &[
            ("verify", "a token was rejected (the verdict names the reason code)"),
            ("hmac-sign --verify", "the signature does not match"),
            ("inspect", "no token was found in the input"),
        ],
    },
    ExitStatus {
        code: ERROR,
        meaning: "An error: bad usage (an unknown option, a missing argument), no key or an \
                  empty one, unreadable or oversized input, a scope or lifetime that issue refuses, \
                  a signature that is not 64 hex digits. The message on stderr says which.",
        by_command: &[],
    },
];

/// What an example does, and the command lines that do it.
struct Example {
    purpose: &'static str,
    commands: &'static [&'static str],
}

const EXAMPLES: &[Example] = &[
    Example {
        purpose: "A local test token for the Inbox, valid for two days, with the key from the \
                  environment:",
        commands: &["courier-token issue --user-id smokey12345 --expires-in '2 days'"],
    },
    Example {
        purpose: "An already-expired token, to test an app's refresh path:",
        commands: &["courier-token issue --user-id smokey12345 --expires-in -1h"],
    },
    Example {
        purpose: "Reproducible fixtures in CI: a pinned clock and token id give the same bytes \
                  every run, and the test job checks the token as of that time:",
        commands: &[
            "NOW=2024-01-01T00:00:00Z",
            "courier-token issue --user-id alice --now \"$NOW\" \\",
            "    --jti 00000000-0000-4000-8000-000000000001 > fixtures/alice.jwt",
            "courier-token verify --now \"$NOW\" -q --user-id alice < fixtures/alice.jwt",
        ],
    },
    Example {
        purpose: "Fail a CI job unless the token is valid for this user and carries the Inbox \
                  scopes:",
        commands: &[
            "courier-token verify \"$TOKEN\" -q --user-id smokey12345 \\",
            "    --require-scope inbox:read:messages --require-scope inbox:write:events",
        ],
    },
    Example {
        purpose: "Decode a token copied from a browser's network tab (a bare token, a Bearer \
                  header or a whole curl command will do) and explain it, without a key:",
        commands: &["pbpaste | courier-token inspect"],
    },
    Example {
        purpose: "The key from a file readable only by you, instead of the environment:",
        commands: &["courier-token --key-file ~/.config/courier/key issue --user-id smokey12345"],
    },
    Example {
        purpose: "Install bash completion for your user:",
        commands: &[
            "courier-token completions bash \\",
            "    > ~/.local/share/bash-completion/completions/courier-token",
        ],
    },
];

const DESCRIPTION: &[&str] = &[
    "Courier's Inbox authenticates a user with a per-user JWT whose scope names the user \
     (user_id:<id> inbox:read:messages inbox:write:events) or, the deprecated way, with an \
     HMAC-SHA256 signature of the user id keyed by the API key. courier-token mints and \
     verifies the first, computes and checks the second, and decodes any token to explain it \
     in Courier's terms. Each subcommand has its own page, listed under SUBCOMMANDS.",
    "Commands that sign or verify read the API key from, in order of precedence: --key-file \
     PATH (--key-file - reads stdin), --key-env NAME, then COURIER_API_KEY and the legacy \
     COURIER_AUTH_TOKEN. No option takes the key itself; see SECURITY.",
    "--now TIME stands in for the clock everywhere, so output can be exact and reproducible. \
     Results go to stdout, diagnostics to stderr.",
];

const SECURITY: &[&str] = &[
    "The API key is never a command-line argument. Arguments are visible to every user of the \
     machine through ps(1) and /proc, and end up in shell history; --key is refused with an \
     error naming the sources that are safe. Keep the key in a file readable only by you \
     (courier-token warns when a key file is readable by group or others), in an environment \
     variable, or pipe it to --key-file -. The key never appears in output, error messages or \
     help, and is wiped from memory when no longer needed.",
    "The HMAC user signature (hmac-sign) is deprecated by Courier: prefer JWTs from issue. It \
     is computed with the API key, so it must never be computed in a frontend: a browser or a \
     mobile app that can compute it holds the key, and with it anyone can sign \
     for any user. Compute it on your server and hand the frontend only the signature.",
    "A token minted with the API key is a faithful local or test token; Courier signs its real \
     tokens with a workspace key. A token without exp (issue --no-expiry) never expires and, \
     like any JWT, cannot be revoked.",
];

/// The main page, `courier-token(1)`, from the built documented surface.
pub fn main_page(surface: &Command) -> io::Result<Vec<u8>> {
    let mut page = Page::new(surface);
    page.clap_part(Man::render_name_section)?;
    page.clap_part(Man::render_synopsis_section)?;
    page.clap_part(Man::render_description_section)?;
    page.roff(&paragraphs(DESCRIPTION, false))?;
    page.clap_part(Man::render_options_section)?;
    page.clap_part(Man::render_subcommands_section)?;
    page.roff(&exit_status_section())?;
    page.roff(&environment_section())?;
    page.roff(&examples_section())?;
    let mut security = Roff::new();
    security.control("SH", ["SECURITY"]);
    security.extend([paragraphs(SECURITY, true)]);
    page.roff(&security)?;
    page.roff(&see_also(&subcommand_page_names(surface)))?;
    Ok(page.out)
}

/// The page of one subcommand (taken from the built surface, so its usage reads
/// `courier-token issue ...`), named `courier-token-issue(1)`.
pub fn subcommand_page(subcommand: &Command) -> io::Result<Vec<u8>> {
    let mut page = Page::new(subcommand);
    page.clap_part(Man::render_name_section)?;
    page.clap_part(Man::render_synopsis_section)?;
    page.clap_part(Man::render_description_section)?;
    page.clap_part(Man::render_options_section)?;
    if let Some(text) = subcommand.get_after_help() {
        page.roff(&after_help_sections(&text.to_string()))?;
    }
    page.roff(&see_also(&["courier-token".to_string()]))?;
    Ok(page.out)
}

/// The page names of the subcommands that get a page: all visible ones but `help`.
pub fn subcommand_page_names(surface: &Command) -> Vec<String> {
    surface
        .get_subcommands()
        .filter(|sub| !sub.is_hide_set() && sub.get_name() != "help")
        .map(|sub| format!("{}-{}", surface.get_name(), sub.get_name()))
        .collect()
}

/// A page being assembled from clap_mangen's sections and our own.
struct Page {
    man: Man,
    /// What every roff rendering starts with (it defines the apostrophe); kept once, at the top.
    preamble: String,
    out: Vec<u8>,
}

impl Page {
    /// Starts the page with the preamble and the title line. The date is left empty on purpose
    /// so the same code always writes the same bytes; it is written as `""` because an empty
    /// argument would otherwise vanish and shift the source into the date's place.
    fn new(command: &Command) -> Self {
        let name = command.get_display_name().unwrap_or(command.get_name());
        let version = command.get_version().unwrap_or_default();
        let preamble = Roff::new().render();
        let mut out = preamble.clone().into_bytes();
        out.extend_from_slice(
            format!(
                ".TH {} {SECTION} \"\" \"courier-token {version}\" \"User Commands\"\n.nh\n.ad l\n",
                name.to_uppercase()
            )
            .as_bytes(),
        );
        Self {
            man: Man::new(command.clone()),
            preamble,
            out,
        }
    }

    /// Appends a section clap_mangen renders. It separates an option's help from its possible
    /// values with `.br`, an empty line and `.br`, which mandoc rightly flags (an empty line
    /// in filled text); `.sp` is the portable spelling of that gap.
    fn clap_part(&mut self, render: fn(&Man, &mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        let mut part = Vec::new();
        render(&self.man, &mut part)?;
        let part = String::from_utf8_lossy(&part).replace(".br\n\n.br\n", ".sp\n");
        self.append(part.as_bytes());
        Ok(())
    }

    fn roff(&mut self, roff: &Roff) -> io::Result<()> {
        let mut part = Vec::new();
        roff.to_writer(&mut part)?;
        self.append(&part);
        Ok(())
    }

    fn append(&mut self, part: &[u8]) {
        let part = part.strip_prefix(self.preamble.as_bytes()).unwrap_or(part);
        self.out.extend_from_slice(part);
    }
}

/// Paragraphs of filled text; `after_heading` leaves out the paragraph break a section heading
/// already makes.
fn paragraphs(texts: &[&str], after_heading: bool) -> Roff {
    let mut roff = Roff::new();
    for (index, text) in texts.iter().enumerate() {
        if index > 0 || !after_heading {
            roff.control("PP", []);
        }
        roff.text([roman(*text)]);
    }
    roff
}

/// Command lines, indented and unfilled, as a man reader expects them.
fn code_block(roff: &mut Roff, lines: &[&str]) {
    roff.control("RS", ["4"]);
    roff.control("nf", []);
    for line in lines {
        roff.text([roman(*line)]);
    }
    roff.control("fi", []);
    roff.control("RE", []);
}

fn exit_status_section() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXIT STATUS"]);
    for status in EXIT_STATUSES {
        roff.control("TP", []);
        roff.text([bold(status.code.to_string())]);
        roff.text([roman(status.meaning)]);
        for (command, meaning) in status.by_command {
            roff.control("RS", []);
            roff.control("TP", []);
            roff.text([bold(*command)]);
            roff.text([roman(*meaning)]);
            roff.control("RE", []);
        }
    }
    roff
}

fn environment_section() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["ENVIRONMENT"]);
    for variable in ENVIRONMENT {
        roff.control("TP", []);
        roff.text([bold(variable.name)]);
        roff.text([roman(variable.meaning)]);
    }
    roff
}

fn examples_section() -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["EXAMPLES"]);
    for (index, example) in EXAMPLES.iter().enumerate() {
        if index > 0 {
            roff.control("PP", []);
        }
        roff.text([roman(example.purpose)]);
        code_block(&mut roff, example.commands);
    }
    roff
}

fn see_also(pages: &[String]) -> Roff {
    let mut roff = Roff::new();
    roff.control("SH", ["SEE ALSO"]);
    let mut references = Vec::new();
    for (index, page) in pages.iter().enumerate() {
        if index > 0 {
            references.push(roman(", "));
        }
        references.push(bold(page.as_str()));
        references.push(roman(format!("({SECTION})")));
    }
    roff.text(references);
    roff
}

/// A subcommand's `after_help` as man sections: the text before "Examples:" becomes NOTES
/// (indented lines stay as they are, other lines are filled), the examples become EXAMPLES
/// (a `# comment` line says what the command lines after it do).
fn after_help_sections(text: &str) -> Roff {
    let lines: Vec<&str> = text.lines().collect();
    let (notes, examples) = match lines.iter().position(|line| *line == "Examples:") {
        Some(index) => (&lines[..index], &lines[index + 1..]),
        None => (&lines[..], &[][..]),
    };
    let mut roff = Roff::new();
    if notes.iter().any(|line| !line.trim().is_empty()) {
        roff.control("SH", ["NOTES"]);
        for (index, block) in blocks(notes).iter().enumerate() {
            if index > 0 {
                roff.control("PP", []);
            }
            notes_block(&mut roff, block);
        }
    }
    if examples.iter().any(|line| !line.trim().is_empty()) {
        roff.control("SH", ["EXAMPLES"]);
        for (index, block) in blocks(examples).iter().enumerate() {
            if index > 0 {
                roff.control("PP", []);
            }
            examples_block(&mut roff, block);
        }
    }
    roff
}

/// Runs of lines separated by blank lines.
fn blocks<'a>(lines: &[&'a str]) -> Vec<Vec<&'a str>> {
    lines
        .split(|line| line.trim().is_empty())
        .filter(|block| !block.is_empty())
        .map(<[&str]>::to_vec)
        .collect()
}

fn notes_block(roff: &mut Roff, block: &[&str]) {
    let mut rest = block;
    while let Some(first) = rest.first() {
        let indented = first.starts_with(' ');
        let run = rest
            .iter()
            .take_while(|line| line.starts_with(' ') == indented)
            .count();
        if indented {
            let lines: Vec<&str> = rest[..run].iter().map(|line| line.trim()).collect();
            code_block(roff, &lines);
        } else {
            roff.text([roman(rest[..run].join(" "))]);
        }
        rest = &rest[run..];
    }
}

fn examples_block(roff: &mut Roff, block: &[&str]) {
    let (comments, commands): (Vec<&str>, Vec<&str>) = {
        let split = block
            .iter()
            .position(|line| !line.trim_start().starts_with('#'))
            .unwrap_or(block.len());
        (block[..split].to_vec(), block[split..].to_vec())
    };
    if !comments.is_empty() {
        let purpose: Vec<&str> = comments
            .iter()
            .map(|line| line.trim_start().trim_start_matches('#').trim())
            .collect();
        roff.text([roman(format!("{}:", purpose.join(" ")))]);
    }
    if !commands.is_empty() {
        let indent = commands
            .iter()
            .map(|line| line.len() - line.trim_start().len())
            .min()
            .unwrap_or(0);
        let lines: Vec<&str> = commands.iter().map(|line| &line[indent..]).collect();
        code_block(roff, &lines);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn examples_split_into_purpose_and_commands() {
        let roff = after_help_sections(
            "Intro line\n  indented\n\nExamples:\n  # Do a thing\n  cmd one \\\n      --flag\n",
        );
        let text = roff.to_roff();
        assert!(text.contains(".SH NOTES\nIntro line\n.RS 4\n.nf\nindented\n.fi\n"));
        assert!(
            text.contains(".SH EXAMPLES\nDo a thing:\n.RS 4\n.nf\ncmd one \\\\\n    \\-\\-flag\n")
        );
    }
}
