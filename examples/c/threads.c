/*
 * One engine, eight threads: every thread evaluates the same records many times at once
 * and checks that each answer is the one the main thread got alone. An engine is
 * immutable, so no lock is needed (statute.h, "Threads").
 *
 *   make lib && make -C examples/c && examples/c/build/threads policies/certification.yaml
 */
#include <pthread.h>
#include <stdio.h>
#include <string.h>
#include "statute.h"

enum { THREADS = 8, ROUNDS = 500 };

static const char *requests[] = {
    "{\"status\": null, \"facts\": {}, \"event\": \"apply\", \"today\": \"2026-03-01\"}",
    "{\"status\": \"active\", \"facts\": {\"completed_on\": \"2025-01-31\", \"program.expires_after_months\": 13},"
    " \"today\": \"2026-02-20\", \"explain\": true}",
    "{\"status\": \"applied\", \"facts\": {}, \"set\": \"declined\", \"as\": \"staff\", \"today\": \"2026-03-01\"}",
    "{\"status\": \"active\", \"facts\": {\"completed_on\": \"2025-06-30\"}, \"today\": \"2026-06-01\","
    " \"settings\": {\"expiring_notice_days\": 30}}",
    "{\"status\": \"nonsense\", \"facts\": {}}",
};
enum { REQUESTS = sizeof requests / sizeof requests[0] };

static statute_engine *engine;
static char *expected[REQUESTS];

static void *work(void *arg) {
    long mismatches = 0;
    for (int round = 0; round < ROUNDS; round++) {
        for (int i = 0; i < REQUESTS; i++) {
            char *answer = statute_evaluate(engine, requests[i]);
            if (answer == NULL || strcmp(answer, expected[i]) != 0) mismatches++;
            statute_string_free(answer);
        }
    }
    *(long *)arg = mismatches;
    return NULL;
}

int main(int argc, char **argv) {
    const char *path = argc > 1 ? argv[1] : "policies/certification.yaml";
    char *diagnostics = NULL;
    engine = statute_engine_load(path, NULL, &diagnostics);
    if (engine == NULL) {
        fprintf(stderr, "%s\n", diagnostics ? diagnostics : "out of memory");
        statute_string_free(diagnostics);
        return 2;
    }
    for (int i = 0; i < REQUESTS; i++) expected[i] = statute_evaluate(engine, requests[i]);

    pthread_t threads[THREADS];
    long mismatches[THREADS];
    for (int t = 0; t < THREADS; t++) {
        if (pthread_create(&threads[t], NULL, work, &mismatches[t]) != 0) {
            fprintf(stderr, "cannot start thread %d\n", t);
            return 2;
        }
    }
    long total = 0;
    for (int t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
        total += mismatches[t];
    }
    printf("%d threads x %d rounds x %d requests: %ld answers differed\n", THREADS, ROUNDS, REQUESTS, total);
    for (int i = 0; i < REQUESTS; i++) statute_string_free(expected[i]);
    statute_engine_free(engine);
    return total == 0 ? 0 : 1;
}
