//! The simulator's HTTP/1.1 server on hyper: accepts connections, applies queued faults on the
//! wire (latency, truncation, drops, hangs, huge bodies), logs requests without token values,
//! and stops every connection, hanging ones included, when the server stops.

use std::error::Error;
use std::future::Future;
use std::io;
use std::net::{Ipv4Addr, SocketAddr};
use std::pin::Pin;
use std::task::{Context, Poll};
use std::thread;
use std::time::{Duration, Instant};

use bytes::Bytes;
use hyper::body::{Body, Frame, Incoming, SizeHint};
use hyper::header::{ACCEPT_ENCODING, AUTHORIZATION, CONTENT_TYPE, HOST, HeaderMap, USER_AGENT};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use tokio::net::TcpListener;
use tokio::sync::watch;
use tokio::task::JoinHandle;
use tokio::time::Sleep;

use crate::sim::api::{ApiRequest, REQUEST_LOG_PATH, Reply};
use crate::sim::faults::FaultKind;
use crate::sim::{RequestRecord, Sim};

type BoxError = Box<dyn Error + Send + Sync>;

/// How long a truncated answer waits after its half body before closing, so the half is flushed.
const TRUNCATE_PAUSE: Duration = Duration::from_millis(30);
/// Chunk size of a huge body.
const HUGE_CHUNK: u64 = 64 * 1024;

/// A running simulator server. Dropping it stops it (and, for [`SimServer::start_in_thread`],
/// joins its thread); connections still open, including hanging ones, are closed.
#[derive(Debug)]
pub struct SimServer {
    sim: Sim,
    addr: SocketAddr,
    queue_addr: SocketAddr,
    stop: watch::Sender<bool>,
    task: Option<JoinHandle<()>>,
    thread: Option<thread::JoinHandle<()>>,
}

