/* src/cli_parallel.c - the worker pool behind `dkg extract -j N` (see cli_parallel.h).
 *
 * A ring of slots, three counters and one mutex. `tail` is the next slot the
 * submitting thread fills, `next_job` the next one a worker takes, `head` the
 * oldest one not yet delivered; head <= next_job <= tail, and tail - head never
 * exceeds the ring size, which is what bounds memory. Workers finish out of
 * order, but the submitting thread only ever delivers slot `head`, so output
 * order is input order without any sorting or sequence bookkeeping.
 *
 * Why not a work-stealing queue or one queue per worker: articles are
 * independent and each costs tens of microseconds to milliseconds, so one
 * lock taken twice per article is far below the noise; a single ring keeps
 * ordering and the memory bound obvious. Why copy each article into its slot:
 * the input walker lends its record only for the callback, and copying a few
 * kilobytes is cheaper than making the walker's buffers outlive it.
 *
 * Slot buffers are reused; a buffer that grew past SHRINK_BYTES (one huge
 * article) is freed after delivery, so one outlier does not pin memory for
 * the rest of a long stream. */
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_parallel.h"

#define SHRINK_BYTES ((size_t)4 * 1024 * 1024)
#define MAX_THREADS 256

enum { SLOT_FREE, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE };

typedef struct slot {
    int state;          /* guarded by the pool mutex while the slot is in flight */
    int passed_through;
    long seq;
    long line;
    char *in;           /* text, id, source, date, title packed NUL-terminated */
    size_t in_cap;
    dkg_article article; /* points into in */
    const char *source;
    char *out;
    size_t out_cap;
    size_t out_len;
    int rc;
    dkg_error err;
} slot;

typedef struct worker {
    cli_pool *pool;
    dkg_extractor *ex;
    pthread_t thread;
    int started;
} worker;

struct cli_pool {
    int nthreads;
    dkg_rules *rules;   /* JIT-compiled by the pool: at once with threads, else when it pays */
    size_t text_bytes;  /* article text submitted so far */
    worker *workers;    /* NULL with one thread: the caller extracts with `solo` */
    dkg_extractor *solo;
    slot *slots;
    long cap;
    long head, next_job, tail;
    long seq;
    int stopping;
    int stop_rc;        /* first non-zero return of on_result */
    cli_pool_result_fn on_result;
    void *ctx;
    pthread_mutex_t mutex;
    pthread_cond_t work; /* a slot was queued, or stopping */
    pthread_cond_t done; /* a slot finished */
    int sync_ready;
};

static int reserve(char **buf, size_t *cap, size_t need)
{
    if (need <= *cap) {
        return 0;
    }
    size_t n = *cap < 4096 ? 4096 : *cap;
    while (n < need) {
        n *= 2;
    }
    char *p = realloc(*buf, n);
    if (p == NULL) {
        return DKG_ENOMEM;
    }
    *buf = p;
    *cap = n;
    return 0;
}

/* Runs on a worker (or on the caller with -j1); touches only its slot. */
static void run_slot(slot *s, dkg_extractor *ex)
{
    const char *json = NULL;
    size_t len = 0;
    dkg_error_clear(&s->err);
    s->rc = dkg_extract(ex, &s->article, &json, &len, &s->err);
    if (s->rc == 0) {
        if (reserve(&s->out, &s->out_cap, len + 1) != 0) {
            s->rc = dkg_error_set(&s->err, DKG_ENOMEM, "out of memory");
            return;
        }
        memcpy(s->out, json, len + 1);
        s->out_len = len;
    }
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    cli_pool *p = w->pool;
    pthread_mutex_lock(&p->mutex);
    for (;;) {
        while (p->next_job < p->tail && p->slots[p->next_job % p->cap].state != SLOT_QUEUED) {
            p->next_job++; /* passed-through records need no work */
        }
        if (p->next_job < p->tail) {
            slot *s = &p->slots[p->next_job % p->cap];
            p->next_job++;
            s->state = SLOT_RUNNING;
            pthread_mutex_unlock(&p->mutex);
            run_slot(s, w->ex);
            pthread_mutex_lock(&p->mutex);
            s->state = SLOT_DONE;
            pthread_cond_signal(&p->done);
            continue;
        }
        if (p->stopping) {
            break;
        }
        pthread_cond_wait(&p->work, &p->mutex);
    }
    pthread_mutex_unlock(&p->mutex);
    return NULL;
}

static void deliver(cli_pool *p, slot *s)
{
    cli_pool_result res = {s->seq, s->rc, &s->err, s->rc == 0 ? s->out : NULL,
                           s->rc == 0 ? s->out_len : 0, s->passed_through,
                           s->source != NULL ? s->source : "", s->line};
    int rc = p->on_result(p->ctx, &res);
    if (rc != 0 && p->stop_rc == 0) {
        p->stop_rc = rc;
    }
    if (s->in_cap > SHRINK_BYTES) {
        free(s->in);
        s->in = NULL;
        s->in_cap = 0;
    }
    if (s->out_cap > SHRINK_BYTES) {
        free(s->out);
        s->out = NULL;
        s->out_cap = 0;
    }
}

