//! The extractor's rules, one pasted form at a time, on Courier's documented token.

use super::*;

const TOKEN: &str = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzY29wZSI6InVzZXJfaWQ6YmxhaCBpbmJveDpyZWFkOm1lc3NhZ2VzIiwidGVuYW50X3Njb3BlIjoicHVibGlzaGVkL3Byb2R1Y3Rpb24iLCJ0ZW5hbnRfaWQiOiI3NjgyNTFjZi0zZWI4LTQyNmEtOTJlYi1mYWEwZTc2Nzg3NjgiLCJpYXQiOjE2NzI3ODIwNzYsImp0aSI6ImJjZjRiN2QzLWMyNDktNDQzNC04ZTQ0LWFjMTYxY2U0NTRiZCJ9.J7k0OQ1qfFR5MpdoP13mCusQWejpx7VB6Z6A194RxU8";

fn token_in(text: &str) -> Option<String> {
    find_token(text)
}

#[test]
fn every_pasted_form_gives_the_same_token() {
    for pasted in [
        TOKEN.to_string(),
        format!("Bearer {TOKEN}"),
        format!("authorization: Bearer {TOKEN}"),
        format!("\"{TOKEN}\""),
        format!("'{TOKEN}'"),
        format!("COURIER_JWT={TOKEN}"),
        format!("export COURIER_JWT=\"{TOKEN}\""),
        format!("https://app.example/?token={TOKEN}&x=1"),
        format!("courier_jwt={TOKEN}; path=/"),
        format!("{TOKEN}."),
        format!("{{\"token\":\"{TOKEN}\"}}"),
        format!("{{\n  \"token\": \"{TOKEN}\"\n}}\n"),
        format!("curl 'https://inbox.courier.com/q' \\\n  -H 'authorization: Bearer {TOKEN}' \\\n  --data-raw '{{\"query\":\"x\"}}'"),
        format!("see https://example.com/a.b.c then {TOKEN}."),
    ] {
        assert_eq!(token_in(&pasted).as_deref(), Some(TOKEN), "{pasted}");
    }
    assert_eq!(token_in("nothing here, v1.2.3 only"), None);
    assert_eq!(
        token_in("eyJhbGciOiJub25lIn0.eyJhIjoxfQ.").as_deref(),
        Some("eyJhbGciOiJub25lIn0.eyJhIjoxfQ.")
    );
}

#[test]
fn a_token_cut_over_lines_is_joined() {
    for width in [20, 64, 76, 100] {
        let lines: Vec<String> = TOKEN
            .as_bytes()
            .chunks(width)
            .map(|chunk| String::from_utf8(chunk.to_vec()).unwrap())
            .collect();
        for (prefix, separator) in [("", "\n"), ("Authorization: Bearer ", "\r\n> ")] {
            let pasted = format!("{prefix}{}\n", lines.join(separator));
            let extraction = extract_text(&pasted);
            assert_eq!(extraction.token(), Some(TOKEN), "{pasted}");
            assert_eq!(extraction.notes().len(), 1, "{pasted}");
        }
    }
    // Complete tokens one per line are never joined.
    let two = format!("{TOKEN}\n{TOKEN}x\n");
    assert_eq!(extract_text(&two).count(), 2);
}

#[test]
fn one_rule_picks_among_several_tokens() {
    let other = "eyJhbGciOiJub25lIn0.eyJzY29wZSI6ImJhZCJ9.c2ln";
    let named = extract_text(&format!("{{\"other\":\"{other}\",\"token\":\"{TOKEN}\"}}"));
    assert_eq!(named.token(), Some(TOKEN));
    assert_eq!(named.count(), 2);
    let notes = named.notes();
    assert!(
        notes[0].contains("2 different tokens; using the one named token (the 2nd found)"),
        "{notes:?}"
    );
    let first = extract_text(&format!("{other}\n{TOKEN}\n"));
    assert_eq!(first.token(), Some(other));
    assert!(first.notes()[0].contains("the first that looks like a JWT (the 1st found)"));
    // The same token twice is one token.
    assert_eq!(extract_text(&format!("{TOKEN} {TOKEN}")).count(), 1);
}

