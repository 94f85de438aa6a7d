//! A brand as the client GraphQL endpoint answers it: `settings { colors { primary secondary
//! tertiary } inapp { borderRadius disableCourierFooter } }`, `logo { href image }`, `links`, and
//! the v7 Inbox's `preferenceTemplates` (always empty: topics live on the preference page).

use async_graphql::{Json, Object, SimpleObject};
use serde_json::Value;

use super::super::workspace_file::Brand;

pub(crate) struct BrandNode(pub(crate) Brand);

#[Object(name = "Brand")]
impl BrandNode {
    async fn brand_id(&self) -> &str {
        &self.0.id
    }
    async fn name(&self) -> &str {
        &self.0.name
    }
    async fn settings(&self) -> BrandSettings {
        BrandSettings {
            colors: BrandColors {
                primary: self.0.colors.primary.clone(),
                secondary: self.0.colors.secondary.clone(),
                tertiary: self.0.colors.tertiary.clone(),
            },
            inapp: None,
        }
    }
    async fn logo(&self) -> Option<BrandLogo> {
        self.0.logo.as_ref().map(|logo| BrandLogo {
            href: logo.href.clone(),
            image: logo.image.clone(),
        })
    }
    async fn links(&self) -> Option<Json<Value>> {
        self.0.links.clone().map(|links| Json(Value::Object(links)))
    }
    /// The v7 Inbox's `preferenceTemplates`: none (topics live on the preference page).
    async fn preference_templates(&self) -> Vec<PreferenceTemplate> {
        Vec::new()
    }
}

#[derive(SimpleObject)]
struct BrandSettings {
    colors: BrandColors,
    inapp: Option<InAppSettings>,
}

#[derive(SimpleObject)]
struct BrandColors {
    primary: String,
    secondary: Option<String>,
    tertiary: Option<String>,
}

#[derive(SimpleObject)]
struct InAppSettings {
    border_radius: Option<String>,
    disable_courier_footer: Option<bool>,
}

#[derive(SimpleObject)]
struct BrandLogo {
    href: Option<String>,
    image: Option<String>,
}

#[derive(SimpleObject)]
pub(crate) struct PreferenceTemplate {
    template_id: String,
    template_name: String,
}
