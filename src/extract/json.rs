//! Finding tokens in a JSON document — an Issue Token API answer, `{"token": …}` written over
//! several lines, a browser's HAR export of a whole page — without building the document in
//! memory: each string is scanned as text (`text`) as the parser meets it, named by its member
//! name, and dropped. A HAR entry's `response` is skipped unread; an object with a `url` is a
//! request, whose headers (`{"name", "value"}` pairs) and body are read for the SDK's user and
//! tenant, and whose tokens are marked as sent to the Inbox when its URL's path ends in `/q`.
//! Memory stays within the longest single string of the document.

use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::candidates::{Findings, RequestFacts};
use super::text::{read_request_facts, scan_text};

/// Strings up to this long are kept while their object is read (a header's name and value, a
/// URL); longer ones are only scanned.
const KEPT_STRING_CHARS: usize = 8 * 1024;

/// Scans one JSON document from `deserializer` into `findings`.
pub(super) fn scan_json<'de, D: Deserializer<'de>>(
    deserializer: D,
    findings: &mut Findings,
) -> Result<(), D::Error> {
    JsonScan {
        findings,
        name: None,
    }
    .deserialize(deserializer)
    .map(|_| ())
}

/// Scans one JSON value named `name` (its member name) into `findings`. Its own value is a
/// short string's text, for the object around it.
struct JsonScan<'f> {
    findings: &'f mut Findings,
    name: Option<&'f str>,
}

impl<'de> DeserializeSeed<'de> for JsonScan<'_> {
    type Value = Option<String>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for JsonScan<'_> {
    type Value = Option<String>;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any JSON value")
    }

    fn visit_str<E>(self, value: &str) -> Result<Self::Value, E> {
        scan_text(value, self.name, self.findings);
        let name = self.name.unwrap_or("");
        if name.eq_ignore_ascii_case("x-courier-user-id") {
            self.findings.request.note_user_id(value);
        } else if name.eq_ignore_ascii_case("x-courier-client-key") {
            self.findings.request.note_client_key(value);
        } else if name == "accountId" {
            self.findings.request.note_tenant(value);
        }
        Ok((value.len() <= KEPT_STRING_CHARS).then(|| value.to_string()))
    }

    fn visit_bool<E>(self, _: bool) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_i64<E>(self, _: i64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_u64<E>(self, _: u64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_f64<E>(self, _: f64) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        while seq
            .next_element_seed(JsonScan {
                findings: &mut *self.findings,
                name: self.name,
            })?
            .is_some()
        {}
        Ok(None)
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut inside = Findings::default();
        let mut object = ObjectFacts::default();
        while let Some(key) = map.next_key::<String>()? {
            // A HAR entry's response (often megabytes of page content) says nothing about the
            // token the page sent.
            if key == "response" && object.seen_request {
                map.next_value::<IgnoredAny>()?;
                continue;
            }
            object.seen_request |= key == "request";
            let kept = map.next_value_seed(JsonScan {
                findings: &mut inside,
                name: Some(&key),
            })?;
            object.keep(&key, kept);
        }
        object.finish(&mut inside);
        self.findings.merge(inside);
        Ok(None)
    }
}

/// The members of one object that make it a header or a request.
#[derive(Default)]
struct ObjectFacts {
    seen_request: bool,
    name: Option<String>,
    value: Option<String>,
    url: Option<String>,
}

impl ObjectFacts {
    fn keep(&mut self, key: &str, kept: Option<String>) {
        match key {
            "name" => self.name = kept,
            "value" => self.value = kept,
            "url" => self.url = kept,
            _ => {}
        }
    }

    /// A `{"name", "value"}` pair (a HAR header, query parameter or cookie) is read as the line
    /// `name: value`; an object with a `url` is a request, whose facts go with its tokens.
    fn finish(self, inside: &mut Findings) {
        if let (Some(name), Some(value)) = (&self.name, &self.value) {
            let line = format!("{name}: {value}");
            scan_text(&line, Some(name), inside);
            read_request_facts(&line, &mut inside.request);
        }
        let Some(url) = self.url else {
            return;
        };
        let to_inbox = url_path(&url).ends_with("/q");
        let facts: RequestFacts = std::mem::take(&mut inside.request);
        inside.mark_sent(to_inbox, &facts);
        // Facts of a request with no token stay with the page, for a token found elsewhere.
        inside.request = facts;
    }
}

/// The path of a URL, without its query or fragment.
fn url_path(url: &str) -> &str {
    let end = url.find(['?', '#']).unwrap_or(url.len());
    url[..end].trim_end_matches('/')
}
