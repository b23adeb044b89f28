//! jobctl: inspect and follow the asynchronous storage jobs of the Keboola Storage API.
//! The binary (`main.rs`) is a thin dispatcher over these modules.

pub mod sim;
