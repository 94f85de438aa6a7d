//! What authenticates a frontend to Courier besides a token: the API key as held bytes
//! (`api_key`: zeroed on drop, never printed), the public client key (`client_key`: base64 of
//! the workspace id) and the deprecated HMAC user signature (`user_signature`). Where a key
//! comes from (a file, stdin, the environment) is the binary's business.

pub mod api_key;
pub mod client_key;
pub mod user_signature;
