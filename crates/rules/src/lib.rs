//! The rule engine: diagnostics, rules, configuration, suppressions and fixes.
