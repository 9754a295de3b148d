//! Fusion: group reports of one event into stories and set their claims side by side.
