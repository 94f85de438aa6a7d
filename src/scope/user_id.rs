//! User ids as Courier scopes can carry them: non-empty, without whitespace or control
//! characters (a scope string is space-separated). Shared by single and bulk commands.

/// What is wrong with a user id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UserIdProblem {
    Empty,
    BadCharacter(char),
}

impl std::fmt::Display for UserIdProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UserIdProblem::Empty => f.write_str("the user id is empty"),
            UserIdProblem::BadCharacter(c) => {
                write!(f, "the user id contains {}", describe_char(*c))
            }
        }
    }
}

impl std::error::Error for UserIdProblem {}

/// The allocation-free core of [`super::validate_user_id`], for bulk input.
pub fn check_user_id(user_id: &str) -> Result<(), UserIdProblem> {
    if user_id.is_empty() {
        return Err(UserIdProblem::Empty);
    }
    if user_id.bytes().all(|b| b.is_ascii_graphic()) {
        return Ok(());
    }
    match user_id
        .chars()
        .find(|c| c.is_whitespace() || c.is_control())
    {
        Some(bad) => Err(UserIdProblem::BadCharacter(bad)),
        None => Ok(()),
    }
}

/// A character a user id may not hold, for messages: `a space`, `whitespace (U+0009)`, `a
/// control character (U+0000)`.
pub fn describe_char(c: char) -> String {
    if c == ' ' {
        "a space".to_string()
    } else if c.is_whitespace() {
        format!("whitespace (U+{:04X})", c as u32)
    } else {
        format!("a control character (U+{:04X})", c as u32)
    }
}
