/* src/cli_parallel.c - the worker pool behind `dkg extract -j N` (see cli_parallel.h).
 *
 * A ring of slots, three counters and one mutex. A slot is a batch: the
 * articles (and passed-through records) submitted one after another until
 * BATCH_BYTES of text or BATCH_RECORDS records, packed into one buffer, and
 * their results packed into another. `tail` is the next slot the submitting
 * thread fills, `next_job` the next one a worker takes, `head` the oldest one
 * not yet delivered; head <= next_job <= tail, and tail - head never exceeds
 * the ring size, which is what bounds memory. Workers finish out of order,
 * but the submitting thread only ever delivers slot `head`, record by record,
 * so output order is input order without any sorting.
 *
 * Why batches: handing over one article at a time cost two mutex hand-offs
 * and usually a futex wake-up per article (some 35,000 context switches for
 * 13,000 articles of the 20 MB bench corpus with -j2), and that system time
 * made -j2 use a third more CPU than -j1. A batch of BATCH_BYTES of text takes
 * a few milliseconds to extract, so one hand-off per batch is noise, while
 * the last batch, the only part of the work not shared out, stays short.
 *
 * Why not a work-stealing queue or one queue per worker: a batch costs
 * milliseconds, so one lock taken twice per batch is far below the noise; a
 * single ring keeps ordering and the memory bound obvious. Why copy each
 * article: the input walker lends its record only for the callback.
 *
 * Slot buffers are reused from batch to batch (no allocation per article
 * once they have grown); a buffer that grew past SHRINK_BYTES (one huge
 * article) is freed after delivery, so one outlier does not pin memory for
 * the rest of a long stream. */
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli_parallel.h"

#define SHRINK_BYTES ((size_t)4 * 1024 * 1024)
#define MAX_THREADS 256
#define NONE SIZE_MAX

enum { SLOT_FREE, SLOT_QUEUED, SLOT_RUNNING, SLOT_DONE };

/* One submitted record; strings are offsets into the slot's `in` (NONE for NULL). */
typedef struct record {
    size_t text;       /* article text, or the passed-through JSON */
    size_t len;
    size_t id, src, date, title; /* the dkg_article fields */
    size_t source;     /* the record's source as submitted */
    long line;
    int passed_through;
    int rc;
    size_t out;        /* the extraction JSON: offset in the slot's `out` */
    size_t out_len;
    size_t err;        /* rc != 0: index in the slot's errs, NONE when out of memory */
} record;

typedef struct slot {
    int state;         /* guarded by the pool mutex while the slot is in flight */
    int articles;      /* records that need extracting */
    long seq;          /* submission number of recs[0] */
    char *in;
    size_t in_len, in_cap;
    record *recs;
    size_t nrecs, recs_cap;
    char *out;
    size_t out_len, out_cap;
    dkg_error *errs;
    size_t nerrs, errs_cap;
} slot;

typedef struct worker {
    cli_pool *pool;
    int index;          /* 0 .. nthreads-1: which share of the patterns it JIT-compiles */
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
    int filling;        /* slot `tail` holds records not yet handed to the workers */
    long seq;
    int stopping;
    int stop_rc;        /* first non-zero return of on_result */
    cli_pool_result_fn on_result;
    void *ctx;
    dkg_error oom;      /* delivered when not even an error could be stored */
    pthread_mutex_t mutex;
    pthread_cond_t work; /* a slot was queued, or stopping */
    pthread_cond_t done; /* a slot finished */
    int sync_ready;
    int jit_shares_done; /* workers that have JIT-compiled their share */
};

/* Grow *buf to hold at least `need` elements of `size` bytes (doubling). */
static int reserve(void *buf, size_t *cap, size_t need, size_t size)
{
    if (need <= *cap) {
        return 0;
    }
    size_t n = *cap < 16 ? 16 : *cap;
    while (n < need) {
        n *= 2;
    }
    void *p = realloc(*(void **)buf, n * size);
    if (p == NULL) {
        return DKG_ENOMEM;
    }
    *(void **)buf = p;
    *cap = n;
    return 0;
}

static const char *in_str(const slot *s, size_t off)
{
    return off == NONE ? NULL : s->in + off;
}

