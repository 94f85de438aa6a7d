//! Template text as `serve` renders it: Courier's handlebars subset that a test needs —
//! `{{name}}` and dotted paths `{{order.id}}` looked up in the send's `data` (strings as they
//! are, numbers and booleans as JSON writes them, anything missing as nothing, as handlebars
//! does). Blocks (`{{#if}}`, `{{/if}}`, `{{else}}`), helpers (`{{upper name}}`), partials
//! (`{{> x}}`), comments (`{{! x}}`) and triple braces are refused when the workspace file is
//! read, so a template never renders differently here than a reader expects. No HTML escaping:
//! Inbox text is plain.

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Checked template text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub(crate) struct TemplateText(String);

impl TryFrom<String> for TemplateText {
    type Error = String;

    fn try_from(text: String) -> Result<Self, String> {
        for piece in pieces(&text) {
            if let Piece::Path(path) = piece {
                check_path(path)?;
            }
        }
        if let Some(at) = unclosed(&text) {
            return Err(format!(
                "a template has {{{{ with no }}}} after it: {:?}",
                &text[at..]
            ));
        }
        Ok(Self(text))
    }
}

impl From<TemplateText> for String {
    fn from(text: TemplateText) -> String {
        text.0
    }
}

impl TemplateText {
    /// The text with each `{{path}}` replaced by its value in `data`.
    pub(crate) fn render(&self, data: Option<&Value>) -> String {
        let mut out = String::with_capacity(self.0.len());
        for piece in pieces(&self.0) {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Path(path) => match lookup(data, path.trim()) {
                    Some(Value::String(text)) => out.push_str(text),
                    Some(Value::Null) | None => {}
                    Some(other) => out.push_str(&other.to_string()),
                },
            }
        }
        out
    }
}

enum Piece<'a> {
    Text(&'a str),
    Path(&'a str),
}

/// The text split at `{{…}}`; an unclosed `{{` stays text (and [`unclosed`] finds it).
fn pieces(text: &str) -> impl Iterator<Item = Piece<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let Some(open) = rest.find("{{") else {
            return Some(Piece::Text(std::mem::take(&mut rest)));
        };
        if open > 0 {
            let (text, after) = rest.split_at(open);
            rest = after;
            return Some(Piece::Text(text));
        }
        match rest[2..].find("}}") {
            Some(close) => {
                let path = &rest[2..2 + close];
                rest = &rest[close + 4..];
                Some(Piece::Path(path))
            }
            None => Some(Piece::Text(std::mem::take(&mut rest))),
        }
    })
}

fn unclosed(text: &str) -> Option<usize> {
    let open = text.rfind("{{")?;
    (!text[open..].contains("}}")).then_some(open)
}

fn check_path(path: &str) -> Result<(), String> {
    let trimmed = path.trim();
    let refused = |what: &str| {
        Err(format!(
            "a template has {{{{{path}}}}}: {what}; serve renders {{{{name}}}} and {{{{dotted.path}}}} from the send's data only"
        ))
    };
    match trimmed.chars().next() {
        None => refused("an empty placeholder"),
        Some('#' | '/' | '^') => refused("a block"),
        Some('>') => refused("a partial"),
        Some('!') => refused("a comment"),
        Some('{' | '&') => refused("unescaped output"),
        _ if trimmed == "else" => refused("a block"),
        _ if trimmed.contains(char::is_whitespace) => refused("a helper"),
        _ if trimmed.split('.').any(|part| part.is_empty()) => refused("an empty path segment"),
        _ => Ok(()),
    }
}

fn lookup<'a>(data: Option<&'a Value>, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(data?, |value, key| match value {
        Value::Object(object) => object.get(key),
        Value::Array(items) => items.get(key.parse::<usize>().ok()?),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn text(source: &str) -> Result<TemplateText, String> {
        TemplateText::try_from(source.to_string())
    }

    #[test]
    fn renders_variables_and_dotted_paths_and_refuses_the_rest() {
        let data = json!({"name": "Ada", "order": {"id": 7, "items": ["a", "b"]}, "ok": true});
        let rendered =
            text("Hi {{name}}, order {{ order.id }} ({{order.items.1}}) {{ok}}{{missing}}!")
                .unwrap()
                .render(Some(&data));
        assert_eq!(rendered, "Hi Ada, order 7 (b) true!");
        assert_eq!(
            text("plain { brace }").unwrap().render(None),
            "plain { brace }"
        );
        for refused in [
            "{{#if x}}y{{/if}}",
            "{{upper name}}",
            "{{> p}}",
            "{{! c}}",
            "{{{raw}}}",
            "{{}}",
            "{{a..b}}",
            "open {{name",
        ] {
            assert!(text(refused).is_err(), "{refused}");
        }
    }
}
