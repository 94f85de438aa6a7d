//! A refusal's sentence for people, as parts: [`Detail`]. The words are the domain's; how a
//! value the token or the caller supplied is quoted, and in which zone an instant is shown, are
//! the caller's (the binary withholds the API key, escapes what a terminal would act on and
//! shows instants in the zone the user chose). So this crate never quotes or formats a date
//! itself, and [`Detail::render`] takes both rules from the caller.

/// One piece of a [`Detail`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Part {
    /// Words, shown as they are.
    Text(String),
    /// A value from the token or the caller, to be quoted by the caller's rule.
    Quoted(String),
    /// An instant (Unix seconds) to be shown against `now`.
    Instant { seconds: i64, now: i64 },
}

/// Why a token was refused, for people, in [`Part`]s.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Detail {
    parts: Vec<Part>,
}

impl Detail {
    /// Words alone.
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            parts: vec![Part::Text(text.into())],
        }
    }

    /// Appends words.
    pub fn and_text(mut self, text: impl Into<String>) -> Self {
        self.parts.push(Part::Text(text.into()));
        self
    }

    /// Appends words in place.
    pub fn push_text(&mut self, text: impl Into<String>) {
        self.parts.push(Part::Text(text.into()));
    }

    /// Appends a value to be quoted.
    pub fn and_quoted(mut self, value: impl Into<String>) -> Self {
        self.parts.push(Part::Quoted(value.into()));
        self
    }

    /// Appends an instant to be shown against `now`.
    pub fn and_instant(mut self, seconds: i64, now: i64) -> Self {
        self.parts.push(Part::Instant { seconds, now });
        self
    }

    /// The parts, in order.
    pub fn parts(&self) -> &[Part] {
        &self.parts
    }

    /// The sentence, with values quoted by `quote` and instants shown by `instant`.
    pub fn render(
        &self,
        quote: impl Fn(&str) -> String,
        instant: impl Fn(i64, i64) -> String,
    ) -> String {
        let mut sentence = String::new();
        for part in &self.parts {
            match part {
                Part::Text(text) => sentence.push_str(text),
                Part::Quoted(value) => sentence.push_str(&quote(value)),
                Part::Instant { seconds, now } => sentence.push_str(&instant(*seconds, *now)),
            }
        }
        sentence
    }
}

impl From<String> for Detail {
    fn from(text: String) -> Self {
        Self::text(text)
    }
}

impl From<&str> for Detail {
    fn from(text: &str) -> Self {
        Self::text(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_parts_with_the_callers_rules() {
        let detail = Detail::text("lacks the scope ")
            .and_quoted("a\"b")
            .and_text(", expired ")
            .and_instant(5, 10);
        let sentence = detail.render(|value| format!("{value:?}"), |s, n| format!("{s}@{n}"));
        assert_eq!(sentence, "lacks the scope \"a\\\"b\", expired 5@10");
    }
}
