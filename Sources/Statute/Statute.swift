@_exported import StatuteCore

// The Statute library: load, check and compile policies; evaluate records; run policy
// tests; render diagnostics, results, docs, graphs and schemas. Importing `Statute`
// embeds the interpreter; everything in `StatuteCore` (the model, expressions and the
// engine) is re-exported. `StatuteVersion` names this build and its policy language.
