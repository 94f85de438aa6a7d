//! Small answers many handlers share, as types, in the shapes of Courier's APIs: the ids a
//! send or a track returns, `{"removed"}`, `{}`, and the list wrappers with their paging
//! (`{"results","paging"}`, `{"items","paging"}`, the tenants' list). Each list's items are the
//! resource's own shape, built by its module. (The Issue Token API's `{"token"}` is written by
//! its handler, the token minted straight into it.)

use serde::Serialize;

/// `{"removed": N}`: how many things a reset or clear removed.
#[derive(Serialize)]
pub(crate) struct Removed {
    pub(crate) removed: usize,
}

/// `{"requestId": …}`: the Send API's answer.
#[derive(Serialize)]
pub(crate) struct RequestIdAnswer<'a> {
    #[serde(rename = "requestId")]
    pub(crate) request_id: &'a str,
}

/// `{"message": "success"}`.
#[derive(Serialize)]
pub(crate) struct Success {
    message: &'static str,
}

/// `{"message": "success"}`, as Courier answers a preference change.
pub(crate) const SUCCESS: Success = Success { message: "success" };

/// `{}`.
#[derive(Serialize)]
pub(crate) struct Empty {}

/// `{"more": false, "cursor": null}`: serve answers every list in one page.
#[derive(Serialize)]
pub(crate) struct OnePage {
    more: bool,
    cursor: Option<&'static str>,
}

/// `{"cursor": null, "more": false}`: the same, in the order the preferences API writes it.
#[derive(Serialize)]
pub(crate) struct OnePageCursorFirst {
    cursor: Option<&'static str>,
    more: bool,
}

/// `{"results": […], "paging": {"more": false, "cursor": null}}`.
#[derive(Serialize)]
pub(crate) struct Results<T> {
    results: Vec<T>,
    paging: OnePage,
}

impl<T> Results<T> {
    pub(crate) fn one_page(results: Vec<T>) -> Self {
        Results {
            results,
            paging: OnePage {
                more: false,
                cursor: None,
            },
        }
    }
}

/// `{"items": […], "paging": {"cursor": null, "more": false}}`.
#[derive(Serialize)]
pub(crate) struct Items<T> {
    items: Vec<T>,
    paging: OnePageCursorFirst,
}

impl<T> Items<T> {
    pub(crate) fn one_page(items: Vec<T>) -> Self {
        Items {
            items,
            paging: OnePageCursorFirst {
                cursor: None,
                more: false,
            },
        }
    }
}

/// The tenants API's list: `{"items","has_more","type": "list","url","next_url","cursor"}`.
#[derive(Serialize)]
pub(crate) struct TenantList<'a, T> {
    items: Vec<T>,
    has_more: bool,
    #[serde(rename = "type")]
    kind: &'static str,
    url: &'a str,
    next_url: Option<&'static str>,
    cursor: Option<&'static str>,
}

impl<'a, T> TenantList<'a, T> {
    pub(crate) fn one_page(items: Vec<T>, url: &'a str) -> Self {
        TenantList {
            items,
            has_more: false,
            kind: "list",
            url,
            next_url: None,
            cursor: None,
        }
    }
}

/// `{"messageId": …}`: a tracked event's answer.
#[derive(Serialize)]
pub(crate) struct MessageIdAnswer<'a> {
    #[serde(rename = "messageId")]
    pub(crate) message_id: &'a str,
}

/// `{"messageId","user_id"}`: the console's send form's answer.
#[derive(Serialize)]
pub(crate) struct SentAnswer<'a> {
    #[serde(rename = "messageId")]
    pub(crate) message_id: &'a str,
    pub(crate) user_id: &'a str,
}
