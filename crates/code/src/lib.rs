//! Actor and event coding.
