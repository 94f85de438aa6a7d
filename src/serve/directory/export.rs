//! The directory in the workspace file's shape, for `--export-on-exit` and `GET /__serve/state`:
//! the preference page, brands, tenants with their members, templates, users' choices, device
//! tokens and list subscriptions (`store` reads them back). Send records and the tenants' REST
//! extras (properties, brand_id, …) have no place in the file and are not written.

use super::super::workspace_file::{ChoiceLine, DeviceTokens, ListLine, Tenant, WorkspaceFile};
use super::store::Directory;

impl Directory {
    /// Everything the directory holds that the workspace file can carry, ids in order.
    pub(crate) fn snapshot(&self) -> WorkspaceFile {
        let records = self.records();
        let mut templates: Vec<_> = records.templates.values().cloned().collect();
        templates.sort_by(|a, b| a.id.cmp(&b.id));
        let mut choices: Vec<ChoiceLine> = records
            .choices
            .iter()
            .flat_map(|((user, tenant), chosen)| {
                chosen.iter().map(move |(topic, choice)| ChoiceLine {
                    user_id: user.to_string(),
                    tenant_id: tenant.as_deref().map(str::to_string),
                    topic_id: topic.to_string(),
                    status: choice.status,
                    has_custom_routing: choice.has_custom_routing,
                    routing: choice.routing.clone(),
                    digest_schedule: choice.digest_schedule.clone(),
                })
            })
            .collect();
        choices.sort_by(|a, b| {
            (&a.user_id, &a.tenant_id, &a.topic_id).cmp(&(&b.user_id, &b.tenant_id, &b.topic_id))
        });
        let mut tokens: Vec<DeviceTokens> = records
            .tokens
            .iter()
            .filter(|(_, tokens)| !tokens.is_empty())
            .map(|(user, tokens)| DeviceTokens {
                user_id: user.to_string(),
                tokens: tokens
                    .values()
                    .filter_map(|token| token.as_object().cloned())
                    .collect(),
            })
            .collect();
        tokens.sort_by(|a, b| a.user_id.cmp(&b.user_id));
        WorkspaceFile {
            preferences: records.page.clone(),
            brands: records.brands.values().cloned().collect(),
            tenants: records
                .tenants
                .iter()
                .map(|(id, tenant)| Tenant {
                    id: id.clone(),
                    name: tenant.name.clone(),
                    members: tenant.members.iter().cloned().collect(),
                })
                .collect(),
            templates,
            messages: Vec::new(),
            choices,
            tokens,
            lists: records
                .lists
                .iter()
                .map(|(id, subscribers)| ListLine {
                    id: id.clone(),
                    subscribers: subscribers.iter().cloned().collect(),
                })
                .collect(),
        }
    }
}
