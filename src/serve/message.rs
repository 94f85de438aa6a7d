//! One Inbox message as `serve` holds it, and the JSON that puts one in: a line of `--messages`
//! or the body of `POST /send`, read leniently the way a person writes them (`user_id` or
//! `user`, `body` or `preview`, times as ISO strings or Unix milliseconds, `read: true` for
//! "read at creation"). Times are kept as Unix milliseconds and shown as JavaScript's
//! `toISOString()` does. A field it does not know (`"titel"`) is refused with the nearest name,
//! never dropped silently. Strings are boxed, not grown: a workspace may hold many messages.

use serde_json::{Map, Value};

use super::message_texts::MessageTexts;

/// A moment in Unix milliseconds.
pub(super) type Millis = i64;

/// A moment that may not have come: Unix milliseconds in 8 bytes (a workspace may hold many
/// messages, each with three of them). The epoch's own millisecond is kept as the next one.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Stamp(Option<std::num::NonZeroI64>);

impl Stamp {
    pub(crate) fn at(millis: Millis) -> Self {
        Self(std::num::NonZeroI64::new(millis).or(std::num::NonZeroI64::new(1)))
    }

    pub(crate) fn get(self) -> Option<Millis> {
        self.0.map(std::num::NonZeroI64::get)
    }

    pub(crate) fn is_set(self) -> bool {
        self.0.is_some()
    }

    /// Sets it to `now` unless it is set already.
    pub(crate) fn set_once(&mut self, now: Millis) {
        if self.0.is_none() {
            *self = Self::at(now);
        }
    }

    pub(crate) fn clear(&mut self) {
        self.0 = None;
    }
}

/// A message in a user's inbox.
#[derive(Debug, Clone)]
pub(crate) struct Message {
    /// `None`: the id the workspace gave it, `msg_<seq>` (not stored: it costs nothing).
    pub(crate) id: Option<Box<str>>,
    /// Insertion order, the tie-breaker between messages created the same millisecond.
    pub(crate) seq: u64,
    /// The tenant (the SDK's `tenantId`, Courier's `accountId`) it belongs to, if any.
    pub(crate) tenant: Option<Box<str>>,
    /// Its title and preview (`title()`, `preview()`), in one allocation.
    pub(crate) texts: MessageTexts,
    /// Data, tags and actions, which many messages have none of.
    pub(crate) extras: Option<Box<Extras>>,
    pub(crate) created: Millis,
    pub(crate) read: Stamp,
    pub(crate) archived: Stamp,
    pub(crate) opened: Stamp,
}

/// What a message may carry besides its text.
#[derive(Debug, Clone, Default)]
pub(crate) struct Extras {
    /// A JSON object, as text.
    pub(crate) data: Option<Box<str>>,
    pub(crate) tags: Box<[Box<str>]>,
    pub(crate) actions: Box<[Action]>,
}

impl Message {
    pub(crate) fn title(&self) -> Option<&str> {
        self.texts.title()
    }

    pub(crate) fn preview(&self) -> Option<&str> {
        self.texts.preview()
    }

    /// Its id.
    pub(crate) fn id(&self) -> std::borrow::Cow<'_, str> {
        match &self.id {
            Some(id) => std::borrow::Cow::Borrowed(id),
            None => std::borrow::Cow::Owned(format!("msg_{}", self.seq)),
        }
    }

    pub(crate) fn has_id(&self, id: &str) -> bool {
        match &self.id {
            Some(own) => **own == *id,
            // `msg_<seq>` exactly: no leading zero or sign (sequence numbers start at 1).
            None => id.strip_prefix("msg_").is_some_and(|digits| {
                !digits.starts_with(['0', '+']) && digits.parse() == Ok(self.seq)
            }),
        }
    }

    /// About how many bytes the message takes in a response with every field selected (its
    /// preview twice: as `preview` and as `body`), for the response budget.
    pub(crate) fn response_bytes(&self) -> usize {
        let text = |field: &Option<Box<str>>| field.as_deref().map_or(0, str::len);
        let length = |text: Option<&str>| text.map_or(0, str::len);
        let extras = self.extras.as_ref().map_or(0, |extras| {
            text(&extras.data)
                + extras.tags.iter().map(|tag| tag.len() + 3).sum::<usize>()
                + extras
                    .actions
                    .iter()
                    .map(|action| {
                        text(&action.content) + text(&action.href) + text(&action.data) + 96
                    })
                    .sum::<usize>()
        });
        const FIELDS_AND_TIMES: usize = 384;
        FIELDS_AND_TIMES
            + text(&self.tenant)
            + length(self.title())
            + 2 * length(self.preview())
            + extras
    }

    pub(crate) fn data(&self) -> Option<&str> {
        self.extras.as_ref()?.data.as_deref()
    }

    pub(crate) fn tags(&self) -> &[Box<str>] {
        self.extras.as_ref().map_or(&[], |extras| &extras.tags)
    }

    pub(crate) fn actions(&self) -> &[Action] {
        self.extras.as_ref().map_or(&[], |extras| &extras.actions)
    }
}

