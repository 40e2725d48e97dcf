//! Counting database queries per request, for the benchmarks: with `VARIG_QUERY_COUNT=1`
//! every response carries `Varig-Db-Queries: <n>`, the statements its request ran. Off by
//! default (it tells a caller something about the server's work).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use poem::{Endpoint, IntoResponse, Request, Response};
use sea_orm::DatabaseConnection;

pub const HEADER: &str = "Varig-Db-Queries";

tokio::task_local! {
    static COUNTER: Arc<AtomicU32>;
}

/// Makes `db` count its statements into the current request's counter.
pub fn install(db: &mut DatabaseConnection) {
    db.set_metric_callback(|_info| {
        let _ = COUNTER.try_with(|c| c.fetch_add(1, Ordering::Relaxed));
    });
}

/// Runs the request with a counter and reports it in a header.
pub async fn around<E: Endpoint>(ep: Arc<E>, req: Request) -> poem::Result<Response> {
    let counter = Arc::new(AtomicU32::new(0));
    let res = COUNTER.scope(counter.clone(), ep.call(req)).await;
    let mut resp = match res {
        Ok(r) => r.into_response(),
        Err(e) => e.into_response(),
    };
    if let Ok(v) = counter.load(Ordering::Relaxed).to_string().parse() {
        resp.headers_mut().insert(HEADER, v);
    }
    Ok(resp)
}
