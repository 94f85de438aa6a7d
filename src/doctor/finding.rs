//! One finding of `doctor`: a stable machine-readable code, how it came out (pass, warn, fail
//! or info) and a sentence for people. Which checks exist and in what order is `checks`' and
//! `probe`'s business; rendering them is `report`'s.

/// How a check came out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Pass,
    Warn,
    Fail,
    Info,
}

impl Status {
    /// The stable name used in `--json`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Pass => "pass",
            Status::Warn => "warn",
            Status::Fail => "fail",
            Status::Info => "info",
        }
    }
}

/// One finding, with a stable machine-readable `code`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub code: &'static str,
    pub status: Status,
    pub message: String,
}

impl Check {
    pub fn new(code: &'static str, status: Status, message: impl Into<String>) -> Self {
        Self {
            code,
            status,
            message: message.into(),
        }
    }
}
