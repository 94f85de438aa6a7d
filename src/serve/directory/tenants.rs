//! Tenants and their members as the REST API changes them: a tenant created or replaced
//! (`PUT /tenants/{id}`), removed, a user added to or removed from a tenant. Each answer is the
//! JSON Courier's tenant API gives.

use serde_json::{Map, Value};

use super::shapes::{MembershipJson, TenantJson};
use super::store::{Directory, TenantRecord};

impl Directory {
    /// The tenant in Courier's shape, or `None`.
    pub(crate) fn tenant_json(&self, id: &str) -> Option<TenantJson> {
        let records = self.records();
        records
            .tenants
            .get(id)
            .map(|tenant| tenant_json(id, tenant))
    }

    /// Every tenant in Courier's shape, by id.
    pub(crate) fn tenants_json(&self) -> Vec<TenantJson> {
        let records = self.records();
        records
            .tenants
            .iter()
            .map(|(id, tenant)| tenant_json(id, tenant))
            .collect()
    }

    /// Creates or replaces tenant `id` (its members stay); the tenant as now held.
    pub(crate) fn put_tenant(
        &self,
        id: &str,
        name: String,
        extra: Map<String, Value>,
    ) -> TenantJson {
        let mut records = self.records();
        let tenant = records.tenants.entry(id.to_string()).or_default();
        tenant.name = name;
        tenant.extra = extra;
        tenant_json(id, tenant)
    }

    /// Removes tenant `id`; whether there was one.
    pub(crate) fn delete_tenant(&self, id: &str) -> bool {
        self.records().tenants.remove(id).is_some()
    }

    /// The tenant's members, in Courier's membership shape; `None` for no such tenant.
    pub(crate) fn memberships_of_tenant(&self, id: &str) -> Option<Vec<MembershipJson>> {
        let records = self.records();
        let tenant = records.tenants.get(id)?;
        Some(
            tenant
                .members
                .iter()
                .map(|user| membership(user, id))
                .collect(),
        )
    }

    /// The user's tenants, in Courier's membership shape.
    pub(crate) fn memberships_of_user(&self, user: &str) -> Vec<MembershipJson> {
        self.tenants_of(user)
            .iter()
            .map(|tenant| membership(user, tenant))
            .collect()
    }

    /// Adds `user` to `tenant` (a tenant not yet known is created, named by its id).
    pub(crate) fn join(&self, user: &str, tenant: &str) {
        let mut records = self.records();
        let entry = records
            .tenants
            .entry(tenant.to_string())
            .or_insert_with(|| TenantRecord {
                name: tenant.to_string(),
                ..TenantRecord::default()
            });
        entry.members.insert(user.to_string());
    }

    /// Removes `user` from `tenant`, or from every tenant when `None`.
    pub(crate) fn leave(&self, user: &str, tenant: Option<&str>) {
        let mut records = self.records();
        for (id, record) in records.tenants.iter_mut() {
            if tenant.is_none_or(|only| only == id) {
                record.members.remove(user);
            }
        }
    }
}

fn tenant_json(id: &str, tenant: &TenantRecord) -> TenantJson {
    let kept = |name: &str| tenant.extra.get(name).cloned().unwrap_or(Value::Null);
    TenantJson {
        id: id.to_string(),
        name: tenant.name.clone(),
        parent_tenant_id: kept("parent_tenant_id"),
        default_preferences: kept("default_preferences"),
        properties: kept("properties"),
        user_profile: kept("user_profile"),
        brand_id: kept("brand_id"),
    }
}

fn membership(user: &str, tenant: &str) -> MembershipJson {
    MembershipJson {
        user_id: user.to_string(),
        tenant_id: tenant.to_string(),
        kind: "user",
    }
}
