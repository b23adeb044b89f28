//! An embedded Storage API simulator (placeholder; being built).