/* Deliver finished slots from the head; with `wait`, block until at least the
 * head one is finished. With no threads every filled slot is already done. */
static void drain(cli_pool *p, int wait)
{
    while (p->head < p->tail) {
        slot *s = &p->slots[p->head % p->cap];
        if (p->workers == NULL) {
            deliver(p, s);
            s->state = SLOT_FREE;
            p->head++;
            continue;
        }
        pthread_mutex_lock(&p->mutex);
        while (wait && s->state != SLOT_DONE) {
            pthread_cond_wait(&p->done, &p->mutex);
        }
        int ready = s->state == SLOT_DONE;
        pthread_mutex_unlock(&p->mutex);
        if (!ready) {
            return;
        }
        deliver(p, s); /* outside the lock: a done slot is the caller's alone */
        pthread_mutex_lock(&p->mutex);
        s->state = SLOT_FREE;
        p->head++;
        /* A passed-through slot may be delivered before any worker stepped
         * over it; keep workers from looking at a slot about to be reused. */
        if (p->next_job < p->head) {
            p->next_job = p->head;
        }
        pthread_mutex_unlock(&p->mutex);
        wait = 0;
    }
}

/* A free slot at the tail, delivering (and if need be waiting for) the oldest. */
static slot *take_slot(cli_pool *p)
{
    drain(p, 0);
    if (p->tail - p->head == p->cap) {
        drain(p, 1);
    }
    slot *s = &p->slots[p->tail % p->cap];
    s->seq = p->seq;
    return s;
}

static void publish(cli_pool *p, slot *s, int state)
{
    p->seq++;
    if (p->workers == NULL) {
        s->state = SLOT_DONE;
        p->tail++;
        drain(p, 0);
        return;
    }
    pthread_mutex_lock(&p->mutex);
    s->state = state;
    p->tail++;
    if (state == SLOT_QUEUED) {
        pthread_cond_signal(&p->work);
    }
    pthread_mutex_unlock(&p->mutex);
}

static const char *pack(char **at, const char *str, size_t len)
{
    if (str == NULL) {
        return NULL;
    }
    char *dst = *at;
    memcpy(dst, str, len);
    dst[len] = '\0';
    *at += len + 1;
    return dst;
}

int cli_pool_submit(cli_pool *p, const dkg_article *a, const char *source, long line)
{
    slot *s = take_slot(p);
    size_t lid = a->id != NULL ? strlen(a->id) : 0;
    size_t lsrc = a->source != NULL ? strlen(a->source) : 0;
    size_t ldate = a->date != NULL ? strlen(a->date) : 0;
    size_t ltitle = a->title != NULL ? strlen(a->title) : 0;
    size_t lsource = source != NULL ? strlen(source) : 0;
    size_t need = a->len + lid + lsrc + ldate + ltitle + lsource + 6;
    if (reserve(&s->in, &s->in_cap, need) != 0) {
        return DKG_ENOMEM;
    }
    char *at = s->in;
    s->article.text = pack(&at, a->text, a->len);
    s->article.len = a->len;
    s->article.id = pack(&at, a->id, lid);
    s->article.source = pack(&at, a->source, lsrc);
    s->article.date = pack(&at, a->date, ldate);
    s->article.title = pack(&at, a->title, ltitle);
    s->source = pack(&at, source, lsource);
    s->line = line;
    s->passed_through = 0;
    if (p->workers == NULL) {
        p->text_bytes += a->len;
        if (p->text_bytes >= CLI_JIT_AFTER_BYTES) {
            dkg_rules_jit(p->rules); /* free once done */
        }
        run_slot(s, p->solo);
    }
    publish(p, s, SLOT_QUEUED);
    return p->stop_rc;
}

int cli_pool_submit_json(cli_pool *p, const char *json, size_t len, const char *source,
                         long line)
{
    slot *s = take_slot(p);
    size_t lsource = source != NULL ? strlen(source) : 0;
    if (reserve(&s->in, &s->in_cap, lsource + 1) != 0 ||
        reserve(&s->out, &s->out_cap, len + 1) != 0) {
        return DKG_ENOMEM;
    }
    char *at = s->in;
    s->source = pack(&at, source, lsource);
    s->line = line;
    memcpy(s->out, json, len);
    s->out[len] = '\0';
    s->out_len = len;
    s->rc = 0;
    s->passed_through = 1;
    publish(p, s, SLOT_DONE);
    return p->stop_rc;
}

int cli_pool_finish(cli_pool *p)
{
    while (p->head < p->tail) {
        drain(p, 1);
    }
    return p->stop_rc;
}