impl SimServer {
    /// Binds `addr` (port 0 picks a free port) and serves `sim` on the current tokio runtime.
    /// The Queue API gets its own listener on the same address with a free port; the
    /// Storage API index names it.
    pub async fn start(sim: Sim, addr: SocketAddr) -> io::Result<SimServer> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let queue_listener = TcpListener::bind(SocketAddr::new(addr.ip(), 0)).await?;
        let queue_addr = queue_listener.local_addr()?;
        sim.set_queue_url(&format!("http://{queue_addr}"));
        let (stop, stopped) = watch::channel(false);
        let served = sim.clone();
        let task = tokio::spawn(async move {
            tokio::join!(
                accept_loop(listener, served.clone(), stopped.clone(), Api::Storage),
                accept_loop(queue_listener, served, stopped, Api::Queue),
            );
        });
        Ok(SimServer {
            sim,
            addr,
            queue_addr,
            stop,
            task: Some(task),
            thread: None,
        })
    }

    /// Serves `sim` on `127.0.0.1:0` from its own thread and runtime, for synchronous tests.
    pub fn start_in_thread(sim: Sim) -> io::Result<SimServer> {
        let listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        listener.set_nonblocking(true)?;
        let addr = listener.local_addr()?;
        let queue_listener = std::net::TcpListener::bind((Ipv4Addr::LOCALHOST, 0))?;
        queue_listener.set_nonblocking(true)?;
        let queue_addr = queue_listener.local_addr()?;
        sim.set_queue_url(&format!("http://{queue_addr}"));
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()?;
        let (stop, stopped) = watch::channel(false);
        let served = sim.clone();
        let thread = thread::Builder::new()
            .name("jobctl-sim".to_owned())
            .spawn(move || {
                runtime.block_on(async move {
                    if let (Ok(listener), Ok(queue_listener)) = (
                        TcpListener::from_std(listener),
                        TcpListener::from_std(queue_listener),
                    ) {
                        tokio::join!(
                            accept_loop(listener, served.clone(), stopped.clone(), Api::Storage),
                            accept_loop(queue_listener, served, stopped, Api::Queue),
                        );
                    }
                });
            })?;
        Ok(SimServer {
            sim,
            addr,
            queue_addr,
            stop,
            task: None,
            thread: Some(thread),
        })
    }

    /// The base URL, `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// The bound address.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// The Queue API's base URL, `http://127.0.0.1:PORT` (the index's `services` name it).
    pub fn queue_url(&self) -> String {
        format!("http://{}", self.queue_addr)
    }

    /// The simulator being served (its faults and log can be changed while running).
    pub fn sim(&self) -> &Sim {
        &self.sim
    }

    /// [`Sim::wait_for_requests`] on the simulator being served.
    pub fn wait_for_requests(&self, n: usize) -> Vec<RequestRecord> {
        self.sim.wait_for_requests(n)
    }

    /// Stops accepting, closes every open connection and waits for the accept loop to end.
    pub async fn shutdown(mut self) {
        self.stop.send_replace(true);
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for SimServer {
    fn drop(&mut self) {
        self.stop.send_replace(true);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Which API a listener serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Api {
    Storage,
    Queue,
}

async fn accept_loop(
    listener: TcpListener,
    sim: Sim,
    mut stopped: watch::Receiver<bool>,
    api: Api,
) {
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            _ = stopped.wait_for(|s| *s) => break,
        };
        let stream = match accepted {
            Ok((stream, _)) => stream,
            Err(_) => {
                // E.g. out of file descriptors: back off instead of spinning.
                tokio::time::sleep(Duration::from_millis(20)).await;
                continue;
            }
        };
        let local = stream.local_addr().ok();
        let sim = sim.clone();
        let mut conn_stopped = stopped.clone();
        let req_stopped = stopped.clone();
        tokio::spawn(async move {
            let service =
                service_fn(move |req| handle(req, sim.clone(), local, req_stopped.clone(), api));
            let conn = http1::Builder::new()
                .keep_alive(true)
                .serve_connection(TokioIo::new(stream), service);
            // Dropping the connection future closes the socket, hanging requests included.
            tokio::select! {
                _ = conn => {}
                _ = conn_stopped.wait_for(|s| *s) => {}
            }
        });
    }
}

/// The request's token, from `X-StorageApi-Token` or `Authorization: Bearer`. Never logged.
fn token_of(headers: &HeaderMap) -> Option<String> {
    let header = |name| headers.get(name).and_then(|v| v.to_str().ok());
    if let Some(t) = header("x-storageapi-token").filter(|t| !t.is_empty()) {
        return Some(t.to_owned());
    }
    let auth = header(AUTHORIZATION.as_str())?;
    let (scheme, token) = auth.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then(|| token.to_owned())
}

async fn handle(
    req: Request<Incoming>,
    sim: Sim,
    local: Option<SocketAddr>,
    mut stopped: watch::Receiver<bool>,
    api: Api,
) -> Result<Response<SimBody>, BoxError> {
    let at = Instant::now();
    if req.uri().path() == REQUEST_LOG_PATH {
        let reply = sim.request_log_reply();
        return response(&reply, SimBody::full(reply.body.clone()));
    }
    let _answering = sim.answering();
    let head = Head::of(&req, local, at);
    let body = match read_body(req.into_body()).await {
        Ok(body) => body,
        Err(e) => {
            head.record(&sim, 0, Vec::new(), String::new());
            return Err(e);
        }
    };
    let log = |status: u16, served: Vec<(u64, String)>| {
        head.record(&sim, status, served, body.clone());
    };
    let api_req = head.api_request();
    let fault = sim.take_fault(&head.path);
    // Creating a job happens before any fault plays out (a 4xx apart, which refuses it):
    // a timeout, a dropped connection or a 5xx then hits a request the server has carried
    // out, as a proxy in front of a stack can, which is what a client must never answer
    // by sending it again.
    let refused = matches!(
        fault,
        Some(FaultKind::Status {
            code: 400..=499,
            ..
        })
    );
    let creates =
        api == Api::Queue && head.method == "POST" && head.path.trim_end_matches('/') == "/jobs";
    let created = (creates && !refused).then(|| sim.answer_queue_with(api_req, &body));
    let answer = |req: ApiRequest<'_>| match (&created, api) {
        (Some(reply), _) => reply.clone(),
        (None, Api::Storage) => sim.answer(req),
        (None, Api::Queue) => sim.answer_queue(req),
    };
    let reply = match fault {
        Some(
            kind @ (FaultKind::Truncated
            | FaultKind::Drop
            | FaultKind::Hang
            | FaultKind::Huge { .. }),
        ) => return on_the_wire(kind, || answer(api_req), log, &mut stopped).await,
        fault => answer_after(fault, &sim, &mut stopped, api_req, answer).await?,
    };
    log(reply.status, reply.served.clone());
    let body = SimBody::full(reply.body.clone());
    response(&reply, body)
}

/// What the request log keeps of a request, read before its body.
struct Head {
    method: String,
    path: String,
    query: String,
    at: Instant,
    token: Option<String>,
    user_agent: Option<String>,
    accept_encoding: Option<String>,
    /// `http://{Host}` (the listener's address when the request names no host).
    base: String,
}

