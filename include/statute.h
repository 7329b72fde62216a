/*
 * statute.h — the C interface of libstatute, the Statute policy engine (SPEC §9).
 *
 * Kept by hand; the Swift functions behind it are in Sources/StatuteCABI. Every string
 * going in or out is UTF-8 JSON text ended by a NUL byte, in the shapes of `statute eval`
 * and `statute serve` (docs/embedding.md shows each one).
 *
 * Ownership, in one rule: every `char *` this library returns — results, errors, and the
 * diagnostics a failed load leaves in `*diagnostics_json` — belongs to the caller, who
 * frees it with statute_string_free() (never free()). statute_version() returns a static
 * string that must not be freed. An engine from a load function is freed once with
 * statute_engine_free(), after every call that uses it has returned. Strings passed in
 * are only read, and only during the call.
 *
 * Errors never abort the host: a NULL pointer, invalid JSON, an unknown status, fact,
 * event, role or setting, or a broken policy all come back as JSON. Calls that answer
 * with JSON answer `{"error": {"code": "...", "message": "..."}}` when they cannot do
 * their work. A returned pointer is NULL only when memory runs out (and, for the load
 * functions, when the policy cannot be loaded — then `*diagnostics_json` says why).
 *
 * Threads: an engine is immutable. Any number of threads may call statute_evaluate()
 * and statute_options() on the same engine at once, without locks.
 *
 * The Swift runtime is linked into libstatute.so (`make lib`), so the library needs only
 * the C library and libyaml (Debian: libyaml-0-2) at run time.
 */
#ifndef STATUTE_H
#define STATUTE_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/* A loaded, checked and compiled policy with its settings. Opaque. */
typedef struct statute_engine statute_engine;

/*
 * The library's version and the policy language version, e.g. "statute 0.1.0 (policy
 * language 1)". A static string: do not free it.
 */
const char *statute_version(void);

/*
 * Loads the policy file at `path` (a path as open(2) takes it, relative to the current
 * directory of the process) with `settings_json` — a JSON object of setting values that
 * override the policy's defaults, like `statute eval --settings`, or NULL for the
 * defaults.
 *
 * On success returns a new engine and sets `*diagnostics_json` to NULL (warnings do not
 * stop a load; `statute check` lists them). On failure — unreadable file, errors in the
 * policy, a bad setting — returns NULL and sets `*diagnostics_json` to the object
 * `statute check --format json` prints:
 *   {"diagnostics": [{"severity", "code", "message", "file", "line", "column", "help"?}],
 *    "errors": n, "warnings": n}
 * Free a non-NULL `*diagnostics_json` with statute_string_free(). `diagnostics_json` may
 * be NULL when the caller does not want the diagnostics.
 */
statute_engine *statute_engine_load(const char *path, const char *settings_json, char **diagnostics_json);

/*
 * Loads a policy from `length` bytes of YAML text at `yaml` (need not be NUL-terminated);
 * `name` (may be NULL: "<policy>") is the file name that diagnostics show. Otherwise as
 * statute_engine_load().
 */
statute_engine *statute_engine_load_text(const char *yaml, size_t length, const char *name,
                                         const char *settings_json, char **diagnostics_json);

/*
 * Evaluates one record. `request_json` is the body of `statute serve`'s evaluate:
 *   {"status": "active" | null, "facts": {...},
 *    "event": "apply"                      -- or --
 *    "set": "declined", "as": "staff", "transition": "decline"?,   -- or neither,
 *    "today": "2026-06-01"?, "settings": {...}?, "explain": true?}
 * `status` absent or null is a new record; `facts` take nested objects or dotted keys;
 * `today` defaults to the local date; `settings` override the engine's for this call.
 *
 * Returns the `statute eval --format json` object — "status", "previous", "outcome",
 * "steps", "effects", "set", "next", "reason" (when rejected or ignored), "explain" (when
 * asked) — or {"error": {"code", "message"}}. A rejected manual request is a result
 * (outcome "rejected"), not an error. Free the answer with statute_string_free().
 */
char *statute_evaluate(const statute_engine *engine, const char *request_json);

/*
 * The manual transitions a role may request for a record now (a status drop-down).
 * `request_json`: {"status", "facts", "as": "staff", "today"?, "settings"?}.
 * Returns {"options": [{"transition", "to", "label"}]} in policy order, or
 * {"error": {"code", "message"}}. Free the answer with statute_string_free().
 */
char *statute_options(const statute_engine *engine, const char *request_json);

/* Frees a string returned by this library. NULL is ignored. */
void statute_string_free(char *text);

/* Frees an engine. NULL is ignored. No call may be using the engine. */
void statute_engine_free(statute_engine *engine);

#ifdef __cplusplus
}
#endif

#endif /* STATUTE_H */
