//! The texts the server writes itself follow the person's language: the app sends the
//! language chosen in it as `Accept-Language`, and the default organisation structure, the
//! standard meeting series, the standing agendas and the printable minutes come back in
//! bokmål, nynorsk or English (bokmål when the request names none of them).

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::helpers::*;

async fn get_in(app: &TestApp, lang: &str, path: &str, token: &str) -> reqwest::Response {
    app.req(Method::GET, path, Some(token))
        .header("Accept-Language", lang)
        .send()
        .await
        .unwrap()
}

async fn json_in(app: &TestApp, lang: &str, path: &str, token: &str) -> Value {
    let r = get_in(app, lang, path, token).await;
    assert_eq!(r.status(), StatusCode::OK, "GET {path} ({lang})");
    r.json().await.unwrap()
}

fn names(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x["name"].as_str().unwrap().to_owned())
        .collect()
}

fn titles(list: &Value) -> Vec<String> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|x| x["title"].as_str().unwrap().to_owned())
        .collect()
}

db_test!(
    async fn a_nynorsk_and_an_english_user_get_the_servers_texts_in_their_language(app) {
        let t = team(&app, "Språk A").await;
        let me: Value = app.get("/v1/me", &t.admin).await.json().await.unwrap();
        let org = me["organisation_id"].as_str().unwrap().to_owned();
        let path = format!("/v1/organisations/{org}/structure");

        // The default organisation structure.
        let nn = json_in(&app, "nn-NO,nn;q=0.9,en;q=0.5", &path, &t.agent).await;
        assert_eq!(names(&nn["levels"]), ["Toppleiing", "Tenesteområde", "Eining"]);
        assert_eq!(nn["dimensions"][0]["values"][0]["name"], "Skule");
        let en = json_in(&app, "en-GB", &path, &t.agent).await;
        assert_eq!(names(&en["levels"]), ["Top management", "Service area", "Unit"]);
        assert_eq!(en["dimensions"][0]["name"], "Sector");
        let nb = json_in(&app, "de-DE", &path, &t.agent).await;
        assert_eq!(names(&nb["levels"]), ["Toppledelse", "Tjenesteområde", "Enhet"]);
        // The keys, which units refer to, are the same in every language.
        assert_eq!(nn["levels"][2]["key"], "unit");
        assert_eq!(en["levels"][2]["key"], "unit");

        // The standard meeting series are titled in the language of whoever creates the
        // project.
        let prog = app.create_programme(&t.admin, "Helt sjef").await;
        let r = app
            .req(Method::POST, "/v1/projects", Some(&t.admin))
            .header("Accept-Language", "en")
            .json(&json!({"programme_id": prog, "name": "Helt sjef"}))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::CREATED);
        let english: Value = r.json().await.unwrap();
        let list = json_in(&app, "nn", &format!("/v1/projects/{}/meeting-series", english["id"].as_str().unwrap()), &t.admin).await;
        assert_eq!(
            titles(&list["items"]),
            ["Project meeting", "Status meeting with the project owner", "Steering-group meeting"]
        );

        // The standing agenda of a planned meeting and the printable minutes.
        let series = json_in(&app, "nn", &format!("/v1/projects/{}/meeting-series", t.project), &t.leader).await;
        let owner_status = series["items"].as_array().unwrap().iter().find(|s| s["kind"] == "owner_status").unwrap().clone();
        assert_eq!(owner_status["title"], "Statusmøte prosjekteier", "created without a language: bokmål");
        let id = owner_status["id"].as_str().unwrap().to_owned();
        let mut body = owner_status.clone();
        for k in ["id", "project_id", "tolerance_days", "created_at", "updated_at", "version"] {
            body.as_object_mut().unwrap().remove(k);
        }
        body["status"] = json!("confirmed");
        body["start_date"] = json!("2027-01-01");
        let r = app
            .req(Method::PUT, &format!("/v1/meeting-series/{id}"), Some(&t.leader))
            .header("If-Match", format!("\"{}\"", owner_status["version"]))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), StatusCode::OK, "{}", r.text().await.unwrap_or_default());
        let meeting = format!("/v1/meeting-series/{id}/meetings/2027-01-05");
        let nn = json_in(&app, "nn", &meeting, &t.owner).await;
        assert_eq!(
            titles(&nn["agenda"]),
            ["Framdriftsstatus", "Plan framover", "Utfordringar og behov for avklaringar", "Uvisse og risiko", "Ressursbruk"]
        );
        let en = json_in(&app, "en", &meeting, &t.owner).await;
        assert_eq!(titles(&en["agenda"])[0], "Progress status");
        let nb = json_in(&app, "nb", &meeting, &t.owner).await;
        assert_eq!(titles(&nb["agenda"])[0], "Fremdriftsstatus");
        assert_eq!(nn["agenda"][0]["key"], en["agenda"][0]["key"]);

        let html = format!("{meeting}/minutes.html");
        let page = get_in(&app, "nn", &html, &t.owner).await.text().await.unwrap();
        assert!(page.contains("<html lang=\"nn\">"), "{page}");
        assert!(page.contains("<h2>Saker</h2>") && page.contains("Utkast: referatet er ikkje publisert."), "{page}");
        assert!(page.contains("<h3>Framdriftsstatus</h3>"), "{page}");
        let page = get_in(&app, "en", &html, &t.owner).await.text().await.unwrap();
        assert!(page.contains("<html lang=\"en\">") && page.contains("<h2>Items</h2>"), "{page}");
        assert!(page.contains("Draft: the minutes are not published."), "{page}");
        let page = app.get(&html, &t.owner).await.text().await.unwrap();
        assert!(page.contains("<html lang=\"nb\">") && page.contains("<h2>Saker</h2>"), "{page}");
        assert!(page.contains("Utkast: referatet er ikke publisert."), "{page}");
    }
);