/* Runs on a worker (or on the caller with -j1); touches only its slot. */
static void run_slot(slot *s, dkg_extractor *ex)
{
    s->out_len = 0;
    s->nerrs = 0;
    for (size_t i = 0; i < s->nrecs; i++) {
        record *r = &s->recs[i];
        if (r->passed_through) {
            continue;
        }
        if (reserve(&s->errs, &s->errs_cap, s->nerrs + 1, sizeof *s->errs) != 0) {
            r->rc = DKG_ENOMEM;
            r->err = NONE;
            continue;
        }
        dkg_article a = {in_str(s, r->id),    in_str(s, r->src), in_str(s, r->date),
                         in_str(s, r->title), s->in + r->text,   r->len};
        dkg_error *err = &s->errs[s->nerrs];
        const char *json = NULL;
        size_t len = 0;
        dkg_error_clear(err);
        r->rc = dkg_extract(ex, &a, &json, &len, err);
        if (r->rc == 0 && reserve(&s->out, &s->out_cap, s->out_len + len + 1, 1) != 0) {
            r->rc = dkg_error_set(err, DKG_ENOMEM, "out of memory");
        }
        if (r->rc != 0) {
            r->err = s->nerrs++;
            continue;
        }
        memcpy(s->out + s->out_len, json, len + 1);
        r->out = s->out_len;
        r->out_len = len;
        s->out_len += len + 1;
    }
}

/* Each worker first JIT-compiles its share of the patterns, then waits
 * until all shares are done: done by the main thread alone, JIT compiling
 * (about 30 ms of CPU for the shipped rules) was serial work in front of
 * every threaded run. No worker matches before every pattern is compiled,
 * since compiling writes to the shared patterns. Called with the mutex held. */
static void jit_my_share(worker *w)
{
    cli_pool *p = w->pool;
    pthread_mutex_unlock(&p->mutex);
    dkg_rules_jit_share(p->rules, w->index, p->nthreads);
    pthread_mutex_lock(&p->mutex);
    if (++p->jit_shares_done == p->nthreads) {
        dkg_rules_jit(p->rules); /* nothing left to compile: marks the rules done */
        pthread_cond_broadcast(&p->work);
    }
    /* stopping: a later worker failed to start, so this wait would never end */
    while (p->jit_shares_done < p->nthreads && !p->stopping) {
        pthread_cond_wait(&p->work, &p->mutex);
    }
}

