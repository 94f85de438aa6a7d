//! The workspace written back as a workspace file (`workspace_file`'s format, so `--workspace`
//! reads it again): `--export-on-exit FILE` when serve stops, `GET /__serve/state` on request.
//! Messages keep their ids, tenant, times and read, archived and opened state; the directory
//! gives the rest (`directory::export`). The API key is no part of a workspace file. Writing is
//! atomic: a temporary file beside the target, synced, then renamed over it, so a reader sees
//! the old file or the new one, never half of one.

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{json, Map, Value};

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

/// A message as a line of `--messages` reads it back.
fn message_line(user_id: &str, message: &Message) -> Value {
    let mut line = Map::new();
    line.insert("user_id".into(), user_id.into());
    line.insert("id".into(), message.id().into_owned().into());
    let mut text = |name: &str, value: &Option<Box<str>>| {
        if let Some(value) = value {
            line.insert(name.into(), value.as_ref().into());
        }
    };
    text("tenant", &message.tenant);
    text("title", &message.title);
    text("preview", &message.preview);
    if let Some(data) = message.data() {
        line.insert(
            "data".into(),
            serde_json::from_str(data).unwrap_or(Value::Null),
        );
    }
    if !message.tags().is_empty() {
        line.insert("tags".into(), json!(message.tags()));
    }
    if !message.actions().is_empty() {
        let actions = message.actions().iter().map(|action| {
            let mut object = Map::new();
            if let Some(content) = &action.content {
                object.insert("content".into(), content.as_ref().into());
            }
            if let Some(href) = &action.href {
                object.insert("href".into(), href.as_ref().into());
            }
            if let Some(data) = &action.data {
                object.insert(
                    "data".into(),
                    serde_json::from_str(data).unwrap_or(Value::Null),
                );
            }
            Value::Object(object)
        });
        line.insert("actions".into(), actions.collect());
    }
    line.insert("created".into(), iso(message.created).into());
    let mut stamp = |name: &str, stamp: Stamp| {
        if let Some(at) = stamp.get() {
            line.insert(name.into(), iso(at).into());
        }
    };
    stamp("read", message.read);
    stamp("archived", message.archived);
    stamp("opened", message.opened);
    Value::Object(line)
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
