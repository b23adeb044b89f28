//! Issue 15's smaller items: whoami, job URLs and comma lists for show, serve's --listen,
//! config without a file, the demo banner.

use super::*;

#[test]
fn whoami_shows_project_token_expiry_and_stack_never_the_token() {
    let s = server();
    jobctl(&s)
        .args(["whoami"])
        .stdout_eq(format!(
            "Project:  jobctl demo project (id 9431)\nToken:    jobctl simulator (id 27978)\n\
             Expires:  never\nStack:    {}\n",
            s.url()
        ))
        .run();
    let requests = s.sim().requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].path, "/v2/storage/tokens/verify");
    jobctl(&s)
        .args(["whoami", "--jq", ".owner.name"])
        .stdout_eq("jobctl demo project\n")
        .run();
    jobctl(&s)
        .env("KBC_STORAGE_API_TOKEN", "1-2-wrong")
        .args(["whoami"])
        .code(4)
        .stderr_has("Invalid access token")
        .run();
}
