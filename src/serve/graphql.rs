//! The Inbox GraphQL endpoint's schema, executed by async-graphql: queries `count(params)`,
//! `messages(params, limit, after)` and `message(messageId)`, and the mutations courier-js and
//! the v7 SDK send, each a call into the shared [`Workspace`]. Types and fields carry the names
//! the SDKs write in their documents (`FilterParamsInput`, `background_color`), so their query
//! texts — values written in as default values of variable definitions, aliases, several root
//! fields — run unchanged. Who asks comes in the request's data as a [`Viewer`]; a viewer whose
//! token lacks the scope sees an empty inbox and changes nothing.

use std::sync::Arc;

use async_graphql::{
    Context, EmptySubscription, InputObject, InputType, InputValueError, InputValueResult, Json,
    Object, Scalar, ScalarType, Schema, SimpleObject, Value as GraphqlValue,
};

use super::graphql_limits::{charge, limited};
use super::inbox::{Filter, InboxChange, MessageChange, ReadStatus};
use super::message::{iso, parse_iso, Message, Millis};
use super::render::{click_tracking_id, parsed};
use super::state::Workspace;

pub(crate) type InboxSchema = Schema<QueryRoot, MutationRoot, EmptySubscription>;

/// The most messages one page returns, whatever `limit` asks.
const MAX_PAGE: i32 = 1000;

/// The schema, sharing `workspace`.
pub(crate) fn schema(workspace: Arc<Workspace>) -> InboxSchema {
    let builder = Schema::build(QueryRoot, MutationRoot, EmptySubscription)
        .data(workspace)
        // The SDKs' documents are fixed and known; Fast skips the rules (such as "every
        // variable is used") that a real Courier does not enforce either.
        .validation_mode(async_graphql::ValidationMode::Fast)
        .disable_introspection();
    limited(builder).finish()
}

/// Who asks, and from which socket connection (`x-courier-client-source-id`).
#[derive(Debug, Clone)]
pub(crate) struct Viewer {
    pub(crate) user_id: String,
    pub(crate) empty: bool,
    pub(crate) source: Option<String>,
}

fn parts<'c>(ctx: &Context<'c>) -> (&'c Workspace, &'c Viewer) {
    let workspace = ctx.data_unchecked::<Arc<Workspace>>();
    (workspace, ctx.data_unchecked::<Viewer>())
}

/// `from`: an ISO 8601 string (courier-js) or Unix milliseconds (v7 may send a number).
pub(crate) struct Since(Millis);

#[Scalar(name = "DateTimeOrNumber")]
impl ScalarType for Since {
    fn parse(value: GraphqlValue) -> InputValueResult<Self> {
        match &value {
            GraphqlValue::String(text) => parse_iso(text).map(Since).ok_or_else(|| {
                InputValueError::custom(format!("{text:?} is not an ISO 8601 time"))
            }),
            GraphqlValue::Number(number) => number
                .as_f64()
                .map(|millis| Since(millis as Millis))
                .ok_or_else(|| InputValueError::custom("not a time")),
            _ => Err(InputValueError::expected_type(value)),
        }
    }

    fn to_value(&self) -> GraphqlValue {
        GraphqlValue::String(iso(self.0))
    }
}

/// The SDKs' filter.
#[derive(InputObject, Default)]
#[graphql(name = "FilterParamsInput")]
pub(crate) struct FilterParams {
    account_id: Option<String>,
    tags: Option<Vec<String>>,
    status: Option<String>,
    archived: Option<bool>,
    from: Option<Since>,
}

impl FilterParams {
    fn filter(self) -> async_graphql::Result<Filter> {
        let status = match self.status.as_deref() {
            None => None,
            Some("read") => Some(ReadStatus::Read),
            Some("unread") => Some(ReadStatus::Unread),
            Some(other) => {
                return Err(format!("status {other:?} is neither \"read\" nor \"unread\"").into())
            }
        };
        Ok(Filter {
            tenant: self.account_id,
            archived: self.archived.unwrap_or(false),
            status,
            tags: self.tags.unwrap_or_default(),
            from: self.from.map(|since| since.0),
        })
    }
}

fn filter(params: Option<FilterParams>) -> async_graphql::Result<Filter> {
    params.unwrap_or_default().filter()
}

