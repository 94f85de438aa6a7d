//! The client GraphQL schema (Courier's `/client/q`), executed by async-graphql: the queries
//! and the mutation courier-js's preference and brand clients, `<courier-preferences>` and the
//! v7 Inbox send — `preferencePage` / `draftPreferencePage` (sections, topics, routing options,
//! channel labels, the page's brand), `recipientPreferences`, `recipientPreference` (also as
//! `recipientPreferenceTopic`), `digestSchedulesForTopic`, `updatePreferenceV2`, `brand(brandId)`
//! and `inAppBrand` — with the field names the SDKs select. Who asks comes in the request's data
//! as a [`Preferrer`]; scopes were checked before execution (`client_graphql`).

use std::sync::Arc;

use async_graphql::{Context, EmptySubscription, InputObject, Json, Object, Schema, SimpleObject};
use serde_json::Value;

use super::super::directory::{Choice, TopicView};
use super::super::graphql_limits::limited;
use super::super::state::Workspace;
use super::super::workspace_file::{Channel, PreferencePage, TopicStatus};
use super::brand::BrandNode;

pub(crate) type ClientSchema = Schema<ClientQuery, ClientMutation, EmptySubscription>;

/// The schema, sharing `workspace`.
pub(crate) fn client_schema(workspace: Arc<Workspace>) -> ClientSchema {
    let builder = Schema::build(ClientQuery, ClientMutation, EmptySubscription)
        .data(workspace)
        .validation_mode(async_graphql::ValidationMode::Fast)
        .disable_introspection();
    limited(builder).finish()
}

/// The user whose preferences a request reads or changes.
#[derive(Debug, Clone)]
pub(crate) struct Preferrer {
    pub(crate) user_id: String,
}

fn parts<'c>(ctx: &Context<'c>) -> (&'c Workspace, &'c str) {
    let workspace = ctx.data_unchecked::<Arc<Workspace>>();
    (workspace, &ctx.data_unchecked::<Preferrer>().user_id)
}

pub(crate) struct ClientQuery;

#[Object]
impl ClientQuery {
    /// The published page (one for every tenant: `accountId` changes nothing on it).
    async fn preference_page(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "accountId")] _account_id: Option<String>,
    ) -> Option<Page> {
        page(ctx)
    }

    /// The draft page is the published one here: the workspace file has one page.
    async fn draft_preference_page(
        &self,
        ctx: &Context<'_>,
        #[graphql(name = "accountId")] _account_id: Option<String>,
    ) -> Option<Page> {
        page(ctx)
    }

    async fn recipient_preferences(
        &self,
        ctx: &Context<'_>,
        account_id: Option<String>,
    ) -> RecipientPreferences {
        let (workspace, user) = parts(ctx);
        let topics = workspace.directory.topics(user, account_id.as_deref());
        RecipientPreferences {
            nodes: topics.into_iter().map(RecipientPreference).collect(),
        }
    }

    async fn recipient_preference(
        &self,
        ctx: &Context<'_>,
        template_id: String,
        account_id: Option<String>,
    ) -> Option<RecipientPreference> {
        recipient_preference(ctx, &template_id, account_id.as_deref())
    }

    async fn recipient_preference_topic(
        &self,
        ctx: &Context<'_>,
        template_id: String,
        account_id: Option<String>,
    ) -> Option<RecipientPreference> {
        recipient_preference(ctx, &template_id, account_id.as_deref())
    }

    /// The workspace file holds no digest schedules: always empty.
    async fn digest_schedules_for_topic(
        &self,
        #[graphql(name = "templateId")] _template_id: String,
    ) -> Vec<DigestSchedule> {
        Vec::new()
    }

    /// A brand by id; without one, the preference page's brand (or the only brand).
    async fn brand(&self, ctx: &Context<'_>, brand_id: Option<String>) -> Option<BrandNode> {
        let (workspace, _) = parts(ctx);
        match brand_id {
            Some(id) => workspace.directory.brand(&id),
            None => workspace.directory.default_brand(),
        }
        .map(BrandNode)
    }

    /// The v7 Inbox's brand: the default brand.
    async fn in_app_brand(&self, ctx: &Context<'_>) -> Option<BrandNode> {
        let (workspace, _) = parts(ctx);
        workspace.directory.default_brand().map(BrandNode)
    }
}

fn page(ctx: &Context<'_>) -> Option<Page> {
    parts(ctx).0.directory.page().map(Page)
}

fn recipient_preference(
    ctx: &Context<'_>,
    template_id: &str,
    account_id: Option<&str>,
) -> Option<RecipientPreference> {
    let (workspace, user) = parts(ctx);
    let topic = workspace.directory.topic(user, account_id, template_id);
    topic.map(RecipientPreference)
}

pub(crate) struct Page(PreferencePage);

