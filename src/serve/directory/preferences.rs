//! A user's preference choices, per tenant, over the workspace's preference page: what a topic
//! looks like to one user (the page's default unless they chose, `REQUIRED` topics unchangeable)
//! and what changing one means. Shared by the client GraphQL endpoint and the REST API.

use super::super::workspace_file::{PreferencePage, TopicStatus};
use super::entries::{Choice, TopicView};
use super::store::Directory;

fn views(page: Option<&PreferencePage>) -> Vec<TopicView> {
    page.into_iter()
        .flat_map(|page| &page.sections)
        .flat_map(|section| {
            section.topics.iter().map(move |topic| TopicView {
                topic_id: topic.id.clone(),
                topic_name: topic.name.clone(),
                section_id: section.id.clone(),
                section_name: section.name.clone(),
                default_status: topic.default_status,
                status: topic.default_status,
                has_custom_routing: false,
                routing: Vec::new(),
                digest_schedule: None,
            })
        })
        .collect()
}

impl Directory {
    /// Every topic of the page as `user` sees it within `tenant`.
    pub(crate) fn topics(&self, user: &str, tenant: Option<&str>) -> Vec<TopicView> {
        let records = self.records();
        let mut topics = views(records.page.as_ref());
        if let Some(chosen) = records
            .choices
            .get(&(Box::from(user), tenant.map(Box::from)))
        {
            for topic in &mut topics {
                if let Some(choice) = chosen.get(topic.topic_id.as_str()) {
                    apply(topic, choice);
                }
            }
        }
        topics
    }

    /// One topic as `user` sees it, or `None` when the page has no such topic.
    pub(crate) fn topic(&self, user: &str, tenant: Option<&str>, topic: &str) -> Option<TopicView> {
        self.topics(user, tenant)
            .into_iter()
            .find(|view| view.topic_id == topic)
    }

    /// Records `user`'s choice for `topic` within `tenant`; the topic as they now see it. An
    /// unknown topic or a change to a `REQUIRED` one is refused with why.
    pub(crate) fn choose(
        &self,
        user: &str,
        tenant: Option<&str>,
        topic: &str,
        choice: Choice,
    ) -> Result<TopicView, String> {
        let mut view = self
            .topic(user, tenant, topic)
            .ok_or_else(|| format!("no topic {topic:?} on the workspace's preference page"))?;
        if view.default_status == TopicStatus::Required && choice.status == TopicStatus::OptedOut {
            return Err(format!(
                "topic {topic:?} is REQUIRED: it cannot be opted out of"
            ));
        }
        apply(&mut view, &choice);
        self.records()
            .choices
            .entry((Box::from(user), tenant.map(Box::from)))
            .or_default()
            .insert(Box::from(topic), choice);
        Ok(view)
    }
}

fn apply(view: &mut TopicView, choice: &Choice) {
    view.status = choice.status;
    view.has_custom_routing = choice.has_custom_routing;
    view.routing = choice.routing.clone();
    view.digest_schedule = choice.digest_schedule.clone();
}
