//! The directory's records in the shapes Courier's REST API answers with, as types: a brand
//! (`{id, name, settings: {colors}, logo, links}`), a tenant, a membership and a send record
//! (`GET /messages/{id}`). Unlike the `--workspace` file's types, absent members are `null`
//! here, as Courier writes them. Owned, because they are built under the directory's lock.

use serde::Serialize;
use serde_json::{Map, Value};

use super::super::workspace_file::Brand;

/// A brand as `GET /brands/{id}` answers it.
#[derive(Serialize)]
pub(crate) struct BrandJson {
    id: String,
    name: String,
    settings: BrandSettings,
    logo: Option<LogoJson>,
    links: Option<Map<String, Value>>,
}

#[derive(Serialize)]
struct BrandSettings {
    colors: ColorsJson,
}

#[derive(Serialize)]
struct ColorsJson {
    primary: String,
    secondary: Option<String>,
    tertiary: Option<String>,
}

#[derive(Serialize)]
struct LogoJson {
    href: Option<String>,
    image: Option<String>,
}

impl From<&Brand> for BrandJson {
    fn from(brand: &Brand) -> Self {
        BrandJson {
            id: brand.id.clone(),
            name: brand.name.clone(),
            settings: BrandSettings {
                colors: ColorsJson {
                    primary: brand.colors.primary.clone(),
                    secondary: brand.colors.secondary.clone(),
                    tertiary: brand.colors.tertiary.clone(),
                },
            },
            logo: brand.logo.as_ref().map(|logo| LogoJson {
                href: logo.href.clone(),
                image: logo.image.clone(),
            }),
            links: brand.links.clone(),
        }
    }
}

/// A tenant as `GET /tenants/{id}` answers it: `id`, `name`, then the members `PUT` kept
/// (`null` when it gave none).
#[derive(Serialize)]
pub(crate) struct TenantJson {
    pub(crate) id: String,
    pub(crate) name: String,
    pub(crate) parent_tenant_id: Value,
    pub(crate) default_preferences: Value,
    pub(crate) properties: Value,
    pub(crate) user_profile: Value,
    pub(crate) brand_id: Value,
}

/// A membership: `{"user_id","tenant_id","type": "user"}`.
#[derive(Serialize)]
pub(crate) struct MembershipJson {
    pub(crate) user_id: String,
    pub(crate) tenant_id: String,
    #[serde(rename = "type")]
    pub(crate) kind: &'static str,
}

/// A send record as `GET /messages/{id}` answers it; `opened` only once the recipient opened
/// or read the message (then `status` is `OPENED`).
#[derive(Serialize)]
pub(crate) struct SendRecordJson {
    pub(crate) id: String,
    #[serde(rename = "requestId")]
    pub(crate) request_id: String,
    pub(crate) status: &'static str,
    pub(crate) recipient: Option<String>,
    pub(crate) tenant: Option<String>,
    pub(crate) notification: Option<String>,
    pub(crate) enqueued: i64,
    pub(crate) sent: Option<i64>,
    pub(crate) delivered: Option<i64>,
    pub(crate) enqueued_at: String,
    pub(crate) error: Option<String>,
    pub(crate) reason: Option<&'static str>,
    pub(crate) tags: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub(crate) opened: Option<i64>,
}
