//! `jobctl whoami`: asks the stack about the token (`GET /v2/storage/tokens/verify`) and
//! shows the project, the token's description and expiry, and the stack; never the token.

use std::io::Write;

use anyhow::Result;
use serde_json::Value;

use crate::cli::{ShowFormat, WhoamiArgs};
use crate::context::Context;
use crate::model::TokenInfo;
use crate::render::{Style, json_text, whoami};

pub async fn run(ctx: &Context, args: WhoamiArgs) -> Result<()> {
    // A bad expression must cost no request.
    let jq = ctx.jq(args.jq.as_deref())?;
    let client = ctx.client()?;
    let body = client.verify_token().await?;
    let mut value: Value = serde_json::from_str(&body).map_err(|e| {
        anyhow::anyhow!(
            "the token check at {} did not answer JSON: {e}",
            client.base()
        )
    })?;
    // The real API echoes the token; it never reaches the output.
    if let Some(obj) = value.as_object_mut() {
        obj.remove("token");
    }
    let text = serde_json::to_string(&value)?;
    let mut w = ctx.out.stdout();
    match (&jq, args.output) {
        (Some(jq), _) => jq.run(&text, &mut w)?,
        (None, ShowFormat::Json) => {
            w.write_all(json_text(&[&text], true, ctx.out.stdout_tty).as_bytes())?;
        }
        (None, ShowFormat::Table) => {
            let info = TokenInfo::parse(&text)?;
            let style = Style {
                color: ctx.out.color,
                terminal: ctx.out.stdout_tty,
                now: jiff::Timestamp::now(),
                zone: ctx.out.zone.clone(),
            };
            let stack = client.base().as_str().trim_end_matches('/').to_owned();
            w.write_all(whoami(&info, &stack, &style).as_bytes())?;
        }
    }
    w.flush()?;
    Ok(())
}
