//! The tokens found in one input, and the one rule that picks the token to use when there are
//! several different ones. Scanning text (`text`) and JSON (`json`) both add here; what they
//! add is bounded (at most [`MAX_CANDIDATES`] different tokens, short request facts), so a
//! large input never grows this. Nothing here reads or prints.

/// At most this many different tokens are remembered; more are only counted.
pub(super) const MAX_CANDIDATES: usize = 64;

/// The longest user id or tenant kept from a pasted request.
const MAX_CONTEXT_CHARS: usize = 256;

/// One different token found in the input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Candidate {
    pub token: String,
    /// The name the input gives it: `authorization` for a `Bearer` header, else the member,
    /// parameter, cookie or variable name written just before it (`token`, `COURIER_JWT`).
    pub name: Option<String>,
    /// It was sent in a request to an Inbox GraphQL endpoint (a URL whose path ends in `/q`).
    pub inbox_request: bool,
    /// What the request it was sent in says, when it came from a request in a HAR file.
    pub request: RequestFacts,
}

/// What a pasted request says besides its token: the SDK's user (`x-courier-user-id`), the
/// tenant its GraphQL body filters on (`accountId`) and the app's client key
/// (`x-courier-client-key`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RequestFacts {
    pub user_id: Option<String>,
    pub tenant: Option<String>,
    pub client_key: Option<String>,
}

impl RequestFacts {
    /// Keeps the first user id and tenant seen.
    pub fn fill_from(&mut self, other: &RequestFacts) {
        if self.user_id.is_none() {
            self.user_id.clone_from(&other.user_id);
        }
        if self.tenant.is_none() {
            self.tenant.clone_from(&other.tenant);
        }
        if self.client_key.is_none() {
            self.client_key.clone_from(&other.client_key);
        }
    }

    /// Records a user id (the first one wins), when it is short and printable.
    pub fn note_user_id(&mut self, value: &str) {
        if self.user_id.is_none() {
            self.user_id = context_value(value);
        }
    }

    /// Records a client key (the first one wins), when it is short and printable; courier-js
    /// sends `empty` to its client endpoint, which is no key.
    pub fn note_client_key(&mut self, value: &str) {
        if self.client_key.is_none() && value.trim() != "empty" {
            self.client_key = context_value(value);
        }
    }

    /// Records a tenant (the first one wins), when it is short and printable.
    pub fn note_tenant(&mut self, value: &str) {
        if self.tenant.is_none() {
            self.tenant = context_value(value);
        }
    }
}

fn context_value(value: &str) -> Option<String> {
    let value = value.trim();
    let acceptable = !value.is_empty()
        && value.chars().count() <= MAX_CONTEXT_CHARS
        && !value.chars().any(char::is_control);
    acceptable.then(|| value.to_string())
}

/// Everything found in one input.
#[derive(Debug, Clone, Default)]
pub(super) struct Findings {
    /// Different tokens, in the order first found.
    pub(super) candidates: Vec<Candidate>,
    /// Different tokens found beyond [`MAX_CANDIDATES`].
    pub(super) uncounted: usize,
    /// What the text says of a request, outside any one request of a HAR file.
    pub(super) request: RequestFacts,
    /// How many tokens were joined back together from pieces on several lines.
    pub(super) joined: usize,
    /// A token was followed by a `.`, left out as the end of a sentence.
    pub(super) dropped_dot: bool,
}

impl Findings {
    /// Adds a token; a token already found keeps its first place and gains a better name or
    /// the Inbox-request mark if this occurrence has one.
    pub(super) fn add(&mut self, candidate: Candidate) {
        if let Some(known) = self
            .candidates
            .iter_mut()
            .find(|known| known.token == candidate.token)
        {
            if rank(&candidate) > rank(known) {
                known.name = candidate.name;
                known.inbox_request = candidate.inbox_request;
                known.request = candidate.request;
            }
            return;
        }
        if self.candidates.len() < MAX_CANDIDATES {
            self.candidates.push(candidate);
        } else {
            self.uncounted = self.uncounted.saturating_add(1);
        }
    }

