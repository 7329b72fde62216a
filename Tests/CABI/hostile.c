/*
 * libstatute must never hurt its host (SPEC §9, STYLE 17): NULL pointers, broken JSON,
 * invalid UTF-8, deep nesting, unknown names and broken policies all come back as JSON.
 * Compiled against include/statute.h with -Wall -Werror, so the header is tested too.
 *
 *   make lib && make -C Tests/CABI run      (from the repository's root)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "statute.h"

static int failures = 0;

/* Checks that `answer` contains `expected`, then frees it. */
static void expect(const char *what, char *answer, const char *expected) {
    if (answer == NULL || strstr(answer, expected) == NULL) {
        printf("FAIL %s: expected %s in %s\n", what, expected, answer ? answer : "NULL");
        failures++;
    } else {
        printf("ok   %s\n", what);
    }
    statute_string_free(answer);
}

/* A load that must fail: NULL engine and diagnostics (read after the call) that contain `expected`. */
static void expect_load_failure(const char *what, statute_engine *engine, char **diagnostics_out, const char *expected) {
    char *diagnostics = *diagnostics_out;
    *diagnostics_out = NULL;
    if (engine != NULL) {
        printf("FAIL %s: loaded\n", what);
        failures++;
        statute_engine_free(engine);
        statute_string_free(diagnostics);
        return;
    }
    expect(what, diagnostics, expected);
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "policies/certification.yaml";
    char *d = NULL;

    expect("version", strdup(statute_version()), "policy language 1");

    expect_load_failure("NULL path", statute_engine_load(NULL, NULL, &d), &d, "\"code\":\"null-pointer\"");
    if (statute_engine_load(NULL, NULL, NULL) != NULL) { printf("FAIL NULL diagnostics pointer\n"); failures++; }
    expect_load_failure("missing file", statute_engine_load("no/such/policy.yaml", NULL, &d), &d, "unreadable-file");
    expect_load_failure("a folder", statute_engine_load("policies", NULL, &d), &d, "folder");
    expect_load_failure("settings not JSON", statute_engine_load(path, "{not json", &d), &d, "\"severity\":\"error\"");
    expect_load_failure("unknown setting", statute_engine_load(path, "{\"expiring_notice_dayz\": 3}", &d), &d, "unknown-setting");
    expect_load_failure("setting of the wrong type", statute_engine_load(path, "{\"expiring_notice_days\": \"x\"}", &d), &d, "wrong-type");
    expect_load_failure("NULL yaml", statute_engine_load_text(NULL, 10, NULL, NULL, &d), &d, "\"code\":\"null-pointer\"");
    const char invalid_utf8[] = "statute: 1\nname: \xff\xfe\n";
    expect_load_failure("invalid UTF-8 policy", statute_engine_load_text(invalid_utf8, sizeof invalid_utf8 - 1, "bad.yaml", NULL, &d), &d, "bad.yaml");
    const char with_nul[] = "statute: 1\0name: x\n";
    expect_load_failure("NUL inside the policy", statute_engine_load_text(with_nul, sizeof with_nul - 1, NULL, NULL, &d), &d, "\"errors\":");
    expect_load_failure("a length of SIZE_MAX", statute_engine_load_text("statute: 1\n", (size_t)-1, "huge.yaml", NULL, &d), &d, "file-too-large");
    expect_load_failure("empty policy", statute_engine_load_text("", 0, "empty.yaml", NULL, &d), &d, "\"errors\":");
    const char unknown_status[] =
        "statute: 1\nname: b\nstatuses: {a: {label: A}}\ntransitions:\n  - {id: t, from: a, to: zz, mode: automatic, when: true}\n";
    expect_load_failure("unknown status in a transition",
        statute_engine_load_text(unknown_status, sizeof unknown_status - 1, "b.yaml", NULL, &d), &d, "\"line\":5");

    statute_engine *engine = statute_engine_load(path, NULL, &d);
    if (engine == NULL) {
        printf("FAIL cannot load %s: %s\n", path, d ? d : "NULL");
        return 1;
    }
    if (d != NULL) { printf("FAIL diagnostics set on success\n"); failures++; }

    expect("NULL engine", statute_evaluate(NULL, "{}"), "\"code\":\"null-pointer\"");
    expect("NULL request", statute_evaluate(engine, NULL), "\"code\":\"null-pointer\"");
    expect("NULL options request", statute_options(engine, NULL), "\"code\":\"null-pointer\"");
    expect("empty request", statute_evaluate(engine, ""), "{\"error\":");
    expect("not JSON", statute_evaluate(engine, "{status: active"), "{\"error\":");
    expect("not an object", statute_evaluate(engine, "[1, 2]"), "{\"error\":");
    expect("trailing garbage", statute_evaluate(engine, "{} {}"), "{\"error\":");
    expect("invalid UTF-8", statute_evaluate(engine, "{\"status\": \"\xff\xfe\"}"), "{\"error\":");
    expect("unknown key", statute_evaluate(engine, "{\"stauts\": \"active\"}"), "{\"error\":");
    expect("unknown status", statute_evaluate(engine, "{\"status\": \"actve\", \"today\": \"2026-03-01\"}"), "\"code\":\"unknown-status\"");
    expect("unknown fact", statute_evaluate(engine, "{\"status\": null, \"facts\": {\"complted_on\": null}}"), "{\"error\":");
    expect("wrong fact type", statute_evaluate(engine, "{\"status\": null, \"facts\": {\"completed_on\": 12}}"), "{\"error\":");
    expect("unknown event", statute_evaluate(engine, "{\"status\": null, \"event\": \"aply\", \"today\": \"2026-03-01\"}"), "\"code\":\"unknown-event\"");
    expect("unknown role", statute_evaluate(engine, "{\"status\": \"applied\", \"set\": \"declined\", \"as\": \"stf\", \"today\": \"2026-03-01\"}"), "\"code\":\"unknown-role\"");
    expect("impossible date", statute_evaluate(engine, "{\"status\": null, \"today\": \"2026-02-30\"}"), "{\"error\":");
    expect("unknown setting in a request", statute_evaluate(engine, "{\"status\": null, \"settings\": {\"nope\": 1}, \"today\": \"2026-03-01\"}"), "{\"error\":");
    expect("options without a role", statute_options(engine, "{\"status\": \"applied\"}"), "{\"error\":");
    expect("options with an event", statute_options(engine, "{\"status\": \"applied\", \"as\": \"staff\", \"event\": \"apply\"}"), "{\"error\":");

    /* 100,000 nested arrays: rejected by the depth limit, not by the stack. */
    size_t depth = 100000;
    char *deep = malloc(2 * depth + 1);
    if (deep != NULL) {
        memset(deep, '[', depth);
        memset(deep + depth, ']', depth);
        deep[2 * depth] = '\0';
        expect("deep nesting", statute_evaluate(engine, deep), "{\"error\":");
        free(deep);
    }

    expect("a good request still works", statute_evaluate(engine, "{\"status\": null, \"event\": \"apply\", \"today\": \"2026-03-01\"}"),
           "\"outcome\":\"changed\"");
    expect("a rejected request is a result", statute_evaluate(engine,
           "{\"status\": \"declined\", \"set\": \"in_progress\", \"as\": \"staff\", \"today\": \"2026-03-01\"}"), "\"outcome\":\"rejected\"");
    expect("options", statute_options(engine, "{\"status\": \"applied\", \"as\": \"staff\", \"today\": \"2026-03-01\"}"), "{\"options\":[{\"transition\":");

    statute_string_free(NULL);
    statute_engine_free(NULL);
    statute_engine_free(engine);
    printf("%s: %d failure(s)\n", failures ? "FAILED" : "passed", failures);
    return failures ? 1 : 0;
}
