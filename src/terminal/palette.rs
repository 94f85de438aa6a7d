//! Colour as a value: `--color always|never`, or `auto`, which means stdout is a terminal and
//! `NO_COLOR` is unset or empty, decided once into a [`Palette`] that the text reports are
//! handed. It writes the SGR sequences itself (`ESC[1;31m` … `ESC[0m`, the bytes the `colored`
//! crate wrote before), so no process-wide colour switch exists. JSON output never uses colour.

use std::borrow::Cow;
use std::fmt;
use std::io::IsTerminal;

/// Whether this run colours its text output, and the colours it uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Palette {
    enabled: bool,
}

impl Palette {
    /// Resolves `--color`: `Some(true)` always, `Some(false)` never, `None` (auto) against the
    /// environment and stdout.
    pub fn resolve(forced: Option<bool>) -> Self {
        let enabled = match forced {
            Some(forced) => forced,
            None => {
                let no_color = std::env::var_os("NO_COLOR").is_some_and(|value| !value.is_empty());
                !no_color && std::io::stdout().is_terminal()
            }
        };
        Self { enabled }
    }

    /// A palette that never colours.
    pub fn plain() -> Self {
        Self { enabled: false }
    }

    /// True when text is coloured.
    pub fn is_enabled(self) -> bool {
        self.enabled
    }

    pub fn bold<'a>(self, text: impl Into<Cow<'a, str>>) -> Painted<'a> {
        self.paint(text, "1")
    }

    pub fn dimmed<'a>(self, text: impl Into<Cow<'a, str>>) -> Painted<'a> {
        self.paint(text, "2")
    }

    pub fn red<'a>(self, text: impl Into<Cow<'a, str>>) -> Painted<'a> {
        self.paint(text, "31")
    }

    pub fn green<'a>(self, text: impl Into<Cow<'a, str>>) -> Painted<'a> {
        self.paint(text, "32")
    }

    pub fn yellow<'a>(self, text: impl Into<Cow<'a, str>>) -> Painted<'a> {
        self.paint(text, "33")
    }

    pub fn blue<'a>(self, text: impl Into<Cow<'a, str>>) -> Painted<'a> {
        self.paint(text, "34")
    }

    pub fn cyan<'a>(self, text: impl Into<Cow<'a, str>>) -> Painted<'a> {
        self.paint(text, "36")
    }

    pub fn red_bold<'a>(self, text: impl Into<Cow<'a, str>>) -> Painted<'a> {
        self.paint(text, "1;31")
    }

    pub fn green_bold<'a>(self, text: impl Into<Cow<'a, str>>) -> Painted<'a> {
        self.paint(text, "1;32")
    }

    pub fn yellow_bold<'a>(self, text: impl Into<Cow<'a, str>>) -> Painted<'a> {
        self.paint(text, "1;33")
    }

    /// Text as it is, never coloured.
    pub fn normal<'a>(self, text: impl Into<Cow<'a, str>>) -> Painted<'a> {
        Painted {
            text: text.into(),
            codes: None,
        }
    }

    fn paint<'a>(self, text: impl Into<Cow<'a, str>>, codes: &'static str) -> Painted<'a> {
        Painted {
            text: text.into(),
            codes: self.enabled.then_some(codes),
        }
    }
}

/// Text with the colour it is shown in; a width in the format string pads the text inside
/// the colour, as before.
#[derive(Debug, Clone)]
pub struct Painted<'a> {
    text: Cow<'a, str>,
    codes: Option<&'static str>,
}

impl fmt::Display for Painted<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Some(codes) = self.codes else {
            return <str as fmt::Display>::fmt(&self.text, f);
        };
        write!(f, "\x1b[{codes}m")?;
        <str as fmt::Display>::fmt(&self.text, f)?;
        f.write_str("\x1b[0m")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_the_sequences_colored_wrote() {
        let on = Palette { enabled: true };
        assert_eq!(on.red_bold("✗").to_string(), "\x1b[1;31m✗\x1b[0m");
        assert_eq!(on.green("ok").to_string(), "\x1b[32mok\x1b[0m");
        assert_eq!(on.dimmed("x").to_string(), "\x1b[2mx\x1b[0m");
        assert_eq!(on.normal("x").to_string(), "x");
        assert_eq!(Palette::plain().red("x").to_string(), "x");
    }
}
