//! A user's device tokens (the push tokens the mobile SDKs and courier-js register) and list
//! subscriptions, as the REST API keeps them: a token is the JSON it was put with, plus its
//! `token` and a `status`; a JSON Patch changes it.

use serde_json::{Map, Value};

use super::store::Directory;

impl Directory {
    /// Every token of `user`, as Courier lists them.
    pub(crate) fn tokens_of(&self, user: &str) -> Vec<Value> {
        let records = self.records();
        records
            .tokens
            .get(user)
            .map(|tokens| tokens.values().cloned().collect())
            .unwrap_or_default()
    }

    pub(crate) fn token_of(&self, user: &str, token: &str) -> Option<Value> {
        self.records().tokens.get(user)?.get(token).cloned()
    }

    /// Puts `token` for `user` with what `body` gives (`provider_key`, `device`, …).
    pub(crate) fn put_token(&self, user: &str, token: &str, body: Map<String, Value>) {
        let mut stored = body;
        stored.insert("token".into(), token.into());
        stored.entry("status").or_insert_with(|| "active".into());
        self.records()
            .tokens
            .entry(Box::from(user))
            .or_default()
            .insert(token.to_string(), Value::Object(stored));
    }

    /// Applies JSON Patch operations (`replace`, `add`, `remove` on a JSON pointer); false when
    /// there is no such token, an error naming the operation that does not apply.
    pub(crate) fn patch_token(
        &self,
        user: &str,
        token: &str,
        patch: &[Value],
    ) -> Result<bool, String> {
        let mut records = self.records();
        let Some(stored) = records.tokens.get_mut(user).and_then(|t| t.get_mut(token)) else {
            return Ok(false);
        };
        let mut changed = stored.clone();
        for operation in patch {
            let op = operation
                .get("op")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let path = operation
                .get("path")
                .and_then(Value::as_str)
                .unwrap_or_default();
            let (parent, key) = path
                .rsplit_once('/')
                .ok_or_else(|| format!("patch path {path:?} is not a JSON pointer"))?;
            let target = changed
                .pointer_mut(parent)
                .and_then(Value::as_object_mut)
                .ok_or_else(|| format!("patch path {path:?} names nothing in the token"))?;
            match op {
                "replace" | "add" => {
                    let value = operation.get("value").cloned().unwrap_or(Value::Null);
                    target.insert(key.to_string(), value);
                }
                "remove" => {
                    target.remove(key);
                }
                other => {
                    return Err(format!(
                        "patch op {other:?}: serve applies replace, add and remove"
                    ))
                }
            }
        }
        *stored = changed;
        Ok(true)
    }

    pub(crate) fn delete_token(&self, user: &str, token: &str) -> bool {
        let mut records = self.records();
        records
            .tokens
            .get_mut(user)
            .is_some_and(|tokens| tokens.remove(token).is_some())
    }

    /// Subscribes (`true`) or unsubscribes `user` to `list`.
    pub(crate) fn subscribe(&self, list: &str, user: &str, subscribed: bool) {
        let mut records = self.records();
        let members = records.lists.entry(list.to_string()).or_default();
        if subscribed {
            members.insert(user.to_string());
        } else {
            members.remove(user);
        }
    }
}
