//! Brands as the REST API changes them (`POST/PUT/DELETE /brands`), in Courier's brand shape
//! (`{id, name, settings: {colors}, …}`) both ways.

use serde_json::{Map, Value};

use super::super::workspace_file::{Brand, Colors, Logo};
use super::shapes::BrandJson;
use super::store::Directory;

impl Directory {
    pub(crate) fn brands_json(&self) -> Vec<BrandJson> {
        self.records().brands.values().map(brand_json).collect()
    }

    pub(crate) fn brand_json(&self, id: &str) -> Option<BrandJson> {
        self.records().brands.get(id).map(brand_json)
    }

    /// Creates or replaces a brand from a REST body; the brand as held.
    pub(crate) fn put_brand(
        &self,
        id: &str,
        body: &Map<String, Value>,
    ) -> Result<BrandJson, String> {
        let name = body
            .get("name")
            .and_then(Value::as_str)
            .ok_or("a brand needs \"name\"")?
            .to_string();
        let colors = body.get("settings").and_then(|s| s.get("colors"));
        let color = |name: &str| {
            colors
                .and_then(|c| c.get(name))
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        let logo = body.get("logo").map(|logo| Logo {
            href: logo.get("href").and_then(Value::as_str).map(str::to_string),
            image: logo
                .get("image")
                .and_then(Value::as_str)
                .map(str::to_string),
        });
        let brand = Brand {
            id: id.to_string(),
            name,
            colors: Colors {
                primary: color("primary").unwrap_or_default(),
                secondary: color("secondary"),
                tertiary: color("tertiary"),
            },
            logo,
            links: body.get("links").and_then(Value::as_object).cloned(),
        };
        let answer = brand_json(&brand);
        self.records().brands.insert(id.to_string(), brand);
        Ok(answer)
    }

    pub(crate) fn delete_brand(&self, id: &str) -> bool {
        self.records().brands.remove(id).is_some()
    }
}

fn brand_json(brand: &Brand) -> BrandJson {
    BrandJson::from(brand)
}
