//! The input `verify`, `inspect` and `doctor` read a token from: the TOKEN argument, `--from
//! FILE`, or stdin (`-`, or nothing given and stdin not a terminal). Every one of them is read by
//! `extract`, in bounded memory, and what the reading noticed (several different tokens and which
//! one was used, a token joined from several lines) is told on stderr the same way. Errors are
//! worded here, with the command's name in the hint.

use std::io::{IsTerminal, Read};
use std::path::Path;

use crate::commands::options::keys::refuse_stdin_twice;
use crate::extract::{extract_reader, extract_text, Extraction, ReadError};
use crate::key::KeySource;
use crate::reading::input::io_reason;
use crate::terminal::error::user_error_with_hint;

/// Where a command's token input comes from, as the command line says.
#[derive(Debug, Clone, Copy)]
pub struct PastedInput<'a> {
    /// The TOKEN argument (`-` means stdin).
    pub argument: Option<&'a str>,
    /// `--from FILE` (`-` means stdin).
    pub from: Option<&'a Path>,
    /// The subcommand, for hints.
    pub command: &'static str,
}

impl PastedInput<'_> {
    /// The argument's text, when the input is the argument itself.
    pub fn argument_text(&self) -> Option<&str> {
        self.argument.filter(|text| *text != "-")
    }

    /// True when the input is stdin.
    pub fn reads_stdin(&self) -> bool {
        match self.from {
            Some(path) => path == Path::new("-"),
            None => self.argument_text().is_none(),
        }
    }

    /// Refuses `--key-file -` together with a token on stdin, and waiting on a terminal for a
    /// token nobody said was coming.
    pub fn refuse_unreadable(&self, key_source: &KeySource) -> anyhow::Result<()> {
        refuse_stdin_twice(
            key_source,
            self.reads_stdin(),
            "reading the token from stdin",
        )?;
        let nothing_given = self.argument.is_none() && self.from.is_none();
        if nothing_given && std::io::stdin().is_terminal() {
            return Err(user_error_with_hint(
                "no token given",
                format!(
                    "pass the token as an argument, or pipe it in: ... | courier-token {} -",
                    self.command
                ),
            ));
        }
        Ok(())
    }

    /// The file or stdin to read, when the input is not the argument.
    pub fn open(&self) -> anyhow::Result<Box<dyn Read + Send>> {
        match self.from.filter(|path| *path != Path::new("-")) {
            Some(path) => match std::fs::File::open(path) {
                Ok(file) => Ok(Box::new(file)),
                Err(error) => Err(user_error_with_hint(
                    format!(
                        "cannot open --from {}: {}",
                        path.display(),
                        io_reason(&error)
                    ),
                    "check the path and its permissions",
                )),
            },
            None => Ok(Box::new(std::io::stdin())),
        }
    }

    /// What the input is called in errors: `stdin` or `--from PATH`.
    pub fn name(&self) -> String {
        match self.from.filter(|path| *path != Path::new("-")) {
            Some(path) => format!("--from {}", path.display()),
            None => "stdin".to_string(),
        }
    }

    /// Reads the whole input and finds its token(s), telling what the reading noticed.
    pub fn extract(&self) -> anyhow::Result<Extraction> {
        let extraction = match self.argument_text().filter(|_| self.from.is_none()) {
            Some(text) => extract_text(text),
            None => self.extract_from(self.open()?)?,
        };
        tell_notes(&extraction);
        Ok(extraction)
    }

    /// Refuses an input that is empty or only blank (exit 2, as `verify` refuses an empty
    /// stream): there was nothing to find a token in.
    pub fn refuse_empty(&self, extraction: &Extraction) -> anyhow::Result<()> {
        let empty = extraction
            .text
            .as_deref()
            .is_some_and(|text| text.trim().is_empty());
        match empty {
            true => Err(user_error_with_hint(
                "no token given: the input is empty",
                format!(
                    "pass the token as an argument, or pipe it in: ... | courier-token {} -",
                    self.command
                ),
            )),
            false => Ok(()),
        }
    }

    /// [`PastedInput::extract`] from an already opened reader, without telling notes.
    pub fn extract_from(&self, reader: impl Read) -> anyhow::Result<Extraction> {
        extract_reader(reader).map_err(|error| read_error(error, &self.name()))
    }
}

/// Tells on stderr what the extractor noticed.
pub fn tell_notes(extraction: &Extraction) {
    for note in extraction.notes() {
        crate::terminal::diagnostics::note(note);
    }
}

/// A reading failure in one line with a hint.
fn read_error(error: ReadError, what: &str) -> anyhow::Error {
    match error {
        ReadError::Io(error) => user_error_with_hint(
            format!("could not read {what}: {}", io_reason(&error)),
            "check the path and its permissions, or what is being piped in",
        ),
        ReadError::NotUtf8 => user_error_with_hint(
            format!("the token input on {what} is not UTF-8 text"),
            "tokens are ASCII; check what is being piped in",
        ),
        ReadError::NotJson(error) => user_error_with_hint(
            format!("{what} starts like a JSON document but is not one: {error}"),
            "an input over 1 MiB that starts with { or [ is read as JSON (a HAR export); anything else as text",
        ),
    }
}
