//! Which methods each path accepts, read from the OpenAPI document, for the `Allow` header
//! every 405 carries (RFC 9110 §15.5.6).

#[derive(Debug, Default)]
pub struct AllowTable {
    prefix: String,
    paths: Vec<(Vec<String>, String)>,
}

impl AllowTable {
    /// From the spec's JSON; `prefix` is where the API is mounted (`/api`).
    pub fn from_spec(spec_json: &str, prefix: &str) -> Self {
        let mut paths = Vec::new();
        if let Ok(serde_json::Value::Object(doc)) = serde_json::from_str(spec_json) {
            if let Some(serde_json::Value::Object(p)) = doc.get("paths") {
                for (path, item) in p {
                    let mut methods: Vec<String> = item
                        .as_object()
                        .map(|o| {
                            o.keys()
                                .filter(|k| {
                                    matches!(
                                        k.as_str(),
                                        "get" | "put" | "post" | "delete" | "patch" | "options"
                                    )
                                })
                                .map(|k| k.to_uppercase())
                                .collect()
                        })
                        .unwrap_or_default();
                    if methods.iter().any(|m| m == "GET") {
                        methods.push("HEAD".into());
                    }
                    methods.sort();
                    paths.push((segments(path), methods.join(", ")));
                }
            }
        }
        Self {
            prefix: prefix.to_owned(),
            paths,
        }
    }

    /// The methods of the path a request was for; static files take GET and HEAD.
    pub fn methods(&self, path: &str) -> Option<String> {
        let Some(api_path) = path.strip_prefix(&self.prefix) else {
            return Some("GET, HEAD".into());
        };
        self.paths
            .iter()
            .find(|(pattern, _)| template_matches(pattern, api_path))
            .map(|(_, m)| m.clone())
    }
}

/// Whether `path` is an instance of a spec path template split into segments
/// (`{id}` matches any one segment). Shared with `strict`.
pub fn template_matches(pattern: &[String], path: &str) -> bool {
    let mut want = path.split('/').filter(|s| !s.is_empty());
    pattern
        .iter()
        .all(|p| want.next().is_some_and(|w| p.starts_with('{') || p == w))
        && want.next().is_none()
}

/// A spec path template (`/v1/projects/{id}`) as its segments.
pub fn segments(path: &str) -> Vec<String> {
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(str::to_owned)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_templated_path_names_its_methods() {
        let spec =
            r#"{"paths":{"/v1/projects/{id}":{"get":{},"patch":{}},"/v1/health":{"get":{}}}}"#;
        let t = AllowTable::from_spec(spec, "/api");
        assert_eq!(
            t.methods("/api/v1/projects/abc").as_deref(),
            Some("GET, HEAD, PATCH")
        );
        assert_eq!(t.methods("/api/v1/health").as_deref(), Some("GET, HEAD"));
        assert_eq!(t.methods("/api/v1/nothing"), None);
        assert_eq!(t.methods("/style.css").as_deref(), Some("GET, HEAD"));
    }
}