/// A button or link on a message.
#[derive(Debug, Clone)]
pub(crate) struct Action {
    pub(crate) content: Option<Box<str>>,
    pub(crate) href: Option<Box<str>>,
    pub(crate) data: Option<Box<str>>,
}

/// A message to add, before the workspace gives it an id and a place.
#[derive(Debug, Clone)]
pub(crate) struct NewMessage {
    pub(crate) user_id: String,
    /// `None`: the workspace makes one up.
    pub(crate) id: Option<String>,
    /// `None`: now.
    pub(crate) created: Option<Millis>,
    /// Everything else, with `seq` and `created` still to fill in.
    pub(crate) message: Message,
}

/// Every name a message object may use; anything else is a typo to point out (`"titel"`).
const MESSAGE_FIELDS: &[&str] = &[
    "user_id",
    "userId",
    "user",
    "messageId",
    "message_id",
    "id",
    "title",
    "body",
    "preview",
    "tenant",
    "tenant_id",
    "tenantId",
    "accountId",
    "created",
    "read",
    "archived",
    "opened",
    "data",
    "tags",
    "actions",
];

/// The names an action object may use.
const ACTION_FIELDS: &[&str] = &["content", "href", "data"];

/// An error naming the first field of `object` not in `known`, with the nearest known name.
fn refuse_unknown_fields(object: &Map<String, Value>, known: &[&str]) -> Result<(), String> {
    let Some(unknown) = object.keys().find(|name| !known.contains(&name.as_str())) else {
        return Ok(());
    };
    let shown = crate::shown::printable::printable(unknown);
    let nearest = known
        .iter()
        .map(|name| (strsim::jaro_winkler(name, unknown), *name))
        .filter(|(similarity, _)| *similarity > 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0));
    Err(match nearest {
        Some((_, name)) => format!("has an unknown field \"{shown}\" (did you mean \"{name}\"?)"),
        None => format!(
            "has an unknown field \"{shown}\" (the fields are {})",
            known.join(", ")
        ),
    })
}

/// Reads one message object. `what` names it in errors (`line 3`, `the body`).
pub(crate) fn parse_new_message(value: &Value, now: Millis) -> Result<NewMessage, String> {
    let object = value
        .as_object()
        .ok_or_else(|| "is not a JSON object".to_string())?;
    refuse_unknown_fields(object, MESSAGE_FIELDS)?;
    let user_id = text(object, &["user_id", "userId", "user"])?
        .ok_or_else(|| "has no \"user_id\"".to_string())?;
    if user_id.is_empty() {
        return Err("has an empty \"user_id\"".to_string());
    }
    let created = time(object, "created", now)?;
    let stamp = |name: &str| {
        time(object, name, created.unwrap_or(now))
            .map(|time| time.map(Stamp::at).unwrap_or_default())
    };
    let extras = Extras {
        data: json_object(object.get("data"), "data")?,
        tags: string_list(object.get("tags"))?,
        actions: actions(object.get("actions"))?,
    };
    let has_extras = extras.data.is_some() || !extras.tags.is_empty() || !extras.actions.is_empty();
    let message = Message {
        id: None,
        seq: 0,
        tenant: text(object, &["tenant", "tenant_id", "tenantId", "accountId"])?.map(Box::from),
        texts: MessageTexts::new(
            text(object, &["title"])?.as_deref(),
            text(object, &["preview", "body"])?.as_deref(),
        )
        .ok_or_else(|| "has a title and preview of 4 GiB or more".to_string())?,
        extras: has_extras.then(|| Box::new(extras)),
        created: 0,
        read: stamp("read")?,
        archived: stamp("archived")?,
        opened: stamp("opened")?,
    };
    Ok(NewMessage {
        user_id,
        id: text(object, &["messageId", "message_id", "id"])?,
        created,
        message,
    })
}

