//! Events from trigger words and their arguments, typed in the ACLED taxonomy.

use crate::Context;
use marsad_core::{Claim, DateMention, Event};

pub fn find(_ctx: &Context, _dates: &[DateMention], _claims: &[Claim]) -> Vec<Event> {
    Vec::new()
}
