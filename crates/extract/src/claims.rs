//! Figures about people and forces, with their hedge, counted group and attribution.

use crate::Context;
use marsad_core::{Claim, DateMention};

pub fn find(_ctx: &Context, _dates: &[DateMention]) -> Vec<Claim> {
    Vec::new()
}
