//! The workspace written back as a workspace file (`workspace_file`'s format, so `--workspace`
//! reads it again): `--export-on-exit FILE` when serve stops, `GET /__serve/state` on request.
//! Messages keep their ids, tenant, times and read, archived and opened state; the directory
//! gives the rest (`directory::export`). The API key is no part of a workspace file. Writing is
//! atomic: a temporary file beside the target, synced, then renamed over it, so a reader sees
//! the old file or the new one, never half of one.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use super::message::{iso, Message, Stamp};
use super::state::Workspace;
use super::workspace_file::{MessageLine, WorkspaceFile};
use crate::terminal::error::user_error_with_hint;

/// The whole workspace as a workspace file, messages in the order they came.
pub(crate) fn workspace_snapshot(workspace: &Workspace) -> WorkspaceFile {
    let mut messages: Vec<(u64, Value)> = Vec::new();
    workspace.each_inbox(|user_id, inbox| {
        for message in inbox.all() {
            messages.push((message.seq, message_line(user_id, message)));
        }
    });
    messages.sort_by_key(|(seq, _)| *seq);
    let mut file = workspace.directory.snapshot();
    file.messages = messages
        .into_iter()
        .map(|(_, line)| MessageLine(line))
        .collect();
    file
}

/// The snapshot as the file's text (pretty, ending in a newline).
pub(crate) fn workspace_text(workspace: &Workspace) -> String {
    let file = workspace_snapshot(workspace);
    let mut text = serde_json::to_string_pretty(&file).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

/// A message as a line of `--messages` reads it back: what it has, nothing `null`.
#[derive(Serialize)]
struct ExportedMessage<'a> {
    user_id: &'a str,
    id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    tenant: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    title: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    preview: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<Value>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    tags: &'a [Box<str>],
    #[serde(skip_serializing_if = "Vec::is_empty")]
    actions: Vec<ExportedAction<'a>>,
    created: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    read: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    archived: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    opened: Option<String>,
}

/// An action of an exported message: what it has, nothing `null`.
#[derive(Serialize)]
struct ExportedAction<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    content: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    href: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    data: Option<Value>,
}

/// A message as a line of `--messages` reads it back.
fn message_line(user_id: &str, message: &Message) -> Value {
    let as_json = |text: &str| serde_json::from_str(text).unwrap_or(Value::Null);
    let stamp = |stamp: Stamp| stamp.get().map(iso);
    let line = ExportedMessage {
        user_id,
        id: message.id().into_owned(),
        tenant: message.tenant.as_deref(),
        title: message.title(),
        preview: message.preview(),
        data: message.data().map(as_json),
        tags: message.tags(),
        actions: message
            .actions()
            .iter()
            .map(|action| ExportedAction {
                content: action.content.as_deref(),
                href: action.href.as_deref(),
                data: action.data.as_deref().map(as_json),
            })
            .collect(),
        created: iso(message.created),
        read: stamp(message.read),
        archived: stamp(message.archived),
        opened: stamp(message.opened),
    };
    // The file's message lines are open JSON (`MessageLine`), read back by `--messages`.
    serde_json::to_value(line).unwrap_or(Value::Null)
}

/// Refuses at start an export path that cannot be written: its directory does not exist, is
/// not a directory, or a file cannot be created in it; or the path is a directory.
pub(crate) fn check_export_path(path: &Path) -> anyhow::Result<()> {
    let refuse = |why: String| {
        user_error_with_hint(
            format!("--export-on-exit {}: {why}", path.display()),
            "give a file path in a directory serve can write to",
        )
    };
    if path.is_dir() {
        return Err(refuse("is a directory".to_string()));
    }
    let probe = temporary_path(path, "check");
    std::fs::File::create(&probe).map_err(|error| match error.kind() {
        std::io::ErrorKind::NotFound => refuse("its directory does not exist".to_string()),
        _ => refuse(format!("cannot create a file in its directory: {error}")),
    })?;
    let _ = std::fs::remove_file(&probe);
    Ok(())
}

/// Writes the workspace to `path` atomically; the error names the path.
pub(crate) fn export_workspace(workspace: &Workspace, path: &Path) -> anyhow::Result<()> {
    write_atomically(path, workspace_text(workspace).as_bytes()).map_err(|error| {
        user_error_with_hint(
            format!(
                "could not write --export-on-exit {}: {error}",
                path.display()
            ),
            "the workspace was not saved; give a path in a directory serve can write to",
        )
    })
}

fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = temporary_path(path, "tmp");
    let written = (|| {
        let mut file = std::fs::File::create(&temporary)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temporary, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temporary);
    }
    written?;
    // The rename itself lasts once the directory is synced (where a directory can be opened).
    if let Ok(directory) = std::fs::File::open(parent_of(path)) {
        let _ = directory.sync_all();
    }
    Ok(())
}

fn parent_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// `.<name>.<what>-<pid>` in the target's directory (same filesystem, so rename is atomic).
fn temporary_path(path: &Path, what: &str) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(|| "export".into(), |name| name.to_string_lossy());
    parent_of(path).join(format!(".{name}.{what}-{}", std::process::id()))
}