#[test]
fn a_pasted_request_gives_the_sdks_user_and_tenant() {
    let curl = format!(
        "curl 'https://inbox.courier.com/q' -H 'x-courier-user-id: bob' -H 'authorization: Bearer {TOKEN}' --data-raw '{{\"query\":\"query GetMessages {{ count(params: {{ status: \\\"unread\\\", accountId: \\\"acme\\\" }}) }}\"}}'"
    );
    let extraction = extract_text(&curl);
    assert_eq!(extraction.token(), Some(TOKEN));
    let facts = extraction.request();
    assert_eq!(facts.user_id.as_deref(), Some("bob"));
    assert_eq!(facts.tenant.as_deref(), Some("acme"));
}

#[test]
fn a_har_gives_the_inbox_request_with_its_token() {
    let other = "eyJhbGciOiJIUzI1NiJ9.eyJzY29wZSI6Im90aGVyIn0.c2lnbmF0dXJl";
    let har = format!(
        r#"{{"log":{{"entries":[
        {{"request":{{"url":"https://api.example/login","headers":[{{"name":"authorization","value":"Bearer {other}"}}]}},
          "response":{{"content":{{"text":"{{\"token\":\"{other}\"}}"}}}}}},
        {{"request":{{"method":"POST","url":"https://inbox.courier.com/q","headers":[
            {{"name":"x-courier-user-id","value":"bob"}},{{"name":"authorization","value":"Bearer {TOKEN}"}}],
          "postData":{{"mimeType":"application/json","text":"{{\"query\":\"query {{ count(params: {{ accountId: \\\"acme\\\" }}) }}\"}}"}}}},
          "response":{{"status":200}}}}]}}}}"#
    );
    let extraction = extract_text(&har);
    assert_eq!(extraction.token(), Some(TOKEN));
    assert_eq!(extraction.count(), 2, "{:?}", extraction.findings);
    let facts = extraction.request();
    assert_eq!(facts.user_id.as_deref(), Some("bob"));
    assert_eq!(facts.tenant.as_deref(), Some("acme"));
    // The same document, streamed in bounded memory.
    let padding = " ".repeat(SMALL_INPUT_BYTES);
    let large = extract_reader(format!("{har}{padding}").as_bytes()).unwrap();
    assert_eq!(large.token(), Some(TOKEN));
    assert_eq!(large.request(), facts);
    assert!(large.text.is_none());
}

#[test]
fn large_text_is_scanned_a_window_at_a_time() {
    let filler = "a log line with nothing in it\n".repeat(SMALL_INPUT_BYTES / 10);
    let large = extract_reader(format!("{filler}token={TOKEN}\n{filler}").as_bytes()).unwrap();
    assert_eq!(large.token(), Some(TOKEN));
    assert!(matches!(
        extract_reader(&[b'x'; SMALL_INPUT_BYTES + 2][..]).map(|e| e.count()),
        Ok(0)
    ));
    assert!(matches!(
        extract_reader(&[0xff; 10][..]),
        Err(ReadError::NotUtf8)
    ));
}

#[test]
fn text_around_a_token_in_any_script_is_safe() {
    for pasted in [
        format!("é:{TOKEN}"),
        format!("ключ: {TOKEN}"),
        format!("名前={TOKEN}"),
        format!("x-courier-user-id: ü\n{TOKEN}"),
        format!("{}\n{}", &TOKEN[..50], "é"),
    ] {
        let _ = extract_text(&pasted).notes();
    }
    assert_eq!(
        find_token(&format!("ключ: {TOKEN}")).as_deref(),
        Some(TOKEN)
    );
}
