/*
 * The acceptance test's C half: evaluates request lines from 8 threads at once through
 * libstatute, using only statute.h, and prints each answer on its own line, in order.
 *
 *   scenarios POLICY REQUESTS
 *
 * REQUESTS has one request per line: "E " and an evaluate body, or "O " and an options
 * body. Every thread answers every line ROUNDS times; any answer that differs from the
 * first one computed for its line fails the run (exit 1). certification_scenarios.py
 * writes the lines and compares the printed answers with `statute eval --format json`.
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "statute.h"

enum { THREADS = 8, ROUNDS = 5, MAX_LINES = 4096 };

static statute_engine *engine;
static char *lines[MAX_LINES];
static char *answers[MAX_LINES];
static int count;

static char *answer(int i) {
    return lines[i][0] == 'O' ? statute_options(engine, lines[i] + 2) : statute_evaluate(engine, lines[i] + 2);
}

static void *work(void *arg) {
    long *differing = arg;
    for (int round = 0; round < ROUNDS; round++) {
        for (int k = 0; k < count; k++) {
            int i = (k + round * 7) % count;   /* each round in another order */
            char *text = answer(i);
            if (text == NULL || strcmp(text, answers[i]) != 0) (*differing)++;
            statute_string_free(text);
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    if (argc != 3) {
        fprintf(stderr, "usage: scenarios POLICY REQUESTS\n");
        return 2;
    }
    FILE *file = fopen(argv[2], "r");
    if (file == NULL) {
        perror(argv[2]);
        return 2;
    }
    char *line = NULL;
    size_t capacity = 0;
    ssize_t length;
    while (count < MAX_LINES && (length = getline(&line, &capacity, file)) > 0) {
        if (line[length - 1] == '\n') line[--length] = '\0';
        if (length < 2) continue;
        lines[count++] = strdup(line);
    }
    free(line);
    fclose(file);

    char *diagnostics = NULL;
    engine = statute_engine_load(argv[1], NULL, &diagnostics);
    if (engine == NULL) {
        fprintf(stderr, "%s\n", diagnostics ? diagnostics : "out of memory");
        statute_string_free(diagnostics);
        return 2;
    }
    for (int i = 0; i < count; i++) {
        answers[i] = answer(i);
        if (answers[i] == NULL) return 2;
    }

    pthread_t threads[THREADS];
    long differing[THREADS] = {0};
    for (int t = 0; t < THREADS; t++) {
        if (pthread_create(&threads[t], NULL, work, &differing[t]) != 0) return 2;
    }
    long total = 0;
    for (int t = 0; t < THREADS; t++) {
        pthread_join(threads[t], NULL);
        total += differing[t];
    }
    for (int i = 0; i < count; i++) {
        puts(answers[i]);
        statute_string_free(answers[i]);
        free(lines[i]);
    }
    statute_engine_free(engine);
    fprintf(stderr, "scenarios.c: %d requests x %d rounds x %d threads: %ld answers differed between threads\n",
            count, ROUNDS, THREADS, total);
    return total == 0 ? 0 : 1;
}
