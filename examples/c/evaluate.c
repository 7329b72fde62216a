/*
 * Embeds Statute in a C program through libstatute (include/statute.h, docs/embedding.md):
 * loads the default policy, evaluates one record with an explanation, lists the manual
 * options of a role, and shows what a broken policy and a bad request come back as.
 *
 *   make lib && make -C examples/c && examples/c/build/evaluate policies/certification.yaml
 */
#include <stdio.h>
#include <string.h>
#include "statute.h"

/* Prints a string the library returned, then frees it the one correct way. */
static void print_and_free(const char *title, char *json) {
    printf("%s:\n%s\n\n", title, json ? json : "(out of memory)");
    statute_string_free(json);
}

int main(int argc, char **argv) {
    /* The path is opened relative to the current directory, like fopen(): run this from
       the repository's root, or pass the policy's path as the first argument. */
    const char *path = argc > 1 ? argv[1] : "policies/certification.yaml";
    printf("%s\n\n", statute_version());

    char *diagnostics = NULL;
    statute_engine *engine = statute_engine_load(path, "{\"expiring_notice_days\": 30}", &diagnostics);
    if (engine == NULL) {
        print_and_free("the policy could not be loaded", diagnostics);
        return 2;
    }

    /* An Active certification completed on 2025-01-31, in a 13-month program, on 2026-02-20:
       the answer says when it expires and, with "explain", why each transition was or was
       not taken. */
    print_and_free("evaluate an Active record, explained", statute_evaluate(engine,
        "{\"status\": \"active\","
        " \"facts\": {\"completed_on\": \"2025-01-31\", \"program\": {\"expires_after_months\": 13}},"
        " \"today\": \"2026-02-20\", \"explain\": true}"));

    /* An event for a new record (no status). */
    print_and_free("a new record applies", statute_evaluate(engine,
        "{\"status\": null, \"facts\": {\"program.require_approval\": true}, \"event\": \"apply\","
        " \"today\": \"2026-03-01\"}"));

    /* The status drop-down of a staff member. */
    print_and_free("what staff may do with an Applied record", statute_options(engine,
        "{\"status\": \"applied\", \"facts\": {}, \"as\": \"staff\", \"today\": \"2026-03-01\"}"));

    /* A bad request is an answer too, never a crash. */
    print_and_free("a misspelt fact", statute_evaluate(engine, "{\"status\": \"active\", \"facts\": {\"complted_on\": \"2025-01-31\"}}"));
    print_and_free("not JSON", statute_evaluate(engine, "{status: active"));
    statute_engine_free(engine);

    /* A broken policy: NULL, and the diagnostics of `statute check --format json`. */
    const char *broken =
        "statute: 1\n"
        "name: broken\n"
        "statuses:\n"
        "  open: {label: Open}\n"
        "transitions:\n"
        "  - {id: close, from: open, to: closed, mode: automatic, when: true}\n";
    engine = statute_engine_load_text(broken, strlen(broken), "broken.yaml", NULL, &diagnostics);
    if (engine != NULL) {
        fprintf(stderr, "a broken policy loaded\n");
        statute_engine_free(engine);
        return 1;
    }
    print_and_free("the diagnostics of a broken policy", diagnostics);
    return 0;
}
