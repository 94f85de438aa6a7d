//! Unit tests of `scope`: user ids in a scope string, building scope strings (the Inbox
//! scopes a user's token gets, duplicates dropped), and the typed refusals.

use super::*;

#[test]
fn user_ids_in_agrees_with_split() {
    for scope in [
        "",
        " ",
        "user_id:a",
        "user_id:",
        "user_id:a user_id:b inbox:read:messages",
        "  user_id:a  user_id: xuser_id:c user_id:d ",
        "inbox:read:messages user_id:é",
    ] {
        let expected: Vec<&str> = scope.split(' ').filter_map(user_id_of).collect();
        assert_eq!(
            user_ids_in(scope).collect::<Vec<_>>(),
            expected,
            "{scope:?}"
        );
    }
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[test]
fn builds_the_inbox_default_and_drops_duplicates() {
    let users = strings(&["pigeon", "bluebird", "pigeon"]);
    let request = ScopeRequest {
        user_ids: &users,
        ..Default::default()
    };
    assert_eq!(
        build_scope(&request).unwrap(),
        "user_id:pigeon user_id:bluebird inbox:read:messages inbox:write:events"
    );
    let scopes = strings(&["read:preferences inbox:read:messages", "read:preferences"]);
    let request = ScopeRequest {
        user_ids: &users[..1],
        scopes: &scopes,
        ..Default::default()
    };
    assert_eq!(
        build_scope(&request).unwrap(),
        "user_id:pigeon inbox:read:messages inbox:write:events read:preferences"
    );
    let request = ScopeRequest {
        inbox_scopes: InboxScopes::LeftOut,
        ..request
    };
    assert_eq!(
        build_scope(&request).unwrap(),
        "user_id:pigeon read:preferences inbox:read:messages"
    );
}

#[test]
fn refuses_bad_requests() {
    assert_eq!(
        build_scope(&ScopeRequest::default()),
        Err(ScopeError::Empty)
    );
    let users = strings(&["has space"]);
    assert!(build_scope(&ScopeRequest {
        user_ids: &users,
        ..Default::default()
    })
    .is_err());
    let scopes = strings(&["user_id:only"]);
    assert_eq!(
        build_scope(&ScopeRequest {
            scopes: &scopes,
            inbox_scopes: InboxScopes::LeftOut,
            ..Default::default()
        }),
        Err(ScopeError::OnlyUserIds)
    );
    assert_eq!(
        build_scope(&ScopeRequest {
            scopes: &scopes,
            ..Default::default()
        })
        .unwrap(),
        "user_id:only inbox:read:messages inbox:write:events"
    );
    let scopes = strings(&["made:up"]);
    assert!(build_scope(&ScopeRequest {
        scopes: &scopes,
        ..Default::default()
    })
    .is_err());
    assert!(build_scope(&ScopeRequest {
        scopes: &scopes,
        allow_unknown: true,
        ..Default::default()
    })
    .is_ok());
}

#[test]
fn refusals_say_what_was_wrong_without_naming_options() {
    let scopes = strings(&["inbox:read:mesages"]);
    let error = PreparedScopes::new(&scopes, false, InboxScopes::Added).unwrap_err();
    assert!(matches!(&error, ScopeError::Unknown { near: Some(_), .. }));
    let scopes = strings(&["inbox:read:messages,inbox:write:events"]);
    let error = PreparedScopes::new(&scopes, false, InboxScopes::Added).unwrap_err();
    assert!(
        matches!(&error, ScopeError::Unknown { spaced: Some(s), .. } if s == "inbox:read:messages inbox:write:events")
    );
    let error = validate_scope_user_id("user_id:alice").unwrap_err();
    assert_eq!(
        error,
        ScopeError::UserIdWithPrefix {
            user_id: "user_id:alice".to_string(),
            bare: "alice".to_string()
        }
    );
    let scopes = strings(&["inbox:read:messages"]);
    let error = build_scope(&ScopeRequest {
        scopes: &scopes,
        ..Default::default()
    })
    .unwrap_err();
    assert_eq!(
        error,
        ScopeError::NoUserFor("inbox:read:messages".to_string())
    );
    for error in [error, ScopeError::Empty, ScopeError::OnlyUserIds] {
        assert!(!error.to_string().contains("--"), "{error}");
    }
}
