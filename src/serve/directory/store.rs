//! The directory's records and their lock: what the workspace file seeds (the preference page,
//! tenants, brands, templates; an exported file's choices, tokens and lists too) and what
//! requests add (preference choices, device tokens, list subscriptions, send records), with the
//! lookups a send needs (a tenant's members, a user's sole tenant, a template, a brand).

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::sync::{Mutex, MutexGuard};

use serde_json::Value;

use super::super::workspace_file::{
    token_text, Brand, PreferencePage, Template, Tenant, WorkspaceFile,
};
use super::entries::{Choice, SendRecord};

/// The directory: seed and current records.
#[derive(Default)]
pub(crate) struct Directory {
    seed: Mutex<WorkspaceFile>,
    records: Mutex<Records>,
}

/// A tenant as held.
#[derive(Debug, Clone, Default)]
pub(crate) struct TenantRecord {
    pub(crate) name: String,
    pub(crate) members: BTreeSet<String>,
    /// What `PUT /tenants/{id}` gave besides the name (properties, brand_id, …), kept as sent.
    pub(crate) extra: serde_json::Map<String, Value>,
}

/// Whose choices: a user, within a tenant or none.
pub(crate) type ChoiceKey = (Box<str>, Option<Box<str>>);

#[derive(Default)]
pub(crate) struct Records {
    pub(crate) page: Option<PreferencePage>,
    pub(crate) tenants: BTreeMap<String, TenantRecord>,
    pub(crate) brands: BTreeMap<String, Brand>,
    pub(crate) templates: HashMap<String, Template>,
    /// (user, tenant) → topic → the user's choice.
    pub(crate) choices: HashMap<ChoiceKey, BTreeMap<Box<str>, Choice>>,
    /// user → device token → what was registered with it.
    pub(crate) tokens: HashMap<Box<str>, BTreeMap<String, Value>>,
    /// list → subscribed users.
    pub(crate) lists: BTreeMap<String, BTreeSet<String>>,
    pub(crate) sends: HashMap<Box<str>, SendRecord>,
    pub(crate) next_request: u64,
}

impl Records {
    fn seeded(file: &WorkspaceFile) -> Self {
        let mut records = Self {
            page: file.preferences.clone(),
            tenants: file.tenants.iter().map(tenant_record).collect(),
            brands: file
                .brands
                .iter()
                .map(|b| (b.id.clone(), b.clone()))
                .collect(),
            templates: file
                .templates
                .iter()
                .map(|t| (t.id.clone(), t.clone()))
                .collect(),
            ..Self::default()
        };
        seed_held(&mut records, file);
        records
    }
}

/// Puts the file's choices, tokens and lists into `records` (the file was checked as parsed).
fn seed_held(records: &mut Records, file: &WorkspaceFile) {
    for line in &file.choices {
        let choice = Choice {
            status: line.status,
            has_custom_routing: line.has_custom_routing,
            routing: line.routing.clone(),
            digest_schedule: line.digest_schedule.clone(),
        };
        records
            .choices
            .entry((
                Box::from(line.user_id.as_str()),
                line.tenant_id.as_deref().map(Box::from),
            ))
            .or_default()
            .insert(Box::from(line.topic_id.as_str()), choice);
    }
    for user in &file.tokens {
        let theirs: &mut BTreeMap<String, Value> = records
            .tokens
            .entry(Box::from(user.user_id.as_str()))
            .or_default();
        for token in &user.tokens {
            if let Ok(text) = token_text(token) {
                theirs.insert(text.to_string(), Value::Object(token.clone()));
            }
        }
    }
    for list in &file.lists {
        records
            .lists
            .entry(list.id.clone())
            .or_default()
            .extend(list.subscribers.iter().cloned());
    }
}

fn tenant_record(tenant: &Tenant) -> (String, TenantRecord) {
    let record = TenantRecord {
        name: tenant.name.clone(),
        members: tenant.members.iter().cloned().collect(),
        extra: serde_json::Map::new(),
    };
    (tenant.id.clone(), record)
}

impl Directory {
    /// Takes the workspace file's configuration (its messages are the inboxes', not kept here).
    pub(crate) fn seed(&self, mut file: WorkspaceFile) {
        file.messages = Vec::new();
        *self.records() = Records::seeded(&file);
        *self.seed.lock().unwrap_or_else(|p| p.into_inner()) = file;
    }

    /// Back to what the workspace file said.
    pub(crate) fn reset(&self) {
        let seed = self.seed.lock().unwrap_or_else(|p| p.into_inner());
        *self.records() = Records::seeded(&seed);
    }

    /// The records, locked (never across an await).
    pub(crate) fn records(&self) -> MutexGuard<'_, Records> {
        self.records.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// The tenant's members, or `None` when there is no such tenant.
    pub(crate) fn members(&self, tenant: &str) -> Option<Vec<String>> {
        let records = self.records();
        Some(
            records
                .tenants
                .get(tenant)?
                .members
                .iter()
                .cloned()
                .collect(),
        )
    }

    /// The one tenant `user` belongs to, when they belong to exactly one.
    pub(crate) fn sole_tenant(&self, user: &str) -> Option<String> {
        let records = self.records();
        let mut theirs = records
            .tenants
            .iter()
            .filter(|(_, tenant)| tenant.members.contains(user));
        match (theirs.next(), theirs.next()) {
            (Some((id, _)), None) => Some(id.clone()),
            _ => None,
        }
    }

    /// The tenants `user` belongs to.
    pub(crate) fn tenants_of(&self, user: &str) -> Vec<String> {
        let records = self.records();
        records
            .tenants
            .iter()
            .filter(|(_, tenant)| tenant.members.contains(user))
            .map(|(id, _)| id.clone())
            .collect()
    }

    pub(crate) fn template(&self, id: &str) -> Option<Template> {
        self.records().templates.get(id).cloned()
    }

    pub(crate) fn brand(&self, id: &str) -> Option<Brand> {
        self.records().brands.get(id).cloned()
    }

    /// The page's brand, else the only brand there is.
    pub(crate) fn default_brand(&self) -> Option<Brand> {
        let records = self.records();
        let chosen = records
            .page
            .as_ref()
            .and_then(|page| page.brand_id.as_ref());
        match chosen {
            Some(id) => records.brands.get(id).cloned(),
            None if records.brands.len() == 1 => records.brands.values().next().cloned(),
            None => None,
        }
    }

    pub(crate) fn page(&self) -> Option<PreferencePage> {
        self.records().page.clone()
    }
}
