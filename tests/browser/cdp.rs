//! A small client of the Chrome DevTools Protocol, enough to load a page
//! in headless Chromium and look at it as a person would: evaluate an
//! expression, click, take a screenshot, and collect every script error,
//! console error and policy violation the page causes.
//!
//! Chromium is started with its own `--remote-debugging-port=0` (it picks
//! a free port on the loopback and says which on stderr), and spoken to
//! over one WebSocket (tungstenite) with flattened sessions. Chosen over
//! headless_chrome or chromiumoxide: they bring about a hundred crates
//! (a generated protocol, an async runtime for the second) to a suite
//! that needs eight methods, and they pick their own launch flags, where
//! this closed network needs ours (`FLAGS`).

#![allow(dead_code)]

use serde_json::{Value, json};
use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

/// The flags that work on a closed machine: without the background
/// networking ones Chromium's own connections are refused, and it waits.
const FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-extensions",
    "--disable-default-apps",
    "--hide-scrollbars",
    "--mute-audio",
    "--remote-debugging-port=0",
    "--remote-allow-origins=*",
];

/// How long any one answer from the browser may take: a conference page
/// of tens of megabytes takes seconds to load on two busy cores.
const PATIENCE: Duration = Duration::from_secs(180);

pub type Error = Box<dyn std::error::Error + Send + Sync>;

/// The Chromium to use: `$CHROMIUM`, else the first of the usual names on
/// the `PATH`.
pub fn find() -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("CHROMIUM") {
        return Some(PathBuf::from(path));
    }
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .flat_map(|dir| {
            ["chromium", "chromium-browser", "google-chrome"].map(|name| dir.join(name))
        })
        .find(|p| p.is_file())
}

/// A running headless Chromium with its own fresh profile, ended when
/// dropped.
pub struct Browser {
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    /// Events not yet looked at, each with its session.
    events: Vec<Value>,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub fn launch(chromium: &Path) -> Result<Browser, Error> {
        let profile = tempfile::tempdir()?;
        let mut child = Command::new(chromium)
            .args(FLAGS)
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()?;
        // Chromium says where it listens on stderr; read it on a thread,
        // which then drains the rest so that Chromium never blocks on it.
        let stderr = child.stderr.take().expect("piped");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut tx = Some(tx);
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("DevTools listening on ")
                    && let Some(tx) = tx.take()
                {
                    let _ = tx.send(url.trim().to_owned());
                }
            }
        });
        let url = match rx.recv_timeout(Duration::from_secs(60)) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                let _ = child.wait();
                return Err("Chromium did not say where it listens within 60 s".into());
            }
        };
        let (socket, _) = tungstenite::connect(url.as_str())?;
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream.set_read_timeout(Some(PATIENCE))?;
        }
        Ok(Browser {
            child,
            socket,
            next_id: 0,
            events: Vec::new(),
            _profile: profile,
        })
    }

    /// The next message from the browser.
    fn receive(&mut self) -> Result<Value, Error> {
        loop {
            match self.socket.read()? {
                Message::Text(text) => return Ok(serde_json::from_str(text.as_str())?),
                Message::Close(_) => return Err("the browser closed the connection".into()),
                _ => {}
            }
        }
    }

    /// Calls `method` (in `session`, or on the browser) and waits for its
    /// answer, keeping the events that come meanwhile.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Result<Value, Error> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({"id": id, "method": method, "params": params});
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket.send(Message::text(message.to_string()))?;
        loop {
            let reply = self.receive()?;
            if reply["id"] == json!(id) {
                if let Some(error) = reply.get("error") {
                    return Err(format!("{method}: {error}").into());
                }
                return Ok(reply["result"].clone());
            }
            if reply.get("method").is_some() {
                self.events.push(reply);
            }
        }
    }

    /// A new tab, attached, with the domains that report errors enabled.
    pub fn page(&mut self) -> Result<Page<'_>, Error> {
        let target = self.call(None, "Target.createTarget", json!({"url": "about:blank"}))?;
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        )?;
        let session = attached["sessionId"]
            .as_str()
            .ok_or("no session")?
            .to_owned();
        for domain in ["Page.enable", "Runtime.enable", "Log.enable"] {
            self.call(Some(&session), domain, json!({}))?;
        }
        Ok(Page {
            browser: self,
            session,
        })
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One tab.
pub struct Page<'b> {
    browser: &'b mut Browser,
    session: String,
}

