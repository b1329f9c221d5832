//! Dateline's entity stage: who is who.

pub mod lexicon;
pub mod ner;
pub mod tokens;
