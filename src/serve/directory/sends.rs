//! What became of each message a send asked for, kept for `GET /messages/{id}` and
//! `GET /messages`: request ids, records by message id, the list filtered and newest first.

use super::entries::SendRecord;
use super::shapes::SendRecordJson;
use super::store::Directory;

impl Directory {
    /// A new request id, `req_<n>`.
    pub(crate) fn next_request_id(&self) -> String {
        let mut records = self.records();
        records.next_request += 1;
        format!("req_{}", records.next_request)
    }

    pub(crate) fn record_send(&self, message_id: &str, record: SendRecord) {
        self.records().sends.insert(Box::from(message_id), record);
    }

    pub(crate) fn send_record(&self, message_id: &str) -> Option<SendRecordJson> {
        let records = self.records();
        records
            .sends
            .get(message_id)
            .map(|record| record.to_json(message_id))
    }

    /// Every send record, newest first, optionally only those of one recipient, tenant or tag.
    pub(crate) fn send_records(
        &self,
        recipient: Option<&str>,
        tenant: Option<&str>,
        tag: Option<&str>,
    ) -> Vec<SendRecordJson> {
        let records = self.records();
        let mut chosen: Vec<(&Box<str>, &SendRecord)> = records
            .sends
            .iter()
            .filter(|(_, r)| recipient.is_none_or(|want| r.recipient.as_deref() == Some(want)))
            .filter(|(_, r)| tenant.is_none_or(|want| r.tenant.as_deref() == Some(want)))
            .filter(|(_, r)| tag.is_none_or(|want| r.tags.iter().any(|t| **t == *want)))
            .collect();
        chosen.sort_by(|a, b| (b.1.enqueued, b.0).cmp(&(a.1.enqueued, a.0)));
        chosen
            .into_iter()
            .map(|(id, record)| record.to_json(id))
            .collect()
    }
}
