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
    if all_ascii_graphic(user_id.as_bytes()) {
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

/// True when every byte is printable ASCII other than space (`!` to `~`), the usual user id:
/// eight bytes at a time (bulk input checks one id a line).
fn all_ascii_graphic(bytes: &[u8]) -> bool {
    const ONES: u64 = u64::from_ne_bytes([0x01; 8]);
    const HIGH: u64 = u64::from_ne_bytes([0x80; 8]);
    // For a byte below 0x80 nothing carries into the next: adding 0x5f sets its high bit
    // exactly when it is 0x21 or above, adding 0x01 exactly when it is 0x7f.
    let graphic =
        |word: u64| word & HIGH == 0 && (word + 0x5f * ONES) & !(word + ONES) & HIGH == HIGH;
    let mut words = bytes.chunks_exact(8);
    let whole = words.by_ref().all(|chunk| {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        graphic(u64::from_ne_bytes(word))
    });
    whole && words.remainder().iter().all(u8::is_ascii_graphic)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_check_agrees_with_the_byte_check() {
        for byte in 0..=255u8 {
            for at in 0..17 {
                let mut id = [b'a'; 17];
                id[at] = byte;
                for len in [8, 9, 16, 17] {
                    let id = &id[..len];
                    assert_eq!(
                        all_ascii_graphic(id),
                        id.iter().all(u8::is_ascii_graphic),
                        "{byte:#x} at {at} of {len}"
                    );
                }
            }
        }
    }
}
