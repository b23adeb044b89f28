//! jobctl: inspect and follow the asynchronous storage jobs of the Keboola Storage API.
//! The binary (`main.rs`) is a thin dispatcher over these modules; data flows
//! `commands -> {client, render, output} -> model`.

pub mod cancel;
pub mod cli;
pub mod client;
pub mod commands;
pub mod config;
pub mod exit;
pub mod jq;
pub mod model;
pub mod output;
pub mod render;
pub mod sim;
