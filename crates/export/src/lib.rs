//! Event output formats.
