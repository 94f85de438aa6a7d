//! Where each token's `jti` comes from: a random UUID v4 (the default), none (`--no-jti`), or
//! `--jti`. In bulk, `--jti` is a template whose `{n}` (the 1-based input line number) and
//! `{user_id}` (the line's user id) are filled in per token, so a CI run gets the same ids every
//! time; a literal `--jti` would give every token the same id and is refused. For a single token
//! `{n}` is 1 and `{user_id}` the one `--user-id`, so a bulk run equals its single runs.

use crate::shown::redaction::Redaction;
use crate::terminal::error::user_error_with_hint;
use crate::token::JtiGenerator;

/// The line number placeholder.
const LINE_NUMBER: &str = "{n}";
/// The user id placeholder.
const USER_ID: &str = "{user_id}";

/// Where each token's `jti` comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JtiPolicy {
    Random,
    Fixed(String),
    /// Bulk only: filled in per line.
    Template(Vec<JtiPart>),
    Omitted,
}

/// A piece of a `--jti` template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum JtiPart {
    Text(String),
    LineNumber,
    UserId,
}

impl JtiPolicy {
    /// The policy for one token; `user_ids` are its `--user-id`s (for `{user_id}`).
    pub(crate) fn for_single(
        given: &str,
        user_ids: &[String],
        redaction: &Redaction,
    ) -> anyhow::Result<Self> {
        let parts = parse_template(given);
        let mut jti = String::new();
        for part in &parts {
            match part {
                JtiPart::Text(text) => jti.push_str(text),
                JtiPart::LineNumber => jti.push('1'),
                JtiPart::UserId => match user_ids {
                    [user_id] => jti.push_str(user_id),
                    _ => {
                        return Err(user_error_with_hint(
                            format!(
                                "--jti {} uses {USER_ID}, which needs exactly one --user-id",
                                redaction.quoted(given)
                            ),
                            "give one --user-id, or write the id out in --jti",
                        ))
                    }
                },
            }
        }
        Ok(Self::Fixed(jti))
    }

    /// The policy for a bulk run: `given` must hold a placeholder, or every token would share it.
    pub(crate) fn for_bulk(given: &str, redaction: &Redaction) -> anyhow::Result<Self> {
        let parts = parse_template(given);
        if parts.iter().all(|part| matches!(part, JtiPart::Text(_))) {
            return Err(user_error_with_hint(
                format!(
                    "--jti {} would give every token of the bulk run the same id",
                    redaction.quoted(given)
                ),
                format!(
                    "a token id must be unique: put {LINE_NUMBER} (the line number) or {USER_ID} in it, e.g. --jti '{given}-{LINE_NUMBER}', or leave --jti out for random ids"
                ),
            ));
        }
        Ok(Self::Template(parts))
    }

    /// True for a template made from the user id without the line number: two lines with one
    /// user id would get one `jti`, which a bulk run must watch for.
    pub(crate) fn repeats_with_user_id(&self) -> bool {
        match self {
            JtiPolicy::Template(parts) => {
                parts.contains(&JtiPart::UserId) && !parts.contains(&JtiPart::LineNumber)
            }
            _ => false,
        }
    }

    /// The `jti` for the next token; a random or templated one is written into `buffer`.
    /// `line` and `user_id` fill a template.
    pub(crate) fn next<'a>(
        &'a self,
        generator: &mut JtiGenerator,
        buffer: &'a mut String,
        line: u64,
        user_id: &str,
    ) -> anyhow::Result<Option<&'a str>> {
        Ok(match self {
            JtiPolicy::Random => {
                generator.next_into(buffer)?;
                Some(buffer.as_str())
            }
            JtiPolicy::Fixed(fixed) => Some(fixed.as_str()),
            JtiPolicy::Template(parts) => {
                buffer.clear();
                for part in parts {
                    match part {
                        JtiPart::Text(text) => buffer.push_str(text),
                        JtiPart::LineNumber => {
                            use std::fmt::Write as _;
                            let _ = write!(buffer, "{line}");
                        }
                        JtiPart::UserId => buffer.push_str(user_id),
                    }
                }
                Some(buffer.as_str())
            }
            JtiPolicy::Omitted => None,
        })
    }
}

/// Splits `--jti` text at its placeholders; any other brace is literal.
fn parse_template(text: &str) -> Vec<JtiPart> {
    let mut parts = Vec::new();
    let mut literal = String::new();
    let mut rest = text;
    while !rest.is_empty() {
        let placeholder = [
            (LINE_NUMBER, JtiPart::LineNumber),
            (USER_ID, JtiPart::UserId),
        ]
        .into_iter()
        .find(|(name, _)| rest.starts_with(name));
        match placeholder {
            Some((name, part)) => {
                if !literal.is_empty() {
                    parts.push(JtiPart::Text(std::mem::take(&mut literal)));
                }
                parts.push(part);
                rest = &rest[name.len()..];
            }
            None => {
                let mut chars = rest.chars();
                if let Some(c) = chars.next() {
                    literal.push(c);
                }
                rest = chars.as_str();
            }
        }
    }
    if !literal.is_empty() {
        parts.push(JtiPart::Text(literal));
    }
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fill(policy: &JtiPolicy, line: u64, user_id: &str) -> Option<String> {
        let mut buffer = String::new();
        policy
            .next(&mut JtiGenerator::new(), &mut buffer, line, user_id)
            .unwrap()
            .map(str::to_string)
    }

    #[test]
    fn templates_fill_line_numbers_and_user_ids() {
        let policy = JtiPolicy::for_bulk("ci-{n}-{user_id}-{x}", &Redaction::default()).unwrap();
        assert_eq!(fill(&policy, 7, "bob").as_deref(), Some("ci-7-bob-{x}"));
        assert!(JtiPolicy::for_bulk("fixed", &Redaction::default()).is_err());
        assert!(JtiPolicy::for_bulk("{x}", &Redaction::default()).is_err());
        assert!(JtiPolicy::for_bulk("{user_id}", &Redaction::default())
            .unwrap()
            .repeats_with_user_id());
        assert!(!JtiPolicy::for_bulk("{user_id}-{n}", &Redaction::default())
            .unwrap()
            .repeats_with_user_id());
    }

    #[test]
    fn a_single_token_fills_in_one_and_its_user() {
        let users = vec!["bob".to_string()];
        assert_eq!(
            JtiPolicy::for_single("ci-{n}-{user_id}", &users, &Redaction::default()).unwrap(),
            JtiPolicy::Fixed("ci-1-bob".to_string())
        );
        assert_eq!(
            JtiPolicy::for_single("plain", &[], &Redaction::default()).unwrap(),
            JtiPolicy::Fixed("plain".to_string())
        );
        assert!(JtiPolicy::for_single("{user_id}", &[], &Redaction::default()).is_err());
    }
}