/// The first of `names` present, as a string; a present value of another type is an error.
fn text(object: &Map<String, Value>, names: &[&str]) -> Result<Option<String>, String> {
    for name in names {
        match object.get(*name) {
            None | Some(Value::Null) => continue,
            Some(Value::String(text)) => return Ok(Some(text.clone())),
            Some(other) => return Err(format!("has \"{name}\": {other}, not a string")),
        }
    }
    Ok(None)
}

/// A time: an ISO 8601 string, Unix milliseconds, or `true` (= `default`) / `false` (= none).
fn time(
    object: &Map<String, Value>,
    name: &str,
    default: Millis,
) -> Result<Option<Millis>, String> {
    match object.get(name) {
        None | Some(Value::Null) | Some(Value::Bool(false)) => Ok(None),
        Some(Value::Bool(true)) => Ok(Some(default)),
        Some(Value::Number(number)) => number
            .as_i64()
            .map(Some)
            .ok_or_else(|| format!("has \"{name}\": {number}, not Unix milliseconds")),
        Some(Value::String(text)) => parse_iso(text)
            .map(Some)
            .ok_or_else(|| format!("has \"{name}\": {text:?}, not an ISO 8601 time")),
        Some(other) => Err(format!("has \"{name}\": {other}, not a time")),
    }
}

fn json_object(value: Option<&Value>, name: &str) -> Result<Option<Box<str>>, String> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(object @ Value::Object(_)) => Ok(Some(object.to_string().into())),
        Some(other) => Err(format!("has \"{name}\": {other}, not a JSON object")),
    }
}

fn string_list(value: Option<&Value>) -> Result<Box<[Box<str>]>, String> {
    match value {
        None | Some(Value::Null) => Ok(Box::default()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(text) => Ok(Box::from(text.as_str())),
                other => Err(format!("has a tag {other}, not a string")),
            })
            .collect(),
        Some(other) => Err(format!("has \"tags\": {other}, not a list of strings")),
    }
}

fn actions(value: Option<&Value>) -> Result<Box<[Action]>, String> {
    let items = match value {
        None | Some(Value::Null) => return Ok(Box::default()),
        Some(Value::Array(items)) => items,
        Some(other) => return Err(format!("has \"actions\": {other}, not a list")),
    };
    items
        .iter()
        .map(|item| {
            let object = item
                .as_object()
                .ok_or_else(|| format!("has an action {item}, not an object"))?;
            refuse_unknown_fields(object, ACTION_FIELDS)?;
            Ok(Action {
                content: text(object, &["content"])?.map(Box::from),
                href: text(object, &["href"])?.map(Box::from),
                data: json_object(object.get("data"), "data")?,
            })
        })
        .collect()
}

/// An ISO 8601 / RFC 3339 time with an offset or `Z`, in Unix milliseconds.
pub(crate) fn parse_iso(text: &str) -> Option<Millis> {
    text.trim()
        .parse::<jiff::Timestamp>()
        .ok()
        .map(|time| time.as_millisecond())
}

/// Milliseconds as JavaScript's `Date.prototype.toISOString()` writes them.
pub(crate) fn iso(millis: Millis) -> String {
    jiff::Timestamp::from_millisecond(millis)
        .map(|time| time.strftime("%Y-%m-%dT%H:%M:%S%.3fZ").to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reads_what_people_write() {
        let new = parse_new_message(
            &json!({"user": "u", "tenant": "t", "body": "b", "tags": ["x"], "read": true,
                    "created": "2024-05-01T12:00:00Z", "data": {"k": 1}}),
            5,
        )
        .unwrap();
        assert_eq!(new.user_id, "u");
        assert_eq!(new.created, Some(1_714_564_800_000));
        assert_eq!(new.message.read.get(), Some(1_714_564_800_000));
        assert_eq!(new.message.preview(), Some("b"));
        assert_eq!(new.message.data(), Some(r#"{"k":1}"#));
        assert!(parse_new_message(&json!({"title": "no user"}), 0).is_err());
        assert!(parse_new_message(&json!({"user_id": "u", "tags": "x"}), 0).is_err());
        let typo = parse_new_message(&json!({"user_id": "u", "titel": "x"}), 0);
        assert_eq!(
            typo.err().as_deref(),
            Some("has an unknown field \"titel\" (did you mean \"title\"?)")
        );
        assert_eq!(iso(1_714_564_800_123), "2024-05-01T12:00:00.123Z");
    }
}
