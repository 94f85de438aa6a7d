//! Open-ended option values with suggestions: a clap value parser that accepts any string but
//! tells shell completion (and the man pages, if asked) which values are common. It exists for
//! options such as `--scope` and `--tenant-scope`, whose well-known values should complete while
//! anything else still gets through to the domain checks (`scope::build_scope` explains an
//! unknown scope far better than clap's "invalid value" could). Validation is not done here.

use std::ffi::OsStr;

use clap::builder::{PossibleValue, StringValueParser, TypedValueParser};

use crate::scope::{Standing, CATALOGUE, TENANT_SCOPES};

/// Accepts any UTF-8 value; offers suggestions (a value and what it means) as completion
/// candidates. The suggestions are listed only when asked for (completion, man pages): every
/// run builds these parsers, and most never look at them.
#[derive(Debug, Clone)]
pub(super) struct SuggestedValues {
    suggestions: Suggestions,
}

#[derive(Debug, Clone, Copy)]
enum Suggestions {
    /// The literal entries of the scope catalogue.
    KnownScopes,
    List(&'static [(&'static str, &'static str)]),
}

impl SuggestedValues {
    /// The current literal scope names of Courier's catalogue, with their meanings (patterns
    /// such as `user_id:<id>` cannot be completed, and legacy spellings are only warned about,
    /// so both are left out).
    pub(super) fn known_scopes() -> Self {
        Self {
            suggestions: Suggestions::KnownScopes,
        }
    }

    /// Courier's `tenant_scope` values.
    pub(super) fn tenant_scopes() -> Self {
        Self {
            suggestions: Suggestions::List(&TENANT_SCOPES),
        }
    }

    fn pairs(&self) -> Box<dyn Iterator<Item = (&'static str, &'static str)>> {
        match self.suggestions {
            Suggestions::KnownScopes => Box::new(
                CATALOGUE
                    .iter()
                    .filter(|entry| entry.is_literal() && entry.standing == Standing::Current)
                    .map(|entry| (entry.pattern, entry.meaning)),
            ),
            Suggestions::List(list) => Box::new(list.iter().copied()),
        }
    }
}

impl TypedValueParser for SuggestedValues {
    type Value = String;

    fn parse_ref(
        &self,
        cmd: &clap::Command,
        arg: Option<&clap::Arg>,
        value: &OsStr,
    ) -> Result<Self::Value, clap::Error> {
        StringValueParser::new().parse_ref(cmd, arg, value)
    }

    fn possible_values(&self) -> Option<Box<dyn Iterator<Item = PossibleValue> + '_>> {
        Some(Box::new(self.pairs().map(|(value, meaning)| {
            PossibleValue::new(value).help(meaning)
        })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(parser: &SuggestedValues, value: &str) -> Result<String, clap::Error> {
        parser.parse_ref(&clap::Command::new("test"), None, OsStr::new(value))
    }

    #[test]
    fn accepts_values_outside_the_suggestions() {
        let parser = SuggestedValues::tenant_scopes();
        assert_eq!(parse(&parser, "drafts/staging").unwrap(), "drafts/staging");
        assert_eq!(parse(&parser, "published/test").unwrap(), "published/test");
    }

    #[test]
    fn known_scopes_are_the_catalogue_literals() {
        let names: Vec<String> = SuggestedValues::known_scopes()
            .possible_values()
            .unwrap()
            .map(|value| value.get_name().to_string())
            .collect();
        assert!(names.contains(&"inbox:read:messages".to_string()));
        assert!(names.contains(&"read:preferences".to_string()));
        assert!(!names.iter().any(|name| name.contains('<')));
        assert!(!names.contains(&"read:messages".to_string()));
    }
}