#[Object(name = "PreferencePage")]
impl Page {
    async fn heading(&self) -> Option<&str> {
        self.0.heading.as_deref()
    }
    async fn description(&self) -> Option<&str> {
        self.0.description.as_deref()
    }
    async fn show_courier_footer(&self) -> bool {
        self.0.show_courier_footer
    }
    async fn brand(&self, ctx: &Context<'_>, brand_id: Option<String>) -> Option<BrandNode> {
        let (workspace, _) = parts(ctx);
        let id = brand_id.or_else(|| self.0.brand_id.clone());
        match id {
            Some(id) => workspace.directory.brand(&id),
            None => workspace.directory.default_brand(),
        }
        .map(BrandNode)
    }
    async fn channel_configs(&self) -> ChannelConfigs {
        let mut channels: Vec<Channel> = Vec::new();
        for section in &self.0.sections {
            for channel in &section.routing_options {
                if !channels.contains(channel) {
                    channels.push(*channel);
                }
            }
        }
        ChannelConfigs {
            channel_labels: channels
                .into_iter()
                .map(|channel| ChannelLabel {
                    channel,
                    name: channel_name(channel).to_string(),
                })
                .collect(),
        }
    }
    async fn sections(&self) -> Sections {
        Sections {
            nodes: self
                .0
                .sections
                .iter()
                .map(|section| SectionNode {
                    name: section.name.clone(),
                    section_id: section.id.clone(),
                    has_custom_routing: !section.routing_options.is_empty(),
                    routing_options: section.routing_options.clone(),
                    topics: Topics {
                        nodes: section
                            .topics
                            .iter()
                            .map(|topic| TopicNode {
                                template_id: topic.id.clone(),
                                template_name: topic.name.clone(),
                                default_status: topic.default_status,
                                data: None,
                                digest_schedules: None,
                            })
                            .collect(),
                    },
                })
                .collect(),
        }
    }
}

fn channel_name(channel: Channel) -> &'static str {
    match channel {
        Channel::DirectMessage => "Direct message",
        Channel::Email => "Email",
        Channel::Push => "Push",
        Channel::Sms => "SMS",
        Channel::Webhook => "Webhook",
        Channel::Inbox => "Inbox",
    }
}

#[derive(SimpleObject)]
struct ChannelConfigs {
    channel_labels: Vec<ChannelLabel>,
}

#[derive(SimpleObject)]
struct ChannelLabel {
    channel: Channel,
    name: String,
}

#[derive(SimpleObject)]
struct Sections {
    nodes: Vec<SectionNode>,
}

#[derive(SimpleObject)]
#[graphql(name = "PreferenceSection")]
struct SectionNode {
    name: String,
    section_id: String,
    routing_options: Vec<Channel>,
    has_custom_routing: bool,
    topics: Topics,
}

#[derive(SimpleObject)]
struct Topics {
    nodes: Vec<TopicNode>,
}

#[derive(SimpleObject)]
#[graphql(name = "PreferenceTopic")]
struct TopicNode {
    template_id: String,
    template_name: String,
    default_status: TopicStatus,
    data: Option<Json<Value>>,
    digest_schedules: Option<Json<Value>>,
}

#[derive(SimpleObject)]
pub(crate) struct RecipientPreferences {
    nodes: Vec<RecipientPreference>,
}

pub(crate) struct RecipientPreference(TopicView);

#[Object]
impl RecipientPreference {
    async fn template_id(&self) -> &str {
        &self.0.topic_id
    }
    async fn template_name(&self) -> &str {
        &self.0.topic_name
    }
    async fn section_id(&self) -> &str {
        &self.0.section_id
    }
    async fn section_name(&self) -> &str {
        &self.0.section_name
    }
    async fn default_status(&self) -> TopicStatus {
        self.0.default_status
    }
    async fn status(&self) -> TopicStatus {
        self.0.status
    }
    async fn has_custom_routing(&self) -> bool {
        self.0.has_custom_routing
    }
    async fn routing_preferences(&self) -> &[Channel] {
        &self.0.routing
    }
    async fn digest_schedule(&self) -> Option<&str> {
        self.0.digest_schedule.as_deref()
    }
}

#[derive(SimpleObject)]
pub(crate) struct DigestSchedule {
    schedule_id: String,
    period: Option<String>,
    recurrence: Option<String>,
    repeat: Option<Json<Value>>,
    repetition: Option<String>,
    start: Option<String>,
    default: bool,
}

/// `updatePreferenceV2`'s `preferences`.
#[derive(InputObject)]
pub(crate) struct PreferencesInput {
    status: TopicStatus,
    has_custom_routing: Option<bool>,
    routing_preferences: Option<Vec<Channel>>,
    digest_schedule: Option<String>,
}

pub(crate) struct ClientMutation;

#[Object]
impl ClientMutation {
    async fn update_preference_v2(
        &self,
        ctx: &Context<'_>,
        template_id: String,
        preferences: PreferencesInput,
        account_id: Option<String>,
    ) -> async_graphql::Result<RecipientPreference> {
        let (workspace, user) = parts(ctx);
        let choice = Choice {
            status: preferences.status,
            has_custom_routing: preferences.has_custom_routing.unwrap_or(false),
            routing: preferences.routing_preferences.unwrap_or_default(),
            digest_schedule: preferences.digest_schedule,
        };
        workspace
            .directory
            .choose(user, account_id.as_deref(), &template_id, choice)
            .map(RecipientPreference)
            .map_err(async_graphql::Error::new)
    }
}
