//! The workspace file `serve --workspace FILE` reads at start: one JSON document holding what a
//! Courier workspace is configured with besides its inboxes — the published preference page
//! (sections of topics with their default status and routing options), brands, tenants and
//! their members, templates — and messages to start with, in `--messages`'s shape. The types
//! are serde structs both read and written (issue 24's export writes the same file), and every
//! one refuses a field it does not know, so a misspelled key is an error naming it and its line,
//! not a silently empty preference centre. What the values mean at run time is `directory`'s.
//! `choices`, `tokens` and `lists` are what a running workspace adds, for the export; a file
//! without them reads as before.

mod template;

use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::message::parse_new_message;
pub(crate) use template::TemplateText;

/// The whole file.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct WorkspaceFile {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) preferences: Option<PreferencePage>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) brands: Vec<Brand>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) tenants: Vec<Tenant>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) templates: Vec<Template>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) messages: Vec<MessageLine>,
    /// Users' preference choices (written by the export).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) choices: Vec<ChoiceLine>,
    /// Users' device tokens (written by the export).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) tokens: Vec<DeviceTokens>,
    /// List subscriptions (written by the export).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) lists: Vec<ListLine>,
}

/// The published preference page.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PreferencePage {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) heading: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) description: Option<String>,
    /// The brand the page shows (a brand's id), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) brand_id: Option<String>,
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) show_courier_footer: bool,
    pub(crate) sections: Vec<Section>,
}

/// A section of topics.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Section {
    pub(crate) id: String,
    pub(crate) name: String,
    /// The channels a user may choose between for the section's topics.
    #[serde(default)]
    pub(crate) routing_options: Vec<Channel>,
    pub(crate) topics: Vec<Topic>,
}

/// A subscription topic (Courier's GraphQL calls it a template: `templateId`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Topic {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) default_status: TopicStatus,
}

/// A topic's status, as Courier spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, async_graphql::Enum)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
#[graphql(name = "PreferenceStatus")]
pub(crate) enum TopicStatus {
    OptedIn,
    OptedOut,
    Required,
}

/// A channel a user may route a topic to (Courier's `ChannelClassification`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, async_graphql::Enum)]
#[serde(rename_all = "snake_case")]
#[graphql(name = "ChannelClassification", rename_items = "snake_case")]
pub(crate) enum Channel {
    DirectMessage,
    Email,
    Push,
    Sms,
    Webhook,
    Inbox,
}

/// A brand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Brand {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) colors: Colors,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) logo: Option<Logo>,
    /// Courier's brand links (`{"facebook": {"url": …}, …}`), as given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) links: Option<Map<String, Value>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Colors {
    pub(crate) primary: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) secondary: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) tertiary: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Logo {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) href: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) image: Option<String>,
}

/// A tenant (Courier's `accountId` in the Inbox) and the users who belong to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Tenant {
    pub(crate) id: String,
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) members: Vec<String>,
}

/// A template a send may name instead of inline content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Template {
    pub(crate) id: String,
    pub(crate) title: TemplateText,
    pub(crate) body: TemplateText,
}

/// A message to start with, read as a line of `--messages` is (and refused as one).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "Value", into = "Value")]
pub(crate) struct MessageLine(pub(crate) Value);

impl TryFrom<Value> for MessageLine {
    type Error = String;

    fn try_from(value: Value) -> Result<Self, String> {
        parse_new_message(&value, 0).map_err(|problem| format!("the message {problem}"))?;
        Ok(Self(value))
    }
}

impl From<MessageLine> for Value {
    fn from(line: MessageLine) -> Value {
        line.0
    }
}

/// One user's choice for one topic, within a tenant or none.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ChoiceLine {
    pub(crate) user_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) tenant_id: Option<String>,
    pub(crate) topic_id: String,
    pub(crate) status: TopicStatus,
    #[serde(default, skip_serializing_if = "is_false")]
    pub(crate) has_custom_routing: bool,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub(crate) routing: Vec<Channel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) digest_schedule: Option<String>,
}

/// A user's device tokens, each the JSON it was registered with (with its `token`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DeviceTokens {
    pub(crate) user_id: String,
    pub(crate) tokens: Vec<Map<String, Value>>,
}

/// A list and the users subscribed to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ListLine {
    pub(crate) id: String,
    #[serde(default)]
    pub(crate) subscribers: Vec<String>,
}

/// The token's `token` string, or why the entry is refused.
pub(crate) fn token_text(token: &Map<String, Value>) -> Result<&str, String> {
    match token.get("token") {
        Some(Value::String(text)) if !text.is_empty() => Ok(text),
        _ => Err("tokens[].tokens[]: each needs a non-empty string \"token\"".to_string()),
    }
}