/// `count`'s `params` read as the resolver reads them (`None`: left out), for
/// [`CountPlan`](super::count_plan::CountPlan); `None` when they are not a filter.
pub(crate) fn count_filter(params: Option<GraphqlValue>) -> Option<Filter> {
    let params = <Option<FilterParams> as InputType>::parse(params).ok()?;
    filter(params).ok()
}

pub(crate) struct QueryRoot;

#[Object]
impl QueryRoot {
    async fn count(
        &self,
        ctx: &Context<'_>,
        params: Option<FilterParams>,
    ) -> async_graphql::Result<i64> {
        let (workspace, viewer) = parts(ctx);
        let filter = filter(params)?;
        Ok(if viewer.empty {
            0
        } else {
            workspace.count(&viewer.user_id, &filter) as i64
        })
    }

    async fn messages(
        &self,
        ctx: &Context<'_>,
        params: Option<FilterParams>,
        limit: Option<i32>,
        after: Option<String>,
    ) -> async_graphql::Result<Messages> {
        let (workspace, viewer) = parts(ctx);
        let filter = filter(params)?;
        let limit = limit.unwrap_or(24).clamp(0, MAX_PAGE) as usize;
        if viewer.empty {
            return Ok(Messages::default());
        }
        let page = workspace.page(&viewer.user_id, &filter, limit, after.as_deref());
        let bytes = page.messages.iter().map(Message::response_bytes).sum();
        charge(ctx, bytes).await?;
        Ok(Messages {
            total_count: page.total as i64,
            page_info: PageInfo {
                start_cursor: page.next.clone(),
                has_next_page: page.next.is_some(),
            },
            nodes: page.messages.into_iter().map(Node).collect(),
        })
    }

    async fn message(
        &self,
        ctx: &Context<'_>,
        message_id: String,
    ) -> async_graphql::Result<Option<Node>> {
        let (workspace, viewer) = parts(ctx);
        if viewer.empty {
            return Ok(None);
        }
        let found = workspace.find(&viewer.user_id, &message_id);
        if let Some(message) = &found {
            charge(ctx, message.response_bytes()).await?;
        }
        Ok(found.map(Node))
    }
}

#[derive(SimpleObject, Default)]
pub(crate) struct Messages {
    total_count: i64,
    page_info: PageInfo,
    nodes: Vec<Node>,
}

#[derive(SimpleObject, Default)]
struct PageInfo {
    /// Where the next page starts: courier-js sends it back as `after`.
    start_cursor: Option<String>,
    has_next_page: bool,
}

pub(crate) struct Node(Message);

#[Object(name = "Message")]
impl Node {
    async fn message_id(&self) -> String {
        self.0.id().into_owned()
    }
    async fn account_id(&self) -> Option<&str> {
        self.0.tenant.as_deref()
    }
    async fn title(&self) -> Option<&str> {
        self.0.title()
    }
    async fn preview(&self) -> Option<&str> {
        self.0.preview()
    }
    async fn body(&self) -> Option<&str> {
        self.0.preview()
    }
    async fn icon(&self) -> Option<&str> {
        None
    }
    async fn pinned(&self) -> Option<Pinned> {
        None
    }
    async fn data(&self) -> Option<Json<serde_json::Value>> {
        self.0.data().map(|text| Json(parsed(Some(text))))
    }
    async fn tags(&self) -> Vec<&str> {
        self.0.tags().iter().map(|tag| &**tag).collect()
    }
    async fn created(&self) -> String {
        iso(self.0.created)
    }
    async fn read(&self) -> Option<String> {
        self.0.read.get().map(iso)
    }
    async fn archived(&self) -> Option<String> {
        self.0.archived.get().map(iso)
    }
    async fn opened(&self) -> Option<String> {
        self.0.opened.get().map(iso)
    }
    async fn tracking_ids(&self) -> TrackingIds {
        TrackingIds {
            click_tracking_id: click_tracking_id(&self.0),
        }
    }
    /// `version: 2` (v7) adds `background_color` and `style`, which these messages leave empty.
    async fn actions(&self, #[graphql(name = "version")] _version: Option<i32>) -> Vec<ActionNode> {
        action_nodes(&self.0)
    }
    /// The mobile SDKs' `GetInboxMessage` asks `content { title preview actions { … } }`.
    async fn content(&self) -> MessageContent {
        MessageContent {
            title: self.0.title().map(str::to_string),
            preview: self.0.preview().map(str::to_string),
            actions: action_nodes(&self.0),
        }
    }
}