static void *worker_main(void *arg)
{
    worker *w = arg;
    cli_pool *p = w->pool;
    pthread_mutex_lock(&p->mutex);
    jit_my_share(w);
    for (;;) {
        while (p->next_job < p->tail && p->slots[p->next_job % p->cap].state != SLOT_QUEUED) {
            p->next_job++; /* batches of passed-through records need no work */
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

static void shrink(void *buf, size_t *cap, size_t size)
{
    if (*cap * size > SHRINK_BYTES) {
        free(*(void **)buf);
        *(void **)buf = NULL;
        *cap = 0;
    }
}

/* Hand every record of a finished slot to on_result, then empty the slot. */
static void deliver(cli_pool *p, slot *s)
{
    for (size_t i = 0; i < s->nrecs; i++) {
        const record *r = &s->recs[i];
        cli_pool_result res;
        res.seq = s->seq + (long)i;
        res.rc = r->passed_through ? 0 : r->rc;
        res.err = res.rc == 0 ? NULL : r->err == NONE ? &p->oom : &s->errs[r->err];
        res.json = res.rc != 0 ? NULL : r->passed_through ? s->in + r->text : s->out + r->out;
        res.len = res.rc != 0 ? 0 : r->passed_through ? r->len : r->out_len;
        res.passed_through = r->passed_through;
        res.source = r->source != NONE ? s->in + r->source : "";
        res.line = r->line;
        int rc = p->on_result(p->ctx, &res);
        if (rc != 0 && p->stop_rc == 0) {
            p->stop_rc = rc;
        }
    }
    s->nrecs = 0;
    s->in_len = 0;
    s->out_len = 0;
    s->articles = 0;
    shrink(&s->in, &s->in_cap, 1);
    shrink(&s->out, &s->out_cap, 1);
    shrink(&s->recs, &s->recs_cap, sizeof *s->recs);
    shrink(&s->errs, &s->errs_cap, sizeof *s->errs);
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
        /* A passed-through batch may be delivered before any worker stepped
         * over it; keep workers from looking at a slot about to be reused. */
        if (p->next_job < p->head) {
            p->next_job = p->head;
        }
        pthread_mutex_unlock(&p->mutex);
        wait = 0;
    }
}

/* The slot being filled: slot `tail`, once the ring has room for it
 * (delivering, and if need be waiting for, the oldest batch). */
static slot *filling_slot(cli_pool *p)
{
    slot *s = &p->slots[p->tail % p->cap];
    if (p->filling) {
        return s;
    }
    drain(p, 0);
    if (p->tail - p->head == p->cap) {
        drain(p, 1);
    }
    s->seq = p->seq;
    p->filling = 1;
    return s;
}

/* Hand the slot being filled to the workers (with -j1: it is already extracted). */
static void publish(cli_pool *p)
{
    slot *s = &p->slots[p->tail % p->cap];
    p->filling = 0;
    if (p->workers == NULL) {
        s->state = SLOT_DONE;
        p->tail++;
        drain(p, 0);
        return;
    }
    pthread_mutex_lock(&p->mutex);
    s->state = s->articles > 0 ? SLOT_QUEUED : SLOT_DONE;
    p->tail++;
    if (s->state == SLOT_QUEUED) {
        pthread_cond_signal(&p->work);
    }
    pthread_mutex_unlock(&p->mutex);
}

/* Copy str into the slot (room already reserved); its offset, NONE for NULL. */
static size_t pack(slot *s, const char *str, size_t len)
{
    if (str == NULL) {
        return NONE;
    }
    size_t at = s->in_len;
    memcpy(s->in + at, str, len);
    s->in[at + len] = '\0';
    s->in_len += len + 1;
    return at;
}

static size_t len_or_0(const char *s)
{
    return s != NULL ? strlen(s) : 0;
}

/* A new record in the slot being filled, with `need` bytes reserved in `in`. */
static record *add_record(slot *s, size_t need)
{
    if (reserve(&s->in, &s->in_cap, s->in_len + need, 1) != 0 ||
        reserve(&s->recs, &s->recs_cap, s->nrecs + 1, sizeof *s->recs) != 0) {
        return NULL;
    }
    record *r = &s->recs[s->nrecs];
    memset(r, 0, sizeof *r);
    return r;
}

/* After a record was added: start extracting when the batch is full (-j1: at once). */
static int added(cli_pool *p, slot *s)
{
    s->nrecs++;
    p->seq++;
    if (p->workers == NULL) {
        run_slot(s, p->solo);
        publish(p);
    } else if (s->in_len >= CLI_BATCH_BYTES || s->nrecs >= CLI_BATCH_RECORDS) {
        publish(p);
    }
    return p->stop_rc;
}

int cli_pool_submit(cli_pool *p, const dkg_article *a, const char *source, long line)
{
    slot *s = filling_slot(p);
    size_t lid = len_or_0(a->id), lsrc = len_or_0(a->source), ldate = len_or_0(a->date);
    size_t ltitle = len_or_0(a->title), lsource = len_or_0(source);
    record *r = add_record(s, a->len + lid + lsrc + ldate + ltitle + lsource + 6);
    if (r == NULL) {
        return DKG_ENOMEM;
    }
    r->text = pack(s, a->text, a->len);
    r->len = a->len;
    r->id = pack(s, a->id, lid);
    r->src = pack(s, a->source, lsrc);
    r->date = pack(s, a->date, ldate);
    r->title = pack(s, a->title, ltitle);
    r->source = pack(s, source, lsource);
    r->line = line;
    s->articles++;
    if (p->workers == NULL) {
        p->text_bytes += a->len;
        if (p->text_bytes >= CLI_JIT_AFTER_BYTES) {
            dkg_rules_jit(p->rules); /* free once done */
        }
    }
    return added(p, s);
}

int cli_pool_submit_json(cli_pool *p, const char *json, size_t len, const char *source,
                         long line)
{
    slot *s = filling_slot(p);
    size_t lsource = len_or_0(source);
    record *r = add_record(s, len + lsource + 2);
    if (r == NULL) {
        return DKG_ENOMEM;
    }
    r->text = pack(s, json, len);
    r->len = len;
    r->source = pack(s, source, lsource);
    r->line = line;
    r->passed_through = 1;
    return added(p, s);
}

int cli_pool_finish(cli_pool *p)
{
    if (p->filling) {
        publish(p);
    }
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
        free(p->slots[i].recs);
        free(p->slots[i].errs);
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
    dkg_error_clear(&p->oom);
    dkg_error_set(&p->oom, DKG_ENOMEM, "out of memory");
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
    /* Every extractor exists before any thread runs. The workers JIT-compile
     * the patterns between them before they extract anything (jit_my_share);
     * after that the lexicon and rules are read-only. */
    for (int i = 0; i < threads && rc == 0; i++) {
        p->workers[i].pool = p;
        p->workers[i].index = i;
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
