//! The tokens found in one input, and the one rule that picks the token to use when there are
//! several different ones. Scanning text (`text`) and JSON (`json`) both add here; what is kept
//! is bounded whatever the number of tokens (the first found of each rank the rule knows, a
//! hash per different token up to a limit, short request facts), so the rule's choice holds
//! for any input and a large one never grows this. Nothing here reads or prints.

use std::collections::HashMap;
use std::hash::{Hash, Hasher};

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

/// Different tokens remembered (by hash) to count them and keep their order; past this many,
/// each further token counts as a new one (an input with more is a log, not a page's requests).
const MAX_REMEMBERED: usize = 1 << 16;

/// Where a token was first found: among all different tokens, and among those starting `eyJ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Place {
    all: usize,
    json: Option<usize>,
}

/// A candidate the rule may still pick, with its place.
#[derive(Debug, Clone)]
struct Kept {
    candidate: Candidate,
    place: Place,
}

/// Everything found in one input, in bounded memory however many tokens it holds: the first
/// found of each rank the rule knows (the rule picks the best rank, the first found of it),
/// and how many different tokens there are (remembered by a hash of each, up to
/// [`MAX_REMEMBERED`]).
#[derive(Debug, Clone, Default)]
pub(super) struct Findings {
    /// The first found candidate of each rank (at most 8).
    kept: Vec<Kept>,
    /// Each different token's hash and place.
    seen: HashMap<u64, Place>,
    /// The hashes in the order first found, so an object's findings merge in order.
    order: Vec<u64>,
    /// Different tokens so far, all and those starting `eyJ`.
    distinct: usize,
    distinct_json: usize,
    /// What the text says of a request, outside any one request of a HAR file.
    pub(super) request: RequestFacts,
    /// How many tokens were joined back together from pieces on several lines.
    pub(super) joined: usize,
    /// A token was followed by a `.`, left out as the end of a sentence.
    pub(super) dropped_dot: bool,
}

fn hash_of(token: &str) -> u64 {
    let mut hasher = std::hash::DefaultHasher::new();
    token.hash(&mut hasher);
    hasher.finish()
}

impl Findings {
    /// Adds a token; a token already found keeps its first place and gains a better name or
    /// the Inbox-request mark if this occurrence has one.
    pub(super) fn add(&mut self, candidate: Candidate) {
        let place = self.register(hash_of(&candidate.token), looks_like_json(&candidate));
        self.offer(candidate, place);
    }

    /// The place of the token with `hash`, given the next one when it is new.
    fn register(&mut self, hash: u64, json: bool) -> Place {
        if let Some(place) = self.seen.get(&hash) {
            return *place;
        }
        let place = Place {
            all: self.distinct,
            json: json.then_some(self.distinct_json),
        };
        self.distinct += 1;
        self.distinct_json += usize::from(json);
        if self.seen.len() < MAX_REMEMBERED {
            self.seen.insert(hash, place);
            self.order.push(hash);
        }
        place
    }

    /// Keeps `candidate` if it is the first found of its rank (or a better occurrence of a
    /// token kept).
    fn offer(&mut self, candidate: Candidate, place: Place) {
        if let Some(at) = self
            .kept
            .iter()
            .position(|kept| kept.candidate.token == candidate.token)
        {
            if rank(&candidate) <= rank(&self.kept[at].candidate) {
                return;
            }
            self.kept.swap_remove(at);
        }
        match self
            .kept
            .iter()
            .position(|kept| rank(&kept.candidate) == rank(&candidate))
        {
            Some(at) if self.kept[at].place.all <= place.all => {}
            Some(at) => self.kept[at] = Kept { candidate, place },
            None => self.kept.push(Kept { candidate, place }),
        }
    }

    /// Marks every token found so far as sent in one request: to the Inbox when `to_inbox`,
    /// with `facts`.
    pub(super) fn mark_sent(&mut self, to_inbox: bool, facts: &RequestFacts) {
        let kept = std::mem::take(&mut self.kept);
        for mut kept in kept {
            kept.candidate.inbox_request |= to_inbox;
            kept.candidate.request.fill_from(facts);
            self.offer(kept.candidate, kept.place);
        }
    }

    /// Adds everything `other` found after what this one found.
    pub(super) fn merge(&mut self, other: Findings) {
        let mut places: HashMap<u64, Place> = HashMap::new();
        for hash in &other.order {
            let json = other
                .seen
                .get(hash)
                .is_some_and(|place| place.json.is_some());
            places.insert(*hash, self.register(*hash, json));
        }
        // Tokens past what `other` remembered: counted as new.
        let unremembered = other.distinct.saturating_sub(other.order.len());
        let unremembered_json = other
            .distinct_json
            .saturating_sub(other.seen.values().filter(|p| p.json.is_some()).count());
        self.distinct = self.distinct.saturating_add(unremembered);
        self.distinct_json = self.distinct_json.saturating_add(unremembered_json);
        for kept in other.kept {
            let hash = hash_of(&kept.candidate.token);
            let place = match places.get(&hash) {
                Some(place) => *place,
                None => self.register(hash, looks_like_json(&kept.candidate)),
            };
            self.offer(kept.candidate, place);
        }
        self.request.fill_from(&other.request);
        self.joined = self.joined.saturating_add(other.joined);
        self.dropped_dot |= other.dropped_dot;
    }

    /// The number of different tokens found ([`Findings::considered`]).
    pub(super) fn count(&self) -> usize {
        match self.distinct_json {
            0 => self.distinct,
            json => json,
        }
    }

    /// The token the rule picks, and its place among the considered candidates (0-based).
    pub(super) fn chosen(&self) -> Option<(usize, &Candidate)> {
        let any_json = self.distinct_json > 0;
        self.considered()
            .max_by_key(|kept| (rank(&kept.candidate), std::cmp::Reverse(kept.place.all)))
            .map(|kept| {
                let at = match any_json {
                    true => kept.place.json.unwrap_or(kept.place.all),
                    false => kept.place.all,
                };
                (at, &kept.candidate)
            })
    }

    /// The candidates the rule chooses among: those whose header starts `eyJ` (base64url of
    /// `{"`) when there are any, so a host name such as `inbox.courier.com` or a version
    /// `v1.22.333` beside a real token is not counted as another token; else all of them, so a
    /// malformed token alone is still shown.
    fn considered(&self) -> impl Iterator<Item = &Kept> {
        let any_json = self.distinct_json > 0;
        self.kept
            .iter()
            .filter(move |kept| !any_json || looks_like_json(&kept.candidate))
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

    #[test]
    fn the_rule_holds_for_any_number_of_tokens_in_bounded_memory() {
        let mut findings = Findings::default();
        for n in 0..10_000 {
            findings.add(candidate(&format!("eyJ{n}.b.c"), Some("authorization")));
        }
        // An early token seen again as the Inbox's is chosen, at its first place.
        let mut sent = candidate("eyJ5.b.c", Some("authorization"));
        sent.inbox_request = true;
        findings.add(sent);
        assert_eq!(findings.count(), 10_000);
        assert_eq!(
            findings.chosen().map(|(at, c)| (at, c.token.as_str())),
            Some((5, "eyJ5.b.c"))
        );
        assert!(findings.kept.len() <= 8);
        // Past what is remembered, more tokens are still counted.
        for n in 0..MAX_REMEMBERED {
            findings.add(candidate(&format!("eyJx{n}.b.c"), None));
        }
        assert_eq!(findings.count(), 10_000 + MAX_REMEMBERED);
        assert_eq!(findings.seen.len(), MAX_REMEMBERED);
    }
}
