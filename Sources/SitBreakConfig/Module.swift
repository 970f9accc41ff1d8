// SitBreakConfig: module under construction in this change.