fn is_false(value: &bool) -> bool {
    !value
}

impl WorkspaceFile {
    /// Reads the file's text: a serde error names the field and its line; ids given twice are
    /// refused by name.
    pub(crate) fn parse(text: &str) -> Result<Self, String> {
        let file: Self = serde_json::from_str(text).map_err(|error| error.to_string())?;
        file.check_ids()?;
        Ok(file)
    }

    fn check_ids(&self) -> Result<(), String> {
        let topics = self
            .preferences
            .iter()
            .flat_map(|page| &page.sections)
            .flat_map(|section| section.topics.iter().map(|topic| topic.id.as_str()));
        let sections = self
            .preferences
            .iter()
            .flat_map(|page| page.sections.iter().map(|section| section.id.as_str()));
        once_each("preferences.sections[].id", sections)?;
        once_each("preferences.sections[].topics[].id", topics)?;
        once_each("brands[].id", self.brands.iter().map(|b| b.id.as_str()))?;
        once_each("tenants[].id", self.tenants.iter().map(|t| t.id.as_str()))?;
        once_each(
            "templates[].id",
            self.templates.iter().map(|t| t.id.as_str()),
        )?;
        once_each("lists[].id", self.lists.iter().map(|l| l.id.as_str()))?;
        for token in self.tokens.iter().flat_map(|user| &user.tokens) {
            token_text(token)?;
        }
        for choice in &self.choices {
            if !self
                .preferences
                .iter()
                .flat_map(|page| &page.sections)
                .any(|section| section.topics.iter().any(|t| t.id == choice.topic_id))
            {
                return Err(format!(
                    "choices[].topic_id {:?} is not a topic of preferences.sections[]",
                    choice.topic_id
                ));
            }
        }
        if let Some(brand) = self.preferences.as_ref().and_then(|p| p.brand_id.as_ref()) {
            if !self.brands.iter().any(|b| &b.id == brand) {
                return Err(format!(
                    "preferences.brand_id {brand:?} is not the id of any of brands[]"
                ));
            }
        }
        Ok(())
    }
}

fn once_each<'a>(field: &str, ids: impl Iterator<Item = &'a str>) -> Result<(), String> {
    let mut seen = BTreeSet::new();
    for id in ids {
        if id.is_empty() {
            return Err(format!("{field}: an empty id"));
        }
        if !seen.insert(id) {
            return Err(format!("{field}: {id:?} is given twice"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_and_writes_the_same_file_and_names_what_is_wrong() {
        let text = r##"{
  "preferences": {"sections": [{"id": "s", "name": "S", "routing_options": ["inbox", "email"],
    "topics": [{"id": "t", "name": "T", "default_status": "OPTED_OUT"}]}]},
  "brands": [{"id": "b", "name": "B", "colors": {"primary": "#000"}}],
  "tenants": [{"id": "acme", "name": "Acme", "members": ["alice"]}],
  "templates": [{"id": "W", "title": "Hi {{name}}", "body": "{{order.id}}"}],
  "messages": [{"user_id": "alice", "title": "x"}],
  "choices": [{"user_id": "alice", "tenant_id": "acme", "topic_id": "t", "status": "OPTED_IN"}],
  "tokens": [{"user_id": "alice", "tokens": [{"token": "k", "provider_key": "apn"}]}],
  "lists": [{"id": "news", "subscribers": ["alice"]}]
}"##;
        let file = WorkspaceFile::parse(text).unwrap();
        let written = serde_json::to_string(&file).unwrap();
        assert_eq!(WorkspaceFile::parse(&written).unwrap(), file);
        let unknown = WorkspaceFile::parse("{\n \"tenants\": [{\"id\": \"a\", \"nmae\": \"A\"}]}")
            .unwrap_err();
        assert!(
            unknown.contains("nmae") && unknown.contains("line 2"),
            "{unknown}"
        );
        let message = WorkspaceFile::parse("{\"messages\": [\n{\"title\": 1}]}").unwrap_err();
        assert!(message.contains("line 2"), "{message}");
        let twice = WorkspaceFile::parse(
            r#"{"tenants": [{"id": "a", "name": "A"}, {"id": "a", "name": "B"}]}"#,
        )
        .unwrap_err();
        assert!(twice.contains("tenants[].id"), "{twice}");
        let topic = WorkspaceFile::parse(
            r#"{"choices": [{"user_id": "a", "topic_id": "gone", "status": "OPTED_IN"}]}"#,
        )
        .unwrap_err();
        assert!(topic.contains("choices[].topic_id"), "{topic}");
        let token =
            WorkspaceFile::parse(r#"{"tokens": [{"user_id": "a", "tokens": [{}]}]}"#).unwrap_err();
        assert!(token.contains("\"token\""), "{token}");
    }
}
