//! Configuration: briefing.toml found by walking up, watched and saved; a broken file is
//! reported on itself and the last good settings stay; editor settings from
//! initializationOptions and workspace/configuration override the file.

mod server_common;

use std::path::Path;

use serde_json::{Value, json};
use server_common::*;

const BRIEF: &str = "# Summary\n\nThe delegations will meet next week in Geneva.\n";

fn relative_time_severity(diagnostics: &[Value]) -> Option<i64> {
    diagnostics
        .iter()
        .find(|d| d["code"] == "relative-time")
        .map(|d| d["severity"].as_i64().unwrap())
}

fn write(path: &Path, text: &str) {
    std::fs::write(path, text).unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn briefing_toml_changes_recheck_open_documents() {
    let dir = tempfile::tempdir().unwrap();
    let toml = dir.path().join("briefing.toml");
    write(&toml, "[rules]\nrelative-time = \"error\"\n");
    let nested = dir.path().join("briefs");
    std::fs::create_dir(&nested).unwrap();
    let brief = nested.join("a.brief.md");
    write(&brief, BRIEF);

    let mut server =
        TestServer::start(init_params(&["utf-16"], Some(dir.path()), Value::Null)).await;
    let registration = server.server_request("client/registerCapability").await;
    assert!(registration.to_string().contains("**/briefing.toml"));

    let uri = server.open_file(&brief).await;
    let diagnostics = server.diagnostics(&uri, 1).await;
    assert_eq!(
        relative_time_severity(&diagnostics),
        Some(1),
        "{diagnostics:?}"
    );

    // The watcher reports a change: every open document is checked again.
    write(&toml, "[rules]\nrelative-time = \"off\"\n");
    server
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri_of(&toml), "type": 2}]}),
        )
        .await;
    server
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri
                && relative_time_severity(p["diagnostics"].as_array().unwrap()).is_none()
        })
        .await;

    // A broken file: reported on the file, and the last good settings stay in force.
    write(&toml, "[rules\nrelative-time = \"error\"\n");
    server
        .notify(
            "textDocument/didSave",
            json!({"textDocument": {"uri": uri_of(&toml)}}),
        )
        .await;
    let problems = server
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri_of(&toml) && !p["diagnostics"].as_array().unwrap().is_empty()
        })
        .await;
    assert_eq!(problems["diagnostics"][0]["code"], "invalid-config");
    assert_eq!(problems["diagnostics"][0]["range"]["start"]["line"], 0);
    // Edit the briefing: its fresh diagnostics still have relative-time off.
    server
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2},
                   "contentChanges": [{"text": format!("{BRIEF}\nMore talks next month.\n")}]}),
        )
        .await;
    let diagnostics = server.diagnostics(&uri, 2).await;
    assert_eq!(
        relative_time_severity(&diagnostics),
        None,
        "{diagnostics:?}"
    );

    // Pulling the config file's diagnostics gives the same problem.
    let pulled = server
        .request(
            "textDocument/diagnostic",
            json!({"textDocument": {"uri": uri_of(&toml)}}),
        )
        .await;
    assert_eq!(pulled["items"][0]["code"], "invalid-config");

    // Fixed: the problem is cleared and the new settings apply.
    write(&toml, "[rules]\nrelative-time = \"warning\"\n");
    server
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": uri_of(&toml), "type": 2}]}),
        )
        .await;
    // Both arrive, in either order.
    let (mut cleared, mut applied) = (false, false);
    while !(cleared && applied) {
        let published = server
            .wait_for("textDocument/publishDiagnostics", |_| true)
            .await;
        let diagnostics = published["diagnostics"].as_array().unwrap();
        cleared |= published["uri"] == uri_of(&toml) && diagnostics.is_empty();
        applied |= published["uri"] == uri && relative_time_severity(diagnostics) == Some(2);
    }
    server.shutdown().await;
}

fn uri_of(path: &Path) -> String {
    uri(path)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn editor_settings_override_the_file() {
    let dir = tempfile::tempdir().unwrap();
    write(
        &dir.path().join("briefing.toml"),
        "[rules]\nrelative-time = \"error\"\n",
    );
    let brief = dir.path().join("b.brief.md");
    write(&brief, BRIEF);
    // initializationOptions, with or without the `briefing` wrapper.
    let options = json!({"briefing": {"rules": {"relative-time": "warning"}}});
    let mut server = TestServer::start(init_params(&["utf-16"], Some(dir.path()), options)).await;
    let uri = server.open_file(&brief).await;
    let diagnostics = server.diagnostics(&uri, 1).await;
    assert_eq!(relative_time_severity(&diagnostics), Some(2));

    // The client's workspace/configuration answer wins after didChangeConfiguration.
    *server.settings.lock().unwrap() = json!({"rules": {"relative-time": "hint"}});
    server
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        )
        .await;
    server
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri
                && relative_time_severity(p["diagnostics"].as_array().unwrap()) == Some(4)
        })
        .await;
    server.server_request("workspace/configuration").await;

    // Settings pushed in the notification itself.
    server
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": {"briefing": {"rules": {"relative-time": "off"}}}}),
        )
        .await;
    server
        .wait_for("textDocument/publishDiagnostics", |p| {
            p["uri"] == uri
                && relative_time_severity(p["diagnostics"].as_array().unwrap()).is_none()
        })
        .await;
    server.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_diagnostics_cover_files_on_disk() {
    let dir = tempfile::tempdir().unwrap();
    write(&dir.path().join("c.brief.md"), BRIEF);
    write(
        &dir.path().join("briefing.toml"),
        "[rules]\nno-such = \"error\"\n",
    );
    let mut server =
        TestServer::start(init_params(&["utf-16"], Some(dir.path()), Value::Null)).await;
    server
        .wait_for("$/progress", |p| p["value"]["kind"] == "end")
        .await;
    let report = server
        .request("workspace/diagnostic", json!({"previousResultIds": []}))
        .await;
    let items = report["items"].as_array().unwrap();
    let brief = items
        .iter()
        .find(|i| i["uri"] == uri(&dir.path().join("c.brief.md")))
        .unwrap();
    assert!(relative_time_severity(brief["items"].as_array().unwrap()).is_some());
    let toml = items
        .iter()
        .find(|i| i["uri"] == uri(&dir.path().join("briefing.toml")))
        .unwrap();
    assert_eq!(toml["items"][0]["code"], "unknown-rule");
    server.shutdown().await;
}
