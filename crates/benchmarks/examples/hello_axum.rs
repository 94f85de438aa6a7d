//! The reference for `scripts/bench-serve.sh`: the smallest axum server on the same stack
//! (tokio's multi-threaded runtime, axum, hyper's HTTP/1) answering every GET and POST with a
//! short JSON body. `serve`'s throughput is reported as a ratio of this one's, measured in the
//! same run. Prints its port on the first stdout line, as `serve --port 0` does.

use axum::routing::any;
use axum::Router;

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let app = Router::new().fallback(any(|| async { r#"{"data":{"count":0}}"# }));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    println!("http://{}", listener.local_addr()?);
    axum::serve(listener, app).await
}