impl Page<'_> {
    fn call(&mut self, method: &str, params: Value) -> Result<Value, Error> {
        let session = self.session.clone();
        self.browser.call(Some(&session), method, params)
    }

    /// The viewport, as a person's window: `width` x `height` CSS pixels.
    pub fn resize(&mut self, width: u32, height: u32) -> Result<(), Error> {
        self.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": false}),
        )?;
        Ok(())
    }

    /// Opens `file` and waits for its load event; the time it took.
    pub fn open(&mut self, file: &Path) -> Result<Duration, Error> {
        let start = Instant::now();
        self.go(file)?;
        self.loaded()?;
        Ok(start.elapsed())
    }

    /// Starts opening `file`, without waiting for it to load.
    pub fn go(&mut self, file: &Path) -> Result<(), Error> {
        let url = format!("file://{}", file.canonicalize()?.display());
        self.call("Page.navigate", json!({"url": url}))?;
        Ok(())
    }

    /// Waits for the page's load event.
    pub fn loaded(&mut self) -> Result<(), Error> {
        self.wait_for("Page.loadEventFired")?;
        Ok(())
    }

    /// Waits for an event of this session.
    fn wait_for(&mut self, method: &str) -> Result<Value, Error> {
        let session = json!(self.session);
        if let Some(k) = self
            .browser
            .events
            .iter()
            .position(|e| e["method"] == json!(method) && e["sessionId"] == session)
        {
            return Ok(self.browser.events.remove(k));
        }
        loop {
            let event = self.browser.receive()?;
            if event["method"] == json!(method) && event["sessionId"] == session {
                return Ok(event);
            }
            if event.get("method").is_some() {
                self.browser.events.push(event);
            }
        }
    }

    /// The value of `expression`, evaluated in the page.
    pub fn eval(&mut self, expression: &str) -> Result<Value, Error> {
        let result = self.call(
            "Runtime.evaluate",
            json!({"expression": expression, "returnByValue": true, "awaitPromise": true}),
        )?;
        if let Some(e) = result.get("exceptionDetails") {
            return Err(format!("{expression}: {e}").into());
        }
        Ok(result["result"]["value"].clone())
    }

    /// A left click at (`x`, `y`) of the viewport, as a mouse makes it.
    pub fn click(&mut self, x: f64, y: f64) -> Result<(), Error> {
        for kind in ["mouseMoved", "mousePressed", "mouseReleased"] {
            self.call(
                "Input.dispatchMouseEvent",
                json!({"type": kind, "x": x, "y": y, "button": "left", "clickCount": 1}),
            )?;
        }
        Ok(())
    }

    /// A PNG of the viewport, written to `path`.
    pub fn screenshot(&mut self, path: &Path) -> Result<(), Error> {
        use base64::Engine;
        let shot = self.call("Page.captureScreenshot", json!({"format": "png"}))?;
        let data = shot["data"].as_str().ok_or("no screenshot")?;
        let png = base64::engine::general_purpose::STANDARD.decode(data)?;
        std::fs::write(path, png)?;
        Ok(())
    }

    /// Every error the page has caused so far: exceptions, console errors
    /// and the browser's own (a blocked load, a policy violation).
    pub fn errors(&mut self) -> Vec<String> {
        // A round trip, so that events sent before it have arrived.
        let _ = self.eval("0");
        let session = json!(self.session);
        self.browser
            .events
            .iter()
            .filter(|e| e["sessionId"] == session)
            .filter_map(|e| {
                let params = &e["params"];
                match e["method"].as_str()? {
                    "Runtime.exceptionThrown" => Some(params["exceptionDetails"].to_string()),
                    "Runtime.consoleAPICalled"
                        if matches!(params["type"].as_str(), Some("error" | "assert")) =>
                    {
                        Some(params["args"].to_string())
                    }
                    "Log.entryAdded" if params["entry"]["level"] == json!("error") => {
                        Some(params["entry"]["text"].to_string())
                    }
                    _ => None,
                }
            })
            .collect()
    }
}