    /// Adds everything `other` found after what this one found.
    pub(super) fn merge(&mut self, other: Findings) {
        for candidate in other.candidates {
            self.add(candidate);
        }
        self.uncounted = self.uncounted.saturating_add(other.uncounted);
        self.request.fill_from(&other.request);
        self.joined = self.joined.saturating_add(other.joined);
        self.dropped_dot |= other.dropped_dot;
    }

    /// The number of different tokens found ([`Findings::considered`]).
    pub(super) fn count(&self) -> usize {
        let considered = self.considered().count();
        match considered == self.candidates.len() {
            true => considered.saturating_add(self.uncounted),
            false => considered,
        }
    }

    /// The token the rule picks, and its place among the considered candidates (0-based).
    pub(super) fn chosen(&self) -> Option<(usize, &Candidate)> {
        // `max_by_key` keeps the last of equals: reverse so the first found wins a tie.
        let considered: Vec<&Candidate> = self.considered().collect();
        considered
            .iter()
            .enumerate()
            .rev()
            .max_by_key(|(_, candidate)| rank(candidate))
            .map(|(at, candidate)| (at, *candidate))
    }

    /// The candidates the rule chooses among: those whose header starts `eyJ` (base64url of
    /// `{"`) when there are any, so a host name such as `inbox.courier.com` or a version
    /// `v1.22.333` beside a real token is not counted as another token; else all of them, so a
    /// malformed token alone is still shown.
    fn considered(&self) -> impl Iterator<Item = &Candidate> {
        let any_json = self.candidates.iter().any(looks_like_json);
        self.candidates
            .iter()
            .filter(move |candidate| !any_json || looks_like_json(candidate))
    }
}

fn looks_like_json(candidate: &Candidate) -> bool {
    candidate.token.starts_with("eyJ")
}

/// The rule, most important first: sent to the Inbox (`…/q`) in a pasted request or HAR file;
/// named as a token (a `Bearer` header, or a name holding `token`, `jwt` or `auth`); its header
/// starts `eyJ` (base64url of `{"`, so it can decode). Ties go to the first found.
fn rank(candidate: &Candidate) -> (bool, bool, bool) {
    (
        candidate.inbox_request,
        candidate.name.as_deref().is_some_and(names_a_token),
        candidate.token.starts_with("eyJ"),
    )
}

/// Names that say "this is the token": `authorization` (a `Bearer` header), `auth` (the
/// realtime socket's parameter), and any name holding `token` or `jwt`, in any case.
pub(super) fn names_a_token(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.contains("token") || lower.contains("jwt") || lower.starts_with("auth")
}

/// Why the rule picked a candidate, in words for a note.
pub(super) fn why_chosen(candidate: &Candidate) -> String {
    match (&candidate.name, candidate.inbox_request) {
        (_, true) => "the one sent to the Inbox (a request to …/q)".to_string(),
        (Some(name), false) if names_a_token(name) => format!("the one named {name}"),
        _ if candidate.token.starts_with("eyJ") => "the first that looks like a JWT".to_string(),
        _ => "the first".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidate(token: &str, name: Option<&str>) -> Candidate {
        Candidate {
            token: token.to_string(),
            name: name.map(str::to_string),
            inbox_request: false,
            request: RequestFacts::default(),
        }
    }

    #[test]
    fn a_named_token_beats_an_earlier_unnamed_one_and_ties_go_to_the_first() {
        let mut findings = Findings::default();
        findings.add(candidate("eyJa.b.c", Some("other")));
        findings.add(candidate("eyJd.e.f", Some("token")));
        assert_eq!(findings.chosen().map(|(at, _)| at), Some(1));
        let mut findings = Findings::default();
        findings.add(candidate("eyJa.b.c", None));
        findings.add(candidate("eyJd.e.f", None));
        findings.add(candidate("eyJa.b.c", Some("authorization")));
        assert_eq!(findings.count(), 2);
        assert_eq!(findings.chosen().map(|(at, _)| at), Some(0));
    }
}
