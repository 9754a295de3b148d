pub mod eval;
pub mod extract;
pub mod story;
pub mod tokens;
