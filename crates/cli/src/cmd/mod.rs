pub mod entity;
pub mod eval;
pub mod extract;
pub mod tokens;
