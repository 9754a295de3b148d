//! Date expressions, absolute and relative, resolved against the publication date.

use crate::Context;
use chrono::NaiveDate;
use marsad_core::DateMention;

pub fn find(_ctx: &Context, _published: Option<NaiveDate>) -> Vec<DateMention> {
    Vec::new()
}