impl Head {
    fn of(req: &Request<Incoming>, local: Option<SocketAddr>, at: Instant) -> Head {
        let header = |name| {
            req.headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        let host = header(HOST)
            .or_else(|| local.map(|a| a.to_string()))
            .unwrap_or_else(|| "127.0.0.1".to_owned());
        Head {
            method: req.method().as_str().to_owned(),
            path: req.uri().path().to_owned(),
            query: req.uri().query().unwrap_or_default().to_owned(),
            at,
            token: token_of(req.headers()),
            user_agent: header(USER_AGENT),
            accept_encoding: header(ACCEPT_ENCODING),
            base: format!("http://{host}"),
        }
    }

    fn api_request(&self) -> ApiRequest<'_> {
        ApiRequest {
            method: &self.method,
            path: &self.path,
            query: &self.query,
            base: &self.base,
            token: self.token.as_deref(),
        }
    }

    /// Logs the request (never the token's value) with its answer's status and what it
    /// served.
    fn record(&self, sim: &Sim, status: u16, served: Vec<(u64, String)>, body: String) {
        sim.record(RequestRecord {
            method: self.method.clone(),
            path: self.path.clone(),
            query: self.query.clone(),
            at: self.at,
            token_sent: self.token.is_some(),
            user_agent: self.user_agent.clone(),
            accept_encoding: self.accept_encoding.clone(),
            status,
            served,
            body,
        });
    }
}

