//! A message's title and preview kept in one allocation: most messages have both, a workspace
//! may hold hundreds of thousands of them, and two small boxes cost two allocator chunks. Only
//! `message` builds one; everything else reads `title()` and `preview()`.

/// The title and preview, either of which may be absent, as one string and where the title ends.
#[derive(Debug, Clone, Default)]
pub(crate) struct MessageTexts {
    /// The title followed by the preview (an empty box does not allocate).
    joined: Box<str>,
    /// Where the title ends and the preview begins in `joined`.
    title_end: u32,
    has_title: bool,
    has_preview: bool,
}

impl MessageTexts {
    /// Both texts, or `None` when together they pass 4 GiB (no request or line can hold that).
    pub(crate) fn new(title: Option<&str>, preview: Option<&str>) -> Option<Self> {
        let title_text = title.unwrap_or_default();
        let preview_text = preview.unwrap_or_default();
        u32::try_from(title_text.len() + preview_text.len()).ok()?;
        let mut joined = String::with_capacity(title_text.len() + preview_text.len());
        joined.push_str(title_text);
        joined.push_str(preview_text);
        Some(Self {
            joined: joined.into_boxed_str(),
            title_end: title_text.len() as u32,
            has_title: title.is_some(),
            has_preview: preview.is_some(),
        })
    }

    pub(crate) fn title(&self) -> Option<&str> {
        self.has_title
            .then(|| &self.joined[..self.title_end as usize])
    }

    pub(crate) fn preview(&self) -> Option<&str> {
        self.has_preview
            .then(|| &self.joined[self.title_end as usize..])
    }
}

#[cfg(test)]
mod tests {
    use super::MessageTexts;

    #[test]
    fn each_text_reads_back_as_given_present_empty_or_absent() {
        for (title, preview) in [
            (Some("Hello"), Some("there é")),
            (None, Some("only a preview")),
            (Some("only a title"), None),
            (Some(""), Some("")),
            (None, None),
        ] {
            let texts = MessageTexts::new(title, preview).expect("small texts fit");
            assert_eq!((texts.title(), texts.preview()), (title, preview));
        }
        assert_eq!(std::mem::size_of::<MessageTexts>(), 24);
    }
}