fn action_nodes(message: &Message) -> Vec<ActionNode> {
    message
        .actions()
        .iter()
        .map(|action| ActionNode {
            content: action.content.as_deref().map(str::to_string),
            href: action.href.as_deref().map(str::to_string),
            data: action.data.as_deref().map(|text| Json(parsed(Some(text)))),
            background_color: None,
            style: None,
        })
        .collect()
}

#[derive(SimpleObject)]
struct MessageContent {
    title: Option<String>,
    preview: Option<String>,
    actions: Vec<ActionNode>,
}

#[derive(SimpleObject)]
struct TrackingIds {
    click_tracking_id: String,
}

#[derive(SimpleObject)]
struct Pinned {
    slot_id: Option<String>,
}

#[derive(SimpleObject)]
#[graphql(name = "Action")]
struct ActionNode {
    content: Option<String>,
    href: Option<String>,
    data: Option<Json<serde_json::Value>>,
    #[graphql(name = "background_color")]
    background_color: Option<String>,
    style: Option<String>,
}

pub(crate) struct MutationRoot;

fn change(
    ctx: &Context<'_>,
    message_id: &str,
    change: MessageChange,
) -> async_graphql::Result<bool> {
    let (workspace, viewer) = parts(ctx);
    if viewer.empty {
        return Ok(false);
    }
    if workspace.change(
        &viewer.user_id,
        message_id,
        change,
        viewer.source.as_deref(),
    ) {
        Ok(true)
    } else {
        Err(format!("no message {message_id:?} in this inbox").into())
    }
}

fn change_all(ctx: &Context<'_>, change: InboxChange, tags: &[String]) -> bool {
    let (workspace, viewer) = parts(ctx);
    if !viewer.empty {
        workspace.change_all(&viewer.user_id, change, tags, viewer.source.as_deref());
    }
    !viewer.empty
}

#[Object]
impl MutationRoot {
    async fn read(&self, ctx: &Context<'_>, message_id: String) -> async_graphql::Result<bool> {
        change(ctx, &message_id, MessageChange::Read)
    }
    async fn unread(&self, ctx: &Context<'_>, message_id: String) -> async_graphql::Result<bool> {
        change(ctx, &message_id, MessageChange::Unread)
    }
    async fn opened(&self, ctx: &Context<'_>, message_id: String) -> async_graphql::Result<bool> {
        change(ctx, &message_id, MessageChange::Opened)
    }
    async fn archive(&self, ctx: &Context<'_>, message_id: String) -> async_graphql::Result<bool> {
        change(ctx, &message_id, MessageChange::Archive)
    }
    async fn unarchive(
        &self,
        ctx: &Context<'_>,
        message_id: String,
    ) -> async_graphql::Result<bool> {
        change(ctx, &message_id, MessageChange::Unarchive)
    }
    async fn clicked(
        &self,
        ctx: &Context<'_>,
        message_id: String,
        #[graphql(name = "trackingId")] _tracking_id: Option<String>,
    ) -> async_graphql::Result<bool> {
        change(ctx, &message_id, MessageChange::Clicked)
    }
    /// courier-js sends it bare; the v7 Inbox as `markAllRead(params: $params)`, with tags or
    /// none. No SDK sends a tenant: it marks the user's messages of every tenant.
    async fn mark_all_read(&self, ctx: &Context<'_>, params: Option<MarkAllReadParams>) -> bool {
        let tags = params.and_then(|params| params.tags).unwrap_or_default();
        change_all(ctx, InboxChange::MarkAllRead, &tags)
    }
    async fn archive_read(&self, ctx: &Context<'_>) -> bool {
        change_all(ctx, InboxChange::ArchiveRead, &[])
    }
    async fn archive_all(&self, ctx: &Context<'_>) -> bool {
        change_all(ctx, InboxChange::ArchiveAll, &[])
    }
}

/// The v7 Inbox's `MarkAllAsReadParamsInput`: only messages with any of `tags`.
#[derive(async_graphql::InputObject)]
#[graphql(name = "MarkAllAsReadParamsInput")]
struct MarkAllReadParams {
    tags: Option<Vec<String>>,
}