/// The answer, after the latency or the fault that delays or changes it (a hold, a
/// careless server, a status).
async fn answer_after(
    fault: Option<FaultKind>,
    sim: &Sim,
    stopped: &mut watch::Receiver<bool>,
    api_req: ApiRequest<'_>,
    answer: impl Fn(ApiRequest<'_>) -> Reply,
) -> Result<Reply, BoxError> {
    let reply = match fault {
        None => {
            let latency = sim.latency();
            if !latency.is_zero() {
                tokio::time::sleep(latency).await;
            }
            answer(api_req)
        }
        Some(FaultKind::Latency(delay)) => {
            tokio::time::sleep(delay).await;
            answer(api_req)
        }
        Some(FaultKind::Hold(gate)) => {
            tokio::select! {
                _ = gate.pass() => {}
                _ = stopped.wait_for(|s| *s) => {
                    return Err("server stopped while holding a request".into());
                }
            }
            answer(api_req)
        }
        Some(FaultKind::Careless { offset, filters }) => {
            let read = FaultKind::careless_query(api_req.query, offset, filters);
            answer(ApiRequest {
                query: &read,
                ..api_req
            })
        }
        Some(kind) => sim.fault_reply(&kind).unwrap_or_else(|| answer(api_req)),
    };
    Ok(reply)
}

/// A fault that plays out on the connection (half a body, a drop, a hang, a huge body),
/// logged as it goes.
async fn on_the_wire(
    kind: FaultKind,
    answer: impl FnOnce() -> Reply,
    log: impl Fn(u16, Vec<(u64, String)>),
    stopped: &mut watch::Receiver<bool>,
) -> Result<Response<SimBody>, BoxError> {
    match kind {
        FaultKind::Truncated => {
            let full = answer();
            log(full.status, full.served.clone());
            let full_len = full.body.len() as u64;
            let half = full.body.slice(..full.body.len() / 2);
            response(
                &full,
                SimBody::Truncated {
                    half: Some(half),
                    full_len,
                    pause: Box::pin(tokio::time::sleep(TRUNCATE_PAUSE)),
                },
            )
        }
        FaultKind::Drop => {
            log(0, Vec::new());
            Err("connection dropped by an injected fault".into())
        }
        FaultKind::Hang => {
            log(0, Vec::new());
            let _ = stopped.wait_for(|s| *s).await;
            Err("server stopped while hanging".into())
        }
        FaultKind::Huge { bytes } => {
            log(200, Vec::new());
            let head = Reply::json(200, Bytes::new());
            response(
                &head,
                SimBody::Huge {
                    pos: 0,
                    total: bytes,
                },
            )
        }
        _ => Err("not a fault on the wire".into()),
    }
}

/// The most of a request body the simulator reads.
const MAX_REQUEST_BODY: usize = 1 << 20;

/// A request's body as text (lossy), at most [`MAX_REQUEST_BODY`] bytes.
async fn read_body(mut body: Incoming) -> Result<String, BoxError> {
    let mut bytes = Vec::new();
    while let Some(frame) = std::future::poll_fn(|cx| Pin::new(&mut body).poll_frame(cx)).await {
        if let Ok(data) = frame?.into_data() {
            if bytes.len() + data.len() > MAX_REQUEST_BODY {
                return Err("request body too large".into());
            }
            bytes.extend_from_slice(&data);
        }
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn response(reply: &Reply, body: SimBody) -> Result<Response<SimBody>, BoxError> {
    let mut builder = Response::builder()
        .status(reply.status)
        .header(CONTENT_TYPE, reply.content_type);
    for (name, value) in &reply.headers {
        builder = builder.header(*name, value.as_str());
    }
    Ok(builder.body(body)?)
}

/// The bodies the simulator sends.
pub(crate) enum SimBody {
    /// A whole body in one frame (`None` once sent, or when empty).
    Full(Option<Bytes>),
    /// Announces `full_len` but sends only `half`, then fails so hyper closes the connection.
    Truncated {
        half: Option<Bytes>,
        full_len: u64,
        pause: Pin<Box<Sleep>>,
    },
    /// `{"padding":"xxx…"}` of exactly `total` bytes, generated chunk by chunk.
    Huge { pos: u64, total: u64 },
}

impl SimBody {
    fn full(bytes: Bytes) -> SimBody {
        SimBody::Full((!bytes.is_empty()).then_some(bytes))
    }
}

/// Bytes `pos..pos+len` of a huge body of `total` bytes: valid JSON when it is 14 bytes or more.
fn huge_chunk(pos: u64, len: u64, total: u64) -> Bytes {
    const PREFIX: &[u8] = b"{\"padding\":\"";
    const SUFFIX: &[u8] = b"\"}";
    let framed = total >= (PREFIX.len() + SUFFIX.len()) as u64;
    let fill = if framed { b'x' } else { b' ' };
    let mut chunk = vec![fill; usize::try_from(len).unwrap_or(0)];
    if framed {
        let end = pos + len;
        let suffix_at = total - SUFFIX.len() as u64;
        let mut patch = |from: u64, bytes: &[u8]| {
            for (i, b) in bytes.iter().enumerate() {
                let p = from + i as u64;
                if let Some(slot) = p
                    .checked_sub(pos)
                    .filter(|_| p < end)
                    .and_then(|i| chunk.get_mut(i as usize))
                {
                    *slot = *b;
                }
            }
        };
        patch(0, PREFIX);
        patch(suffix_at, SUFFIX);
    }
    Bytes::from(chunk)
}

impl Body for SimBody {
    type Data = Bytes;
    type Error = BoxError;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, BoxError>>> {
        match self.get_mut() {
            SimBody::Full(bytes) => Poll::Ready(bytes.take().map(|b| Ok(Frame::data(b)))),
            SimBody::Truncated { half, pause, .. } => {
                if let Some(half) = half.take() {
                    return Poll::Ready(Some(Ok(Frame::data(half))));
                }
                // Pending here lets hyper flush the half body before the error closes the socket.
                match pause.as_mut().poll(cx) {
                    Poll::Ready(()) => {
                        Poll::Ready(Some(Err("body truncated by an injected fault".into())))
                    }
                    Poll::Pending => Poll::Pending,
                }
            }
            SimBody::Huge { pos, total } => {
                if *pos >= *total {
                    return Poll::Ready(None);
                }
                let len = HUGE_CHUNK.min(*total - *pos);
                let chunk = huge_chunk(*pos, len, *total);
                *pos += len;
                Poll::Ready(Some(Ok(Frame::data(chunk))))
            }
        }
    }

    fn is_end_stream(&self) -> bool {
        match self {
            SimBody::Full(bytes) => bytes.is_none(),
            SimBody::Truncated { .. } => false,
            SimBody::Huge { pos, total } => pos >= total,
        }
    }

    fn size_hint(&self) -> SizeHint {
        match self {
            SimBody::Full(bytes) => {
                SizeHint::with_exact(bytes.as_ref().map_or(0, |b| b.len() as u64))
            }
            SimBody::Truncated { full_len, .. } => SizeHint::with_exact(*full_len),
            SimBody::Huge { pos, total } => SizeHint::with_exact(total.saturating_sub(*pos)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn huge_body_is_json_of_exact_length_across_chunks() {
        let total = 100;
        let mut all = Vec::new();
        let mut pos = 0;
        while pos < total {
            let len = 7.min(total - pos);
            all.extend_from_slice(&huge_chunk(pos, len, total));
            pos += len;
        }
        assert_eq!(all.len(), 100);
        let v: serde_json::Value = serde_json::from_slice(&all).unwrap_or_default();
        assert_eq!(v["padding"].as_str().map(str::len), Some(86));
    }
}
