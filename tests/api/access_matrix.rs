//! Every operation in the spec × every role × a user of another organisation, with the
//! status each must get. An operation in the spec without a row here fails the test.

use std::collections::{BTreeSet, HashMap};

use reqwest::Method;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::helpers::*;

/// The callers, in the column order of `EXPECTED`.
const ACTORS: [&str; 11] = [
    "sys", "admin", "owner", "steer", "leader", "agent", "member", "tread", "twrite", "outsider",
    "anon",
];

#[rustfmt::skip]
/// (In the membership rows the target is the plain member's own membership in a fresh
/// project, so "member" sees it and gets 403.)
const EXPECTED: &[(&str, [u16; 11])] = &[
    //                                      sys  admin owner steer lead agent memb tread twrit outs anon
    ("GET /v1/health",                      [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET /v1/ready",                       [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("POST /v1/auth/login",                 [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("POST /v1/auth/refresh",               [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("POST /v1/auth/logout",                [204, 204, 204, 204, 204, 204, 204, 204, 204, 204, 204]),
    ("POST /v1/auth/password",              [204, 204, 204, 204, 204, 204, 204, 403, 403, 204, 401]),
    ("POST /v1/auth/logout-everywhere",     [204, 204, 204, 204, 204, 204, 204, 403, 403, 204, 401]),
    ("GET /v1/me",                          [200, 200, 200, 200, 200, 200, 200, 403, 403, 200, 401]),
    ("GET /v1/organisations",               [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
    ("POST /v1/organisations",              [201, 403, 403, 403, 403, 403, 403, 403, 403, 403, 401]),
    ("GET /v1/organisations/{id}",          [200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 401]),
    ("PATCH /v1/organisations/{id}",        [200, 200, 403, 403, 403, 403, 403, 403, 403, 404, 401]),
    ("POST /v1/organisations/{id}/archive", [200, 403, 403, 403, 403, 403, 403, 403, 403, 404, 401]),
    ("GET /v1/users",                       [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
    ("GET /v1/users/{id}",                  [200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 401]),
    ("PATCH /v1/users/{id}",                [200, 200, 403, 403, 403, 403, 403, 403, 403, 404, 401]),
    ("POST /v1/users/{id}/archive",         [200, 200, 403, 403, 403, 403, 403, 403, 403, 404, 401]),
    ("GET /v1/invitations",                 [200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 401]),
    ("POST /v1/invitations",                [201, 201, 201, 403, 201, 403, 404, 403, 403, 422, 401]),
    ("POST /v1/invitations/{id}/revoke",    [200, 200, 403, 403, 403, 403, 403, 403, 403, 404, 401]),
    ("POST /v1/invitations/accept",         [201, 201, 201, 201, 201, 201, 201, 201, 201, 201, 201]),
    ("POST /v1/invitations/preview",        [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET /v1/programmes",                  [403, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
    ("POST /v1/programmes",                 [403, 201, 403, 403, 403, 403, 403, 403, 201, 201, 401]),
    ("GET /v1/programmes/{id}",             [403, 200, 200, 200, 200, 200, 200, 200, 200, 404, 401]),
    ("PATCH /v1/programmes/{id}",           [403, 200, 403, 403, 403, 403, 403, 403, 200, 404, 401]),
    ("POST /v1/programmes/{id}/archive",    [403, 200, 403, 403, 403, 403, 403, 403, 200, 404, 401]),
    ("GET /v1/projects",                    [403, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
    ("POST /v1/projects",                   [403, 201, 403, 403, 403, 403, 403, 403, 201, 422, 401]),
    ("GET /v1/projects/{id}",               [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("PATCH /v1/projects/{id}",             [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("POST /v1/projects/{id}/archive",      [404, 200, 200, 403, 403, 403, 404, 403, 403, 404, 401]),
    ("GET /v1/projects/{id}/members",       [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/projects/{id}/members",      [404, 201, 201, 403, 201, 403, 404, 403, 201, 404, 401]),
    ("GET /v1/memberships/{id}",            [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("PATCH /v1/memberships/{id}",          [404, 200, 200, 403, 403, 403, 403, 403, 403, 404, 401]),
    ("POST /v1/memberships/{id}/archive",   [404, 200, 200, 403, 200, 403, 403, 403, 200, 404, 401]),
    ("POST /v1/projects/{id}/gate-requests", [404, 403, 403, 403, 201, 403, 404, 403, 403, 404, 401]),
    ("GET /v1/projects/{id}/gate-requests",  [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("GET /v1/gate-requests/{id}",          [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/gate-requests/{id}/withdraw", [404, 403, 403, 403, 200, 403, 404, 403, 403, 404, 401]),
    ("POST /v1/gate-requests/{id}/recommendations", [404, 403, 403, 200, 403, 403, 404, 403, 403, 404, 401]),
    ("POST /v1/gate-requests/{id}/decision", [404, 403, 200, 403, 403, 403, 404, 403, 403, 404, 401]),
    ("GET /v1/projects/{id}/phase-history", [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("GET /v1/projects/{id}/checklist",      [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/projects/{id}/checklist",     [404, 201, 201, 403, 201, 403, 404, 403, 201, 404, 401]),
    ("PUT /v1/checklist-items/{id}",         [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("DELETE /v1/checklist-items/{id}",      [404, 204, 204, 403, 204, 403, 404, 403, 204, 404, 401]),
    ("GET /v1/projects/{id}/milestones",     [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/projects/{id}/milestones",    [404, 201, 201, 403, 201, 403, 404, 403, 201, 404, 401]),
    ("PUT /v1/milestones/{id}",              [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("DELETE /v1/milestones/{id}",           [404, 204, 204, 403, 204, 403, 404, 403, 204, 404, 401]),
    ("GET /v1/projects/{id}/goals",          [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/projects/{id}/goals",         [404, 201, 201, 403, 201, 403, 404, 403, 201, 404, 401]),
    ("PUT /v1/goals/{id}",                   [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("DELETE /v1/goals/{id}",                [404, 204, 204, 403, 204, 403, 404, 403, 204, 404, 401]),
    ("GET /v1/projects/{id}/stakeholders",   [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/projects/{id}/stakeholders",  [404, 201, 201, 403, 201, 403, 404, 403, 201, 404, 401]),
    ("PUT /v1/stakeholders/{id}",            [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("DELETE /v1/stakeholders/{id}",         [404, 204, 204, 403, 204, 403, 404, 403, 204, 404, 401]),
    ("GET /v1/projects/{id}/barriers",       [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/projects/{id}/barriers",      [404, 201, 201, 403, 201, 403, 404, 403, 201, 404, 401]),
    ("PUT /v1/barriers/{id}",                [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("DELETE /v1/barriers/{id}",             [404, 204, 204, 403, 204, 403, 404, 403, 204, 404, 401]),
    ("GET /v1/projects/{id}/risks",          [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/projects/{id}/risks",         [404, 201, 201, 403, 201, 403, 404, 403, 201, 404, 401]),
    ("PUT /v1/risks/{id}",                   [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("DELETE /v1/risks/{id}",                [404, 204, 204, 403, 204, 403, 404, 403, 204, 404, 401]),
    ("GET /v1/readiness/questionnaire",      [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
    ("GET /v1/projects/{id}/readiness-assessments", [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/projects/{id}/readiness-assessments", [404, 201, 201, 403, 201, 403, 404, 403, 403, 404, 401]),
    ("PUT /v1/readiness-assessments/{id}/response", [404, 403, 200, 200, 200, 200, 404, 403, 403, 404, 401]),
    ("POST /v1/readiness-assessments/{id}/close", [404, 200, 200, 403, 200, 403, 404, 403, 403, 404, 401]),
    ("GET /v1/organisations/{id}/structure", [200, 200, 200, 200, 200, 200, 200, 200, 200, 404, 401]),
    ("PUT /v1/organisations/{id}/structure", [200, 200, 403, 403, 403, 403, 403, 403, 200, 404, 401]),
    ("GET /v1/units",                        [403, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
    ("POST /v1/units",                       [403, 201, 403, 403, 403, 403, 403, 403, 201, 201, 401]),
    ("GET /v1/units/{id}",                   [404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 401]),
    ("PUT /v1/units/{id}",                   [404, 200, 403, 403, 403, 403, 403, 403, 200, 404, 401]),
    ("POST /v1/units/{id}/archive",          [404, 200, 403, 403, 403, 403, 403, 403, 200, 404, 401]),
    ("GET /v1/projects/{id}/network",        [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("PUT /v1/projects/{id}/network",        [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("GET /v1/projects/{id}/coverage",       [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("GET /v1/projects/{id}/change-agents",  [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("PUT /v1/change-agents/{id}",           [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("GET /v1/change-agents/{id}/training",  [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/change-agents/{id}/training", [404, 201, 201, 403, 201, 403, 404, 403, 201, 404, 401]),
    ("POST /v1/projects/{id}/reports",       [404, 403, 403, 403, 201, 201, 404, 403, 403, 404, 401]),
    ("GET /v1/projects/{id}/reports",        [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("GET /v1/projects/{id}/reports.csv",    [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("GET /v1/projects/{id}/reactions",      [404, 200, 200, 200, 200, 403, 404, 200, 200, 404, 401]),
    ("GET /v1/projects/{id}/meeting-series", [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/projects/{id}/meeting-series", [404, 201, 201, 403, 201, 403, 404, 403, 201, 404, 401]),
    ("PUT /v1/meeting-series/{id}",          [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("GET /v1/projects/{id}/schedule",       [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("GET /v1/meeting-series/{id}/meetings", [404, 200, 200, 200, 200, 403, 404, 200, 200, 404, 401]),
    ("GET /v1/meeting-series/{id}/meetings/{date}", [404, 200, 200, 200, 200, 403, 404, 200, 200, 404, 401]),
    ("PUT /v1/meeting-series/{id}/meetings/{date}", [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("POST /v1/meeting-series/{id}/meetings/{date}/actions", [404, 201, 201, 403, 201, 403, 404, 403, 201, 404, 401]),
    ("PUT /v1/meeting-actions/{id}",         [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("GET /v1/me/actions",                   [200, 200, 200, 200, 200, 200, 200, 403, 403, 200, 401]),
    ("GET /v1/projects/{id}/adherence",      [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/calendar-feeds",              [201, 201, 201, 201, 201, 201, 201, 403, 403, 201, 401]),
    ("GET /v1/calendar-feeds/{token}/calendar.ics", [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET /v1/meeting-series/{id}/meetings/{date}/minutes.html", [404, 200, 200, 200, 200, 403, 404, 200, 200, 404, 401]),
    ("GET /v1/projects/{id}/indicators",     [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/projects/{id}/indicators",    [404, 201, 201, 403, 201, 403, 404, 403, 201, 404, 401]),
    ("GET /v1/indicators/{id}",              [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("PUT /v1/indicators/{id}",              [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("DELETE /v1/indicators/{id}",           [404, 204, 204, 403, 204, 403, 404, 403, 204, 404, 401]),
    ("GET /v1/indicators/{id}/measurements", [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/indicators/{id}/measurements", [404, 201, 201, 403, 201, 403, 404, 403, 201, 404, 401]),
    ("GET /v1/measurements/{id}",            [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("PUT /v1/measurements/{id}",            [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("GET /v1/projects/{id}/measurements.csv", [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("GET /v1/sustainability/model",         [200, 200, 200, 200, 200, 200, 200, 200, 200, 200, 401]),
    ("GET /v1/projects/{id}/sustainability-assessments", [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("POST /v1/projects/{id}/sustainability-assessments", [404, 201, 201, 403, 201, 403, 404, 403, 403, 404, 401]),
    ("GET /v1/sustainability-assessments/{id}", [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("PUT /v1/sustainability-assessments/{id}/response", [404, 403, 200, 200, 200, 200, 404, 403, 403, 404, 401]),
    ("POST /v1/sustainability-assessments/{id}/close", [404, 200, 200, 403, 200, 403, 404, 403, 403, 404, 401]),
    ("GET /v1/projects/{id}/dashboard",      [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("GET /v1/organisations/{id}/overview",  [404, 200, 200, 200, 200, 200, 200, 200, 200, 404, 401]),
    ("GET /v1/projects/{id}/fade-risk",      [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("GET /v1/projects/{id}/fade-risk/history", [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("GET /v1/projects/{id}/fade-risk/settings", [404, 200, 200, 200, 200, 200, 404, 200, 200, 404, 401]),
    ("PUT /v1/projects/{id}/fade-risk/settings", [404, 200, 200, 403, 200, 403, 404, 403, 200, 404, 401]),
    ("GET /v1/api-tokens",                  [403, 200, 403, 403, 403, 403, 403, 403, 403, 200, 401]),
    ("POST /v1/api-tokens",                 [403, 201, 403, 403, 403, 403, 403, 403, 403, 201, 401]),
    ("POST /v1/api-tokens/{id}/revoke",     [403, 200, 403, 403, 403, 403, 403, 403, 403, 404, 401]),
    ("GET /v1/audit",                       [200, 200, 403, 403, 403, 403, 403, 403, 403, 200, 401]),
    ("GET /v1/webhooks",                    [403, 200, 403, 403, 403, 403, 403, 403, 403, 200, 401]),
    ("POST /v1/webhooks",                   [403, 201, 403, 403, 403, 403, 403, 403, 403, 201, 401]),
    ("GET /v1/webhooks/{id}",               [403, 200, 403, 403, 403, 403, 403, 403, 403, 404, 401]),
    ("PATCH /v1/webhooks/{id}",             [403, 200, 403, 403, 403, 403, 403, 403, 403, 404, 401]),
    ("DELETE /v1/webhooks/{id}",            [403, 204, 403, 403, 403, 403, 403, 403, 403, 404, 401]),
    ("GET /v1/webhooks/{id}/deliveries",    [403, 200, 403, 403, 403, 403, 403, 403, 403, 404, 401]),
    ("POST /v1/webhooks/{id}/deliveries/{delivery_id}/retry", [403, 202, 403, 403, 403, 403, 403, 403, 403, 404, 401]),
];

struct Fixture<'a> {
    app: &'a TestApp,
    org: String,
    programme: String,
    project: String,
    agent_membership: String,
    gate: String,
    /// An open readiness round on `project`.
    round: String,
    /// A unit of the organisation in `project`'s scope.
    unit: String,
    /// `project`'s monthly owner status series, confirmed (owner and leader take part).
    owner_series: String,
    /// A manual monthly indicator of `project` with one measurement.
    indicator: String,
    measurement: String,
    /// An open sustainability round on `project`.
    sround: String,
    tokens: HashMap<&'static str, String>,
    user_ids: HashMap<&'static str, String>,
}

struct Call {
    method: Method,
    path: String,
    body: Option<Value>,
    if_match: Option<String>,
}

fn call(method: Method, path: impl Into<String>) -> Call {
    Call {
        method,
        path: path.into(),
        body: None,
        if_match: None,
    }
}

impl Call {
    fn body(mut self, v: Value) -> Self {
        self.body = Some(v);
        self
    }
    fn if_match(mut self, tag: String) -> Self {
        self.if_match = Some(tag);
        self
    }
}

fn fresh_email() -> String {
    format!("u{}@a.test", Uuid::new_v4().simple())
}

impl Fixture<'_> {
    fn admin(&self) -> &str {
        &self.tokens["admin"]
    }

    async fn invitation(&self) -> Value {
        let r = self
            .app
            .post(
                "/v1/invitations",
                Some(self.admin()),
                json!({"email": fresh_email()}),
            )
            .await;
        r.json().await.unwrap()
    }

    async fn fresh_project_with_roles(&self) -> String {
        let p = self
            .app
            .create_project(self.admin(), &self.programme, "Fresh")
            .await;
        for (actor, role) in [
            ("owner", "owner"),
            ("steer", "steering_group"),
            ("leader", "leader"),
            ("agent", "change_agent"),
        ] {
            self.app
                .add_member(self.admin(), &p, &self.user_ids[actor], role)
                .await;
        }
        p
    }

    /// An open transition request (to Plan) on a fresh project, made by its leader.
    async fn fresh_gate(&self) -> String {
        let p = self.fresh_project_with_roles().await;
        let r = self
            .app
            .post(
                &format!("/v1/projects/{p}/gate-requests"),
                Some(&self.tokens["leader"]),
                json!({"target": "plan", "summary": "Ready"}),
            )
            .await;
        assert_eq!(
            r.status().as_u16(),
            201,
            "{}",
            r.text().await.unwrap_or_default()
        );
        id_of(r).await
    }

    async fn fresh_user(&self) -> String {
        let email = fresh_email();
        self.app
            .new_user(self.admin(), json!({"email": email}), &email)
            .await
            .0
    }

    fn password_of(actor: &str) -> &'static str {
        if actor == "sys" {
            ADMIN_PASSWORD
        } else {
            PASSWORD
        }
    }

    async fn agent_refresh(&self) -> String {
        self.app.login("agent@a.test", PASSWORD).await.1
    }

    /// A plan item made by the org admin on the fixture's project: its id and ETag.
    async fn fresh_plan_item(&self, kind: &str) -> (String, String) {
        let r = self
            .app
            .post(
                &format!("/v1/projects/{}/{kind}", self.project),
                Some(self.admin()),
                plan_body(kind),
            )
            .await;
        assert_eq!(r.status().as_u16(), 201, "{kind}");
        let tag = r.headers()["etag"].to_str().unwrap().to_owned();
        (id_of(r).await, tag)
    }

    /// The request for an operation on the plan's collections, if `op` is one.
    async fn plan_call(&self, op: &str) -> Option<Call> {
        let (method, path) = op.split_once(' ')?;
        let project = &self.project;
        for (kind, prefix) in PLAN_KINDS {
            if path == format!("/v1/projects/{{id}}/{kind}") {
                let url = format!("/v1/projects/{project}/{kind}");
                return Some(match method {
                    "GET" => call(Method::GET, url),
                    _ => call(Method::POST, url).body(plan_body(kind)),
                });
            }
            if path == format!("/v1/{prefix}/{{id}}") {
                let (id, tag) = self.fresh_plan_item(kind).await;
                let url = format!("/v1/{prefix}/{id}");
                return Some(match method {
                    "PUT" => call(Method::PUT, url)
                        .body(plan_update_body(kind))
                        .if_match(tag),
                    _ => call(Method::DELETE, url),
                });
            }
        }
        None
    }

    /// A new webhook subscription of the organisation: its id and ETag.
    async fn fresh_webhook(&self) -> (String, String) {
        let r = self
            .app
            .post(
                "/v1/webhooks",
                Some(self.admin()),
                json!({"url": "https://93.184.216.34/varig"}),
            )
            .await;
        assert_eq!(r.status().as_u16(), 201);
        let tag = r.headers()["etag"].to_str().unwrap().to_owned();
        let v: Value = r.json().await.unwrap();
        (v["subscription"]["id"].as_str().unwrap().to_owned(), tag)
    }

    /// A new subscription with one delivery waiting (an event handed over by the outbox).
    async fn fresh_delivery(&self) -> (String, String) {
        let (id, _) = self.fresh_webhook().await;
        let db = &self.app.state.db;
        varig_backend::outbox::emit(
            db,
            vec![varig_backend::outbox::NewEvent {
                event_type: varig_types::WebhookEventType::MemberAdded,
                organisation_id: self.org.clone(),
                project_id: Some(self.project.clone()),
                data: serde_json::Map::new(),
            }],
        )
        .await
        .unwrap();
        varig_backend::outbox::dispatch::run_once(
            db,
            &varig_backend::webhooks::service::consumers(),
        )
        .await
        .unwrap();
        let log: Value = self
            .app
            .get(&format!("/v1/webhooks/{id}/deliveries"), self.admin())
            .await
            .json()
            .await
            .unwrap();
        let delivery = log["items"][0]["id"].as_str().unwrap().to_owned();
        (id, delivery)
    }

    /// The request `actor` makes for `op`, against objects made fresh where the call changes them.
    async fn call_for(&self, op: &str, actor: &str) -> Call {
        if let Some(c) = self.plan_call(op).await {
            return c;
        }
        let app = self.app;
        let admin = self.admin();
        let (org, prog, project) = (&self.org, &self.programme, &self.project);
        match op {
            "GET /v1/health" => call(Method::GET, "/v1/health"),
            "GET /v1/ready" => call(Method::GET, "/v1/ready"),
            "POST /v1/auth/login" => call(Method::POST, "/v1/auth/login")
                .body(json!({"email": "agent@a.test", "password": PASSWORD})),
            "POST /v1/auth/refresh" => call(Method::POST, "/v1/auth/refresh")
                .body(json!({"refresh_token": self.agent_refresh().await})),
            "POST /v1/auth/logout" => call(Method::POST, "/v1/auth/logout")
                .body(json!({"refresh_token": self.agent_refresh().await})),
            "POST /v1/auth/password" => {
                let p = Self::password_of(actor);
                call(Method::POST, "/v1/auth/password")
                    .body(json!({"current_password": p, "new_password": p}))
            }
            "POST /v1/auth/logout-everywhere" => call(Method::POST, "/v1/auth/logout-everywhere"),
            "GET /v1/me" => call(Method::GET, "/v1/me"),
            "GET /v1/organisations" => call(Method::GET, "/v1/organisations"),
            "POST /v1/organisations" => {
                call(Method::POST, "/v1/organisations").body(json!({"name": "New"}))
            }
            "GET /v1/organisations/{id}" => call(Method::GET, format!("/v1/organisations/{org}")),
            "PATCH /v1/organisations/{id}" => {
                let tag = app.etag(&format!("/v1/organisations/{org}"), admin).await;
                call(Method::PATCH, format!("/v1/organisations/{org}"))
                    .body(json!({"name": "A kommune"}))
                    .if_match(tag)
            }
            "POST /v1/organisations/{id}/archive" => {
                let target = if actor == "sys" {
                    app.create_org(&self.tokens["sys"], "Doomed").await
                } else {
                    org.clone()
                };
                call(Method::POST, format!("/v1/organisations/{target}/archive"))
            }
            "GET /v1/users" => call(Method::GET, "/v1/users"),
            "GET /v1/users/{id}" => call(
                Method::GET,
                format!("/v1/users/{}", self.user_ids["member"]),
            ),
            "PATCH /v1/users/{id}" => {
                let u = self.fresh_user().await;
                let tag = app.etag(&format!("/v1/users/{u}"), admin).await;
                call(Method::PATCH, format!("/v1/users/{u}"))
                    .body(json!({"name": "Renamed"}))
                    .if_match(tag)
            }
            "POST /v1/users/{id}/archive" => call(
                Method::POST,
                format!("/v1/users/{}/archive", self.fresh_user().await),
            ),
            "GET /v1/invitations" => call(Method::GET, "/v1/invitations"),
            "POST /v1/invitations" => {
                let mut body = json!({"email": fresh_email(), "project_id": project, "project_role": "change_agent"});
                if actor == "sys" {
                    body["organisation_id"] = json!(org);
                }
                call(Method::POST, "/v1/invitations").body(body)
            }
            "POST /v1/invitations/{id}/revoke" => {
                let inv = self.invitation().await;
                call(
                    Method::POST,
                    format!(
                        "/v1/invitations/{}/revoke",
                        inv["invitation"]["id"].as_str().unwrap()
                    ),
                )
            }
            "POST /v1/invitations/preview" => {
                let inv = self.invitation().await;
                call(Method::POST, "/v1/invitations/preview").body(json!({"token": inv["token"]}))
            }
            "POST /v1/invitations/accept" => {
                let inv = self.invitation().await;
                call(Method::POST, "/v1/invitations/accept").body(
                    json!({"token": inv["token"], "name": "New person", "password": PASSWORD}),
                )
            }
            "GET /v1/programmes" => call(Method::GET, "/v1/programmes"),
            "POST /v1/programmes" => {
                call(Method::POST, "/v1/programmes").body(json!({"name": "New programme"}))
            }
            "GET /v1/programmes/{id}" => call(Method::GET, format!("/v1/programmes/{prog}")),
            "PATCH /v1/programmes/{id}" => {
                let tag = app.etag(&format!("/v1/programmes/{prog}"), admin).await;
                call(Method::PATCH, format!("/v1/programmes/{prog}"))
                    .body(json!({"description": "Updated"}))
                    .if_match(tag)
            }
            "POST /v1/programmes/{id}/archive" => {
                let p = app.create_programme(admin, "Doomed").await;
                call(Method::POST, format!("/v1/programmes/{p}/archive"))
            }
            "GET /v1/projects" => call(Method::GET, "/v1/projects"),
            "POST /v1/projects" => call(Method::POST, "/v1/projects")
                .body(json!({"programme_id": prog, "name": "New project"})),
            "GET /v1/projects/{id}" => call(Method::GET, format!("/v1/projects/{project}")),
            "PATCH /v1/projects/{id}" => {
                let tag = app.etag(&format!("/v1/projects/{project}"), admin).await;
                call(Method::PATCH, format!("/v1/projects/{project}"))
                    .body(json!({"description": "Updated"}))
                    .if_match(tag)
            }
            "POST /v1/projects/{id}/archive" => call(
                Method::POST,
                format!(
                    "/v1/projects/{}/archive",
                    self.fresh_project_with_roles().await
                ),
            ),
            "GET /v1/projects/{id}/members" => {
                call(Method::GET, format!("/v1/projects/{project}/members"))
            }
            "POST /v1/projects/{id}/members" => {
                let p = self.fresh_project_with_roles().await;
                call(Method::POST, format!("/v1/projects/{p}/members"))
                    .body(json!({"user_id": self.user_ids["member"], "role": "change_agent"}))
            }
            "GET /v1/memberships/{id}" => call(
                Method::GET,
                format!("/v1/memberships/{}", self.agent_membership),
            ),
            "PATCH /v1/memberships/{id}" => {
                let p = self.fresh_project_with_roles().await;
                let m = app
                    .add_member(admin, &p, &self.user_ids["member"], "change_agent")
                    .await;
                let tag = app.etag(&format!("/v1/memberships/{m}"), admin).await;
                call(Method::PATCH, format!("/v1/memberships/{m}"))
                    .body(json!({"role": "steering_group"}))
                    .if_match(tag)
            }
            "POST /v1/memberships/{id}/archive" => {
                let p = self.fresh_project_with_roles().await;
                let m = app
                    .add_member(admin, &p, &self.user_ids["member"], "change_agent")
                    .await;
                call(Method::POST, format!("/v1/memberships/{m}/archive"))
            }
            "POST /v1/projects/{id}/gate-requests" => {
                let p = self.fresh_project_with_roles().await;
                call(Method::POST, format!("/v1/projects/{p}/gate-requests"))
                    .body(json!({"target": "plan", "summary": "Ready"}))
            }
            "GET /v1/projects/{id}/gate-requests" => {
                call(Method::GET, format!("/v1/projects/{project}/gate-requests"))
            }
            "GET /v1/gate-requests/{id}" => {
                call(Method::GET, format!("/v1/gate-requests/{}", self.gate))
            }
            "POST /v1/gate-requests/{id}/withdraw" => call(
                Method::POST,
                format!("/v1/gate-requests/{}/withdraw", self.fresh_gate().await),
            ),
            "POST /v1/gate-requests/{id}/recommendations" => call(
                Method::POST,
                format!(
                    "/v1/gate-requests/{}/recommendations",
                    self.fresh_gate().await
                ),
            )
            .body(json!({"recommendation": "support", "comment": "Well anchored"})),
            "POST /v1/gate-requests/{id}/decision" => call(
                Method::POST,
                format!("/v1/gate-requests/{}/decision", self.fresh_gate().await),
            )
            .body(json!({"decision": "approve"})),
            "GET /v1/projects/{id}/phase-history" => {
                call(Method::GET, format!("/v1/projects/{project}/phase-history"))
            }
            "GET /v1/api-tokens" => call(Method::GET, "/v1/api-tokens"),
            "POST /v1/api-tokens" => call(Method::POST, "/v1/api-tokens")
                .body(json!({"name": "System", "scopes": ["read"]})),
            "POST /v1/api-tokens/{id}/revoke" => {
                let r = app
                    .post(
                        "/v1/api-tokens",
                        Some(admin),
                        json!({"name": "Doomed", "scopes": ["read"]}),
                    )
                    .await;
                let v: Value = r.json().await.unwrap();
                call(
                    Method::POST,
                    format!(
                        "/v1/api-tokens/{}/revoke",
                        v["token"]["id"].as_str().unwrap()
                    ),
                )
            }
            "GET /v1/audit" => call(Method::GET, "/v1/audit"),
            "GET /v1/webhooks" => call(Method::GET, "/v1/webhooks"),
            "POST /v1/webhooks" => call(Method::POST, "/v1/webhooks").body(
                json!({"url": "https://93.184.216.34/varig", "event_types": ["gate.decided"]}),
            ),
            "GET /v1/webhooks/{id}" => {
                let (id, _) = self.fresh_webhook().await;
                call(Method::GET, format!("/v1/webhooks/{id}"))
            }
            "PATCH /v1/webhooks/{id}" => {
                let (id, tag) = self.fresh_webhook().await;
                call(Method::PATCH, format!("/v1/webhooks/{id}"))
                    .body(json!({"description": "Sak/arkiv"}))
                    .if_match(tag)
            }
            "DELETE /v1/webhooks/{id}" => {
                let (id, tag) = self.fresh_webhook().await;
                call(Method::DELETE, format!("/v1/webhooks/{id}")).if_match(tag)
            }
            "GET /v1/webhooks/{id}/deliveries" => {
                let (id, _) = self.fresh_webhook().await;
                call(Method::GET, format!("/v1/webhooks/{id}/deliveries"))
            }
            "POST /v1/webhooks/{id}/deliveries/{delivery_id}/retry" => {
                let (id, delivery) = self.fresh_delivery().await;
                call(
                    Method::POST,
                    format!("/v1/webhooks/{id}/deliveries/{delivery}/retry"),
                )
            }
            "GET /v1/organisations/{id}/structure" => {
                call(Method::GET, format!("/v1/organisations/{org}/structure"))
            }
            "PUT /v1/organisations/{id}/structure" => {
                let path = format!("/v1/organisations/{org}/structure");
                let r = app.get(&path, admin).await;
                let tag = r.headers()["etag"].to_str().unwrap().to_owned();
                let mut body: Value = r.json().await.unwrap();
                body.as_object_mut().unwrap().remove("version");
                call(Method::PUT, path).body(body).if_match(tag)
            }
            "GET /v1/units" => call(Method::GET, "/v1/units"),
            "POST /v1/units" => {
                call(Method::POST, "/v1/units").body(json!({"name": "Sør skole", "level": "unit"}))
            }
            "GET /v1/units/{id}" => call(Method::GET, format!("/v1/units/{}", self.unit)),
            "PUT /v1/units/{id}" => {
                let path = format!("/v1/units/{}", self.unit);
                let tag = app.etag(&path, admin).await;
                call(Method::PUT, path)
                    .body(json!({"name": "Nord skole", "level": "unit", "dimensions": [{"dimension": "sector", "value": "school"}]}))
                    .if_match(tag)
            }
            "POST /v1/units/{id}/archive" => {
                let u = app
                    .create(
                        "/v1/units",
                        admin,
                        json!({"name": "Doomed", "level": "unit"}),
                    )
                    .await;
                call(Method::POST, format!("/v1/units/{u}/archive"))
            }
            "GET /v1/projects/{id}/network" => {
                call(Method::GET, format!("/v1/projects/{project}/network"))
            }
            "PUT /v1/projects/{id}/network" => {
                let path = format!("/v1/projects/{project}/network");
                let tag = app.etag(&path, admin).await;
                call(Method::PUT, path)
                    .body(json!({"unit_ids": [self.unit], "silent_after_weeks": 6}))
                    .if_match(tag)
            }
            "GET /v1/projects/{id}/coverage" => {
                call(Method::GET, format!("/v1/projects/{project}/coverage"))
            }
            "GET /v1/projects/{id}/change-agents" => {
                call(Method::GET, format!("/v1/projects/{project}/change-agents"))
            }
            "PUT /v1/change-agents/{id}" => {
                let list: Value = app
                    .get(&format!("/v1/projects/{project}/change-agents"), admin)
                    .await
                    .json()
                    .await
                    .unwrap();
                let version = list["items"][0]["version"].clone();
                call(
                    Method::PUT,
                    format!("/v1/change-agents/{}", self.agent_membership),
                )
                .body(json!({"status": "active", "unit_ids": [self.unit]}))
                .if_match(format!("\"{version}\""))
            }
            "GET /v1/change-agents/{id}/training" => call(
                Method::GET,
                format!("/v1/change-agents/{}/training", self.agent_membership),
            ),
            "POST /v1/change-agents/{id}/training" => call(
                Method::POST,
                format!("/v1/change-agents/{}/training", self.agent_membership),
            )
            .body(
                json!({"date": "2026-09-01", "kind": "training", "hours": 6, "given_by": "RKBU"}),
            ),
            "POST /v1/projects/{id}/reports" => call(
                Method::POST,
                format!("/v1/projects/{project}/reports"),
            )
            .body(json!({
                "id": Uuid::new_v4(), "date": "2026-11-02", "unit_id": self.unit,
                "activity": "information_meeting", "people_reached": 14, "stage": "understanding"
            })),
            "GET /v1/projects/{id}/reports" => {
                call(Method::GET, format!("/v1/projects/{project}/reports"))
            }
            "GET /v1/projects/{id}/reports.csv" => {
                call(Method::GET, format!("/v1/projects/{project}/reports.csv"))
            }
            "GET /v1/projects/{id}/reactions" => {
                call(Method::GET, format!("/v1/projects/{project}/reactions"))
            }
            "GET /v1/projects/{id}/meeting-series" => call(
                Method::GET,
                format!("/v1/projects/{project}/meeting-series"),
            ),
            "POST /v1/projects/{id}/meeting-series" => call(
                Method::POST,
                format!("/v1/projects/{project}/meeting-series"),
            )
            .body(json!({"kind": "working_group", "title": "Arbeidsgruppe",
                "recurrence": {"kind": "weekly", "weekday": "thursday"},
                "start_date": "2026-12-01", "time_of_day": "14:00", "duration_minutes": 60})),
            "PUT /v1/meeting-series/{id}" => {
                let list: Value = app
                    .get(&format!("/v1/projects/{project}/meeting-series"), admin)
                    .await
                    .json()
                    .await
                    .unwrap();
                let s = list["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .find(|s| s["kind"] == "owner_status")
                    .unwrap()
                    .clone();
                let mut body = s.clone();
                for k in [
                    "id",
                    "project_id",
                    "tolerance_days",
                    "created_at",
                    "updated_at",
                    "version",
                ] {
                    body.as_object_mut().unwrap().remove(k);
                }
                body["status"] = json!("confirmed");
                call(
                    Method::PUT,
                    format!("/v1/meeting-series/{}", s["id"].as_str().unwrap()),
                )
                .body(body)
                .if_match(format!("\"{}\"", s["version"]))
            }
            "GET /v1/projects/{id}/schedule" => {
                call(Method::GET, format!("/v1/projects/{project}/schedule"))
            }
            "GET /v1/meeting-series/{id}/meetings" => call(
                Method::GET,
                format!("/v1/meeting-series/{}/meetings", self.owner_series),
            ),
            "GET /v1/meeting-series/{id}/meetings/{date}" => call(
                Method::GET,
                format!(
                    "/v1/meeting-series/{}/meetings/{MEETING_DATE}",
                    self.owner_series
                ),
            ),
            "PUT /v1/meeting-series/{id}/meetings/{date}" => {
                let path = format!(
                    "/v1/meeting-series/{}/meetings/{MEETING_DATE}",
                    self.owner_series
                );
                let tag = app.etag(&path, admin).await;
                call(Method::PUT, path)
                    .body(json!({"status": "held", "decisions": ["Videre som planlagt"]}))
                    .if_match(tag)
            }
            "POST /v1/meeting-series/{id}/meetings/{date}/actions" => call(
                Method::POST,
                format!(
                    "/v1/meeting-series/{}/meetings/{MEETING_DATE}/actions",
                    self.owner_series
                ),
            )
            .body(json!({"title": "Send referat"})),
            "PUT /v1/meeting-actions/{id}" => {
                let a = app
                    .create(
                        &format!(
                            "/v1/meeting-series/{}/meetings/{MEETING_DATE}/actions",
                            self.owner_series
                        ),
                        admin,
                        json!({"title": "Avklar budsjett"}),
                    )
                    .await;
                call(Method::PUT, format!("/v1/meeting-actions/{a}"))
                    .body(json!({"title": "Avklar budsjett", "status": "done"}))
                    .if_match("\"1\"".into())
            }
            "GET /v1/me/actions" => call(Method::GET, "/v1/me/actions"),
            "GET /v1/meeting-series/{id}/meetings/{date}/minutes.html" => call(
                Method::GET,
                format!(
                    "/v1/meeting-series/{}/meetings/{MEETING_DATE}/minutes.html",
                    self.owner_series
                ),
            ),
            "POST /v1/calendar-feeds" => call(Method::POST, "/v1/calendar-feeds").body(json!({})),
            "GET /v1/calendar-feeds/{token}/calendar.ics" => {
                let r = app
                    .post(
                        "/v1/calendar-feeds",
                        Some(&self.tokens["owner"]),
                        json!({"project_id": project}),
                    )
                    .await;
                let v: Value = r.json().await.unwrap();
                let path = v["path"]
                    .as_str()
                    .unwrap()
                    .trim_start_matches("/api")
                    .to_owned();
                call(Method::GET, path)
            }
            "GET /v1/projects/{id}/adherence" => {
                call(Method::GET, format!("/v1/projects/{project}/adherence"))
            }
            "GET /v1/readiness/questionnaire" => call(Method::GET, "/v1/readiness/questionnaire"),
            "GET /v1/projects/{id}/readiness-assessments" => call(
                Method::GET,
                format!("/v1/projects/{project}/readiness-assessments"),
            ),
            "POST /v1/projects/{id}/readiness-assessments" => {
                let p = self.fresh_project_with_roles().await;
                call(
                    Method::POST,
                    format!("/v1/projects/{p}/readiness-assessments"),
                )
                .body(json!({"title": "Spring round"}))
            }
            "PUT /v1/readiness-assessments/{id}/response" => call(
                Method::PUT,
                format!("/v1/readiness-assessments/{}/response", self.round),
            )
            .body(full_answers(4)),
            "POST /v1/readiness-assessments/{id}/close" => {
                let p = self.fresh_project_with_roles().await;
                let round = fresh_round(app, admin, &p).await;
                call(
                    Method::POST,
                    format!("/v1/readiness-assessments/{round}/close"),
                )
            }
            "GET /v1/projects/{id}/indicators" => {
                call(Method::GET, format!("/v1/projects/{project}/indicators"))
            }
            "POST /v1/projects/{id}/indicators" => {
                call(Method::POST, format!("/v1/projects/{project}/indicators"))
                    .body(indicator_body("Waiting time"))
            }
            "GET /v1/indicators/{id}" => {
                call(Method::GET, format!("/v1/indicators/{}", self.indicator))
            }
            "PUT /v1/indicators/{id}" | "DELETE /v1/indicators/{id}" => {
                let (i, _) = indicator_with_value(app, admin, project).await;
                let tag = app.etag(&format!("/v1/indicators/{i}"), admin).await;
                if op.starts_with("PUT") {
                    call(Method::PUT, format!("/v1/indicators/{i}"))
                        .body(indicator_body("Renamed"))
                        .if_match(tag)
                } else {
                    call(Method::DELETE, format!("/v1/indicators/{i}"))
                }
            }
            "GET /v1/indicators/{id}/measurements" => call(
                Method::GET,
                format!("/v1/indicators/{}/measurements", self.indicator),
            ),
            "POST /v1/indicators/{id}/measurements" => {
                let (i, _) = indicator_with_value(app, admin, project).await;
                call(Method::POST, format!("/v1/indicators/{i}/measurements"))
                    .body(json!({"period": "2026-02-01", "value": 75.5, "comment": "From the quality system"}))
            }
            "GET /v1/measurements/{id}" => call(
                Method::GET,
                format!("/v1/measurements/{}", self.measurement),
            ),
            "PUT /v1/measurements/{id}" => {
                let (_, m) = indicator_with_value(app, admin, project).await;
                call(Method::PUT, format!("/v1/measurements/{m}"))
                    .body(json!({"value": 71.0, "comment": "Corrected"}))
                    .if_match("\"1\"".into())
            }
            "GET /v1/projects/{id}/measurements.csv" => call(
                Method::GET,
                format!("/v1/projects/{project}/measurements.csv"),
            ),
            "GET /v1/sustainability/model" => call(Method::GET, "/v1/sustainability/model"),
            "GET /v1/projects/{id}/sustainability-assessments" => call(
                Method::GET,
                format!("/v1/projects/{project}/sustainability-assessments"),
            ),
            "POST /v1/projects/{id}/sustainability-assessments" => {
                let p = self.fresh_project_with_roles().await;
                call(
                    Method::POST,
                    format!("/v1/projects/{p}/sustainability-assessments"),
                )
                .body(json!({"title": "Autumn"}))
            }
            "GET /v1/sustainability-assessments/{id}" => call(
                Method::GET,
                format!("/v1/sustainability-assessments/{}", self.sround),
            ),
            "PUT /v1/sustainability-assessments/{id}/response" => call(
                Method::PUT,
                format!("/v1/sustainability-assessments/{}/response", self.sround),
            )
            .body(full_ratings(3)),
            "POST /v1/sustainability-assessments/{id}/close" => {
                let p = self.fresh_project_with_roles().await;
                let round = fresh_sround(app, admin, &p).await;
                call(
                    Method::POST,
                    format!("/v1/sustainability-assessments/{round}/close"),
                )
            }
            "GET /v1/projects/{id}/dashboard" => {
                call(Method::GET, format!("/v1/projects/{project}/dashboard"))
            }
            "GET /v1/organisations/{id}/overview" => {
                call(Method::GET, format!("/v1/organisations/{org}/overview"))
            }
            "GET /v1/projects/{id}/fade-risk" => {
                call(Method::GET, format!("/v1/projects/{project}/fade-risk"))
            }
            "GET /v1/projects/{id}/fade-risk/history" => call(
                Method::GET,
                format!("/v1/projects/{project}/fade-risk/history"),
            ),
            "GET /v1/projects/{id}/fade-risk/settings" => call(
                Method::GET,
                format!("/v1/projects/{project}/fade-risk/settings"),
            ),
            "PUT /v1/projects/{id}/fade-risk/settings" => call(
                Method::PUT,
                format!("/v1/projects/{project}/fade-risk/settings"),
            )
            .body(json!({
                "signals": [
                    {"kind": "meetings_lapsing", "weight": 30.0, "threshold": 70.0},
                    {"kind": "silent_agents", "weight": 20.0, "threshold": 30.0},
                    {"kind": "indicators_off_target", "weight": 20.0, "threshold": 30.0},
                    {"kind": "overdue_measurements", "weight": 10.0, "threshold": 2.0},
                    {"kind": "sustainability_falling", "weight": 20.0, "threshold": 5.0}
                ],
                "medium_from": 30.0,
                "high_from": 60.0
            })),
            other => panic!("no request for {other}"),
        }
    }
}

async fn fixture(app: &TestApp) -> Fixture<'_> {
    let sys = app.admin_token().await;
    let (org, admin) = app.org_with_admin(&sys, "A kommune").await;
    let (_, outsider) = app.org_with_admin(&sys, "B kommune").await;
    let programme = app.create_programme(&admin, "BTI").await;
    let project = app.create_project(&admin, &programme, "BTI i A").await;
    let mut tokens = HashMap::from([
        ("sys", sys),
        ("admin", admin.clone()),
        ("outsider", outsider),
    ]);
    let mut user_ids = HashMap::new();
    for actor in ["owner", "steer", "leader", "agent", "member"] {
        let email = format!("{actor}@a.test");
        let (id, token) = app.new_user(&admin, json!({"email": email}), &email).await;
        tokens.insert(actor, token);
        user_ids.insert(actor, id);
    }
    let mut agent_membership = String::new();
    for (actor, role) in [
        ("owner", "owner"),
        ("steer", "steering_group"),
        ("leader", "leader"),
        ("agent", "change_agent"),
    ] {
        let m = app
            .add_member(&admin, &project, &user_ids[actor], role)
            .await;
        if actor == "agent" {
            agent_membership = m;
        }
    }
    for (actor, scope) in [("tread", "read"), ("twrite", "write")] {
        let r = app
            .post(
                "/v1/api-tokens",
                Some(&admin),
                json!({"name": actor, "scopes": [scope]}),
            )
            .await;
        let v: Value = r.json().await.unwrap();
        tokens.insert(actor, v["secret"].as_str().unwrap().to_owned());
    }
    let r = app
        .post(
            &format!("/v1/projects/{project}/gate-requests"),
            Some(&tokens["leader"]),
            json!({"target": "plan", "summary": "Ready"}),
        )
        .await;
    assert_eq!(r.status().as_u16(), 201);
    let gate = id_of(r).await;
    let round = fresh_round(app, &admin, &project).await;
    let unit = app
        .create(
            "/v1/units",
            &admin,
            json!({"name": "Nord skole", "level": "unit"}),
        )
        .await;
    let tag = app
        .etag(&format!("/v1/projects/{project}/network"), &admin)
        .await;
    let r = app
        .req(
            Method::PUT,
            &format!("/v1/projects/{project}/network"),
            Some(&admin),
        )
        .header("If-Match", tag)
        .json(&json!({"unit_ids": [unit], "silent_after_weeks": 4}))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    let owner_series = confirm_owner_series(app, &admin, &project).await;
    let (indicator, measurement) = indicator_with_value(app, &admin, &project).await;
    let sround = fresh_sround(app, &admin, &project).await;
    Fixture {
        app,
        org,
        programme,
        project,
        agent_membership,
        gate,
        round,
        unit,
        owner_series,
        indicator,
        measurement,
        sround,
        tokens,
        user_ids,
    }
}

pub fn indicator_body(name: &str) -> Value {
    json!({
        "category": "result_attainment",
        "name": name,
        "unit": "%",
        "direction": "higher",
        "green_threshold": 80.0,
        "amber_threshold": 60.0,
        "target": 90.0,
        "frequency": "monthly",
        "start_date": "2026-01-01"
    })
}

/// Every sustainability factor rated `score`.
pub fn full_ratings(score: i32) -> Value {
    let keys = [
        "benefits",
        "credibility",
        "adaptability",
        "monitoring",
        "involvement",
        "attitudes",
        "senior_leadership",
        "local_leadership",
        "strategic_fit",
        "infrastructure",
    ];
    json!({"ratings": keys.iter().map(|k| json!({"factor": k, "score": score})).collect::<Vec<_>>()})
}

/// A manual indicator on `project` with one measurement for January 2026: their ids.
async fn indicator_with_value(app: &TestApp, token: &str, project: &str) -> (String, String) {
    let i = app
        .create(
            &format!("/v1/projects/{project}/indicators"),
            token,
            indicator_body("Share of staff trained"),
        )
        .await;
    let m = app
        .create(
            &format!("/v1/indicators/{i}/measurements"),
            token,
            json!({"period": "2026-01-15", "value": 70.0}),
        )
        .await;
    (i, m)
}

async fn fresh_sround(app: &TestApp, token: &str, project: &str) -> String {
    app.create(
        &format!("/v1/projects/{project}/sustainability-assessments"),
        token,
        json!({"title": "Sustainability"}),
    )
    .await
}

/// A first Tuesday of the owner status series (confirmed from today on).
const MEETING_DATE: &str = "2027-01-05";

async fn confirm_owner_series(app: &TestApp, token: &str, project: &str) -> String {
    let list: Value = app
        .get(&format!("/v1/projects/{project}/meeting-series"), token)
        .await
        .json()
        .await
        .unwrap();
    let s = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["kind"] == "owner_status")
        .unwrap()
        .clone();
    let mut body = s.clone();
    for k in [
        "id",
        "project_id",
        "tolerance_days",
        "created_at",
        "updated_at",
        "version",
    ] {
        body.as_object_mut().unwrap().remove(k);
    }
    body["status"] = json!("confirmed");
    let id = s["id"].as_str().unwrap().to_owned();
    let r = app
        .req(
            Method::PUT,
            &format!("/v1/meeting-series/{id}"),
            Some(token),
        )
        .header("If-Match", format!("\"{}\"", s["version"]))
        .json(&body)
        .send()
        .await
        .unwrap();
    assert_eq!(r.status().as_u16(), 200);
    id
}

async fn fresh_round(app: &TestApp, token: &str, project: &str) -> String {
    let r = app
        .post(
            &format!("/v1/projects/{project}/readiness-assessments"),
            Some(token),
            json!({"title": "Readiness"}),
        )
        .await;
    assert_eq!(r.status().as_u16(), 201);
    id_of(r).await
}

/// The plan's collections under a project and the path of one of their items.
const PLAN_KINDS: [(&str, &str); 6] = [
    ("checklist", "checklist-items"),
    ("milestones", "milestones"),
    ("goals", "goals"),
    ("stakeholders", "stakeholders"),
    ("barriers", "barriers"),
    ("risks", "risks"),
];

fn plan_body(kind: &str) -> Value {
    match kind {
        "checklist" => json!({"phase": "plan", "title": "Our own item"}),
        "milestones" => json!({"phase": "prepare", "title": "Kick-off", "due_date": "2027-01-15"}),
        "goals" => json!({"level": "effect", "title": "Children thrive"}),
        "stakeholders" => {
            json!({"name": "Principals", "influence": "high", "affected": "high", "attitude": "supportive"})
        }
        "barriers" => {
            json!({"level": "team", "description": "No time", "strength": 3, "resistance": "cant"})
        }
        _ => json!({"title": "Turnover", "probability": 3, "consequence": 4}),
    }
}

fn plan_update_body(kind: &str) -> Value {
    match kind {
        "checklist" => json!({"status": "in_progress", "evidence": "Started"}),
        other => plan_body(other),
    }
}

/// Every readiness statement answered with `score`.
pub fn full_answers(score: i32) -> Value {
    let keys = [
        "commitment.want",
        "commitment.determined",
        "commitment.motivated",
        "commitment.persist",
        "commitment.matters",
        "efficacy.resources",
        "efficacy.support_staff",
        "efficacy.difficulties",
        "efficacy.monitor",
        "efficacy.competence",
    ];
    json!({"answers": keys.iter().map(|k| json!({"item": k, "score": score})).collect::<Vec<_>>()})
}

/// Whether the spec lists `status` among the responses of `op` ("METHOD /path").
fn declared(spec: &Value, op: &str, status: u16) -> bool {
    let (method, path) = op.split_once(' ').unwrap();
    spec["paths"][path][method.to_lowercase()]["responses"][status.to_string()].is_object()
}

fn operations_in_spec(spec: &Value) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for (path, ops) in spec["paths"].as_object().unwrap() {
        for method in ops.as_object().unwrap().keys() {
            out.insert(format!("{} {path}", method.to_uppercase()));
        }
    }
    out
}

db_test!(
    async fn every_operation_answers_every_role_as_the_permission_table_says(app) {
        let spec: Value = app.client.get(format!("{}/api/openapi.json", app.address)).send().await.unwrap().json().await.unwrap();
        let in_spec = operations_in_spec(&spec);
        let in_matrix: BTreeSet<String> = EXPECTED.iter().map(|(op, _)| op.to_string()).collect();
        let missing: Vec<_> = in_spec.difference(&in_matrix).collect();
        assert!(missing.is_empty(), "operations without an access-matrix row: {missing:?}");
        let stale: Vec<_> = in_matrix.difference(&in_spec).collect();
        assert!(stale.is_empty(), "matrix rows for operations not in the spec: {stale:?}");

        let mut fx = fixture(&app).await;
        let mut failures = vec![];
        for (op, expected) in EXPECTED {
            for (i, actor) in ACTORS.iter().enumerate() {
                let c = fx.call_for(op, actor).await;
                let token = fx.tokens.get(actor).map(String::as_str);
                // A password change or logging out everywhere ends the caller's sessions: log
                // in again afterwards.
                let ends = matches!(*op, "POST /v1/auth/password" | "POST /v1/auth/logout-everywhere");
                let email = match (ends, token) {
                    (true, Some(t)) => {
                        let me = app.get("/v1/me", t).await;
                        me.json::<Value>().await.ok().and_then(|v| v["email"].as_str().map(str::to_owned))
                    }
                    _ => None,
                };
                let mut b = app.req(c.method, &c.path, token);
                if let Some(body) = c.body {
                    b = b.json(&body);
                }
                if let Some(tag) = c.if_match {
                    b = b.header("If-Match", tag);
                }
                let r = b.send().await.unwrap();
                let got = r.status().as_u16();
                if let (204, Some(email)) = (got, &email) {
                    let (t, _) = app.login(email, Fixture::password_of(actor)).await;
                    fx.tokens.insert(actor, t);
                }
                if !declared(&spec, op, got) {
                    failures.push(format!("{op} as {actor}: {got} is not among the operation's responses in the spec"));
                }
                if got != expected[i] {
                    let text = r.text().await.unwrap_or_default();
                    failures.push(format!("{op} as {actor}: expected {}, got {got}: {text}", expected[i]));
                } else if got >= 400 {
                    let ct = r.headers().get("content-type").map(|v| v.to_str().unwrap_or("").to_owned()).unwrap_or_default();
                    if !ct.starts_with("application/problem+json") {
                        failures.push(format!("{op} as {actor}: {got} is not problem+json ({ct})"));
                    }
                }
            }
        }
        assert!(failures.is_empty(), "{} access-matrix failures:\n{}", failures.len(), failures.join("\n"));
    }
);

db_test!(
    async fn a_measurements_token_posts_measurements_and_reads_or_changes_nothing_else(app) {
        let fx = fixture(&app).await;
        let r = app
            .post(
                "/v1/api-tokens",
                Some(fx.admin()),
                json!({"name": "Kvalitetssystemet", "scopes": ["measurements_write"]}),
            )
            .await;
        assert_eq!(r.status().as_u16(), 201);
        let v: Value = r.json().await.unwrap();
        let token = v["secret"].as_str().unwrap().to_owned();
        let allowed = [
            ("POST /v1/indicators/{id}/measurements", 201),
            ("PUT /v1/measurements/{id}", 200),
        ];
        let mut failures = vec![];
        for (op, expected) in EXPECTED {
            // Operations open to everyone (the anonymous caller gets no 401) say nothing here.
            if expected[10] != 401 {
                continue;
            }
            let c = fx.call_for(op, "tmeas").await;
            let mut b = app.req(c.method, &c.path, Some(&token));
            if let Some(body) = c.body {
                b = b.json(&body);
            }
            if let Some(tag) = c.if_match {
                b = b.header("If-Match", tag);
            }
            let r = b.send().await.unwrap();
            let got = r.status().as_u16();
            let ok = match allowed.iter().find(|(o, _)| o == op) {
                Some((_, want)) => got == *want,
                None => got == 403 || got == 404,
            };
            if !ok {
                failures.push(format!("{op}: got {got}: {}", r.text().await.unwrap_or_default()));
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n"));

        // What it posted is recorded as coming from a system, under the token's name.
        let r = app
            .post(
                &format!("/v1/indicators/{}/measurements", fx.indicator),
                Some(&token),
                json!({"period": "2026-03-10", "value": 81.0}),
            )
            .await;
        assert_eq!(r.status().as_u16(), 201);
        let m: Value = r.json().await.unwrap();
        assert_eq!(m["source"], "system");
        assert_eq!(m["recorded_by_name"], "Kvalitetssystemet");
        assert_eq!(m["period_start"], "2026-03-01");
        // A token of the same scope from another organisation sees no indicator.
        let (_, other_admin) = app.org_with_admin(&fx.tokens["sys"], "C kommune").await;
        let r = app
            .post("/v1/api-tokens", Some(&other_admin), json!({"name": "x", "scopes": ["measurements_write"]}))
            .await;
        let v: Value = r.json().await.unwrap();
        let r = app
            .post(
                &format!("/v1/indicators/{}/measurements", fx.indicator),
                Some(v["secret"].as_str().unwrap()),
                json!({"period": "2026-04-10", "value": 1.0}),
            )
            .await;
        assert_eq!(r.status().as_u16(), 404);
    }
);