static void stop_workers(cli_pool *p)
{
    if (p->workers == NULL || !p->sync_ready) {
        return;
    }
    pthread_mutex_lock(&p->mutex);
    p->stopping = 1;
    pthread_cond_broadcast(&p->work);
    pthread_mutex_unlock(&p->mutex);
    for (int i = 0; i < p->nthreads; i++) {
        if (p->workers[i].started) {
            pthread_join(p->workers[i].thread, NULL);
            p->workers[i].started = 0;
        }
    }
}

void cli_pool_free(cli_pool *p)
{
    if (p == NULL) {
        return;
    }
    stop_workers(p);
    if (p->workers != NULL) {
        for (int i = 0; i < p->nthreads; i++) {
            dkg_extractor_free(p->workers[i].ex);
        }
        free(p->workers);
    }
    dkg_extractor_free(p->solo);
    for (long i = 0; p->slots != NULL && i < p->cap; i++) {
        free(p->slots[i].in);
        free(p->slots[i].out);
    }
    free(p->slots);
    if (p->sync_ready) {
        pthread_mutex_destroy(&p->mutex);
        pthread_cond_destroy(&p->work);
        pthread_cond_destroy(&p->done);
    }
    free(p);
}

int cli_pool_new(cli_pool **out, int threads, int queue, const dkg_lexicon *lex,
                 dkg_rules *rules, const dkg_extract_options *xopt,
                 cli_pool_result_fn on_result, void *ctx, dkg_error *err)
{
    *out = NULL;
    if (threads < 1 || threads > MAX_THREADS) {
        return dkg_error_set(err, DKG_EINVAL, "-j must be between 1 and %d", MAX_THREADS);
    }
    cli_pool *p = calloc(1, sizeof *p);
    if (p == NULL) {
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    p->nthreads = threads;
    p->rules = rules;
    p->on_result = on_result;
    p->ctx = ctx;
    p->cap = threads == 1 ? 1 : (queue > 0 ? queue : 4 * threads);
    p->slots = calloc((size_t)p->cap, sizeof *p->slots);
    if (p->slots == NULL) {
        cli_pool_free(p);
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    int rc = 0;
    if (threads == 1) {
        const char *jit = getenv("DKG_JIT");
        if (jit != NULL && strcmp(jit, "eager") == 0) {
            dkg_rules_jit(rules); /* for benchmarks that subtract a one-article run */
        }
        rc = dkg_extractor_new(&p->solo, lex, rules, xopt, err);
        if (rc != 0) {
            cli_pool_free(p);
            return rc;
        }
        *out = p;
        return 0;
    }
    p->workers = calloc((size_t)threads, sizeof *p->workers);
    if (p->workers == NULL) {
        cli_pool_free(p);
        return dkg_error_set(err, DKG_ENOMEM, "out of memory");
    }
    /* Every pattern is JIT-compiled and every extractor exists before any
     * thread runs: the lexicon and rules are read-only from here on. */
    dkg_rules_jit(rules);
    for (int i = 0; i < threads && rc == 0; i++) {
        p->workers[i].pool = p;
        rc = dkg_extractor_new(&p->workers[i].ex, lex, rules, xopt, err);
    }
    if (rc == 0) {
        if (pthread_mutex_init(&p->mutex, NULL) != 0) {
            rc = dkg_error_set(err, DKG_ENOMEM, "cannot create a mutex");
        } else if (pthread_cond_init(&p->work, NULL) != 0) {
            pthread_mutex_destroy(&p->mutex);
            rc = dkg_error_set(err, DKG_ENOMEM, "cannot create a condition variable");
        } else if (pthread_cond_init(&p->done, NULL) != 0) {
            pthread_cond_destroy(&p->work);
            pthread_mutex_destroy(&p->mutex);
            rc = dkg_error_set(err, DKG_ENOMEM, "cannot create a condition variable");
        } else {
            p->sync_ready = 1;
        }
    }
    for (int i = 0; i < threads && rc == 0; i++) {
        if (pthread_create(&p->workers[i].thread, NULL, worker_main, &p->workers[i]) != 0) {
            rc = dkg_error_set(err, DKG_EINVAL, "cannot start worker thread %d of %d", i + 1,
                               threads);
        } else {
            p->workers[i].started = 1;
        }
    }
    if (rc != 0) {
        cli_pool_free(p);
        return rc;
    }
    *out = p;
    return 0;
}

int cli_online_cpus(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1) {
        return 1;
    }
    return n > MAX_THREADS ? MAX_THREADS : (int)n;
}

int cli_parse_jobs(const char *arg)
{
    char *end = NULL;
    long n = strtol(arg, &end, 10);
    if (end == arg || *end != '\0' || n < 1 || n > MAX_THREADS) {
        return 0;
    }
    return (int)n;
}
