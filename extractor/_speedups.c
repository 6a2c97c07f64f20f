/* Optional C versions of two hot loops of extractor: the tree walk of trees.py (raw) and the
   topic overlap of fastscore.py (topic_overlap). setup.py builds this module when a C compiler
   is at hand (optional=True: without one the install goes on and the numpy versions run). Each
   function computes exactly what its numpy version does (tests/test_trees.py and
   tests/test_fastscore.py compare them bit for bit) and checks its arrays before it reads them.

   raw(XT, roots, feature, threshold, left, value, depth, baseline, out) -> None
     Every block descends every tree from its root, `depth` times node = left[node] +
     (x > threshold[node]) with x = XT[feature[node]][block] (a leaf is its own left child with
     threshold +inf, so it stays); its raw score is baseline + the sum of its leaves' values,
     added tree by tree in order (numpy's order over the trees axis: the same float).
     XT         float64, C-contiguous, (columns, n): the features as rows (trees.py passes X.T)
     roots      int64 (trees,);  feature, left: int64 (nodes,);  threshold, value: float64 (nodes,)
     out        float64 (n,), written
     Every index the walk can read is checked first (ValueError): a malformed model cannot make
     it read out of bounds. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <string.h>
#include <stdint.h>

/* A C-contiguous buffer of items of `itemsize` bytes (`formats`: the struct codes accepted, NULL
   for any), writable if asked; else a TypeError naming the argument, and nothing held. */
static int get(PyObject *obj, Py_buffer *view, Py_ssize_t itemsize, const char *formats, int writable,
               const char *name)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0)) < 0)
        return -1;
    const char *f = view->format ? view->format : "B";
    if (*f == '<' || *f == '=' || *f == '@')
        f++;
    if (view->itemsize != itemsize || (formats && !(f[0] && !f[1] && strchr(formats, f[0])))) {
        PyErr_Format(PyExc_TypeError, "%s: expected a contiguous array of %zd-byte items%s%s", name, itemsize,
                     formats ? " of type code " : "", formats ? formats : "");
        PyBuffer_Release(view);
        return -1;
    }
    return 0;
}

static PyObject *raw(PyObject *self, PyObject *args)
{
    PyObject *o[7];
    Py_ssize_t depth;
    double baseline;
    if (!PyArg_ParseTuple(args, "OOOOOOndO", &o[0], &o[1], &o[2], &o[3], &o[4], &o[5], &depth, &baseline, &o[6]))
        return NULL;
    Py_buffer xt, roots, feature, threshold, left, value, out;
    Py_buffer *views[7] = {&xt, &roots, &feature, &threshold, &left, &value, &out};
    static const char *formats[7] = {"d", "ql", "ql", "d", "ql", "d", "d"};      /* float64, int64 */
    static const char *names[7] = {"XT", "roots", "feature", "threshold", "left", "value", "out"};
    int got = 0;
    PyObject *result = NULL;
    for (; got < 7; got++)
        if (get(o[got], views[got], 8, formats[got], got == 6, names[got]) < 0)
            goto done;
    if (xt.ndim != 2) {
        PyErr_SetString(PyExc_ValueError, "XT must be 2-dimensional (columns, blocks)");
        goto done;
    }
    const Py_ssize_t columns = xt.shape[0], n = xt.shape[1];
    const Py_ssize_t trees = roots.len / 8, nodes = feature.len / 8;
    if (threshold.len / 8 != nodes || left.len / 8 != nodes || value.len / 8 != nodes || out.len / 8 != n) {
        PyErr_SetString(PyExc_ValueError, "tree arrays differ in length, or out is not one value per block");
        goto done;
    }
    const double *X = xt.buf, *thr = threshold.buf, *val = value.buf;
    const int64_t *root = roots.buf, *feat = feature.buf, *lft = left.buf;
    double *res = out.buf;
    /* every index the walk can read, checked once: a root, a node's column and children (a split
       reads both; a leaf is its own left child with threshold +inf: only itself) */
    for (Py_ssize_t t = 0; t < trees; t++)
        if (root[t] < 0 || root[t] >= nodes)
            goto bad_index;
    for (Py_ssize_t k = 0; k < nodes; k++)
        if (feat[k] < 0 || feat[k] >= columns || lft[k] < 0
            || (lft[k] == k ? !(thr[k] == INFINITY) : lft[k] + 1 >= nodes))
            goto bad_index;
    int64_t *at = PyMem_Malloc((n ? n : 1) * sizeof(int64_t));
    if (!at) {
        PyErr_NoMemory();
        goto done;
    }
    Py_BEGIN_ALLOW_THREADS
    for (Py_ssize_t i = 0; i < n; i++)
        res[i] = 0.0;
    /* level by level over all blocks: the blocks' descents are independent, so the loads of one
       overlap with those of the next (a block's own descent is a chain of dependent loads) */
    for (Py_ssize_t t = 0; t < trees; t++) {
        for (Py_ssize_t i = 0; i < n; i++)
            at[i] = root[t];
        for (Py_ssize_t d = 0; d < depth; d++)
            for (Py_ssize_t i = 0; i < n; i++) {
                const int64_t node = at[i];
                at[i] = lft[node] + (X[feat[node] * n + i] > thr[node]);
            }
        if (t == 0)
            for (Py_ssize_t i = 0; i < n; i++)
                res[i] = val[at[i]];
        else
            for (Py_ssize_t i = 0; i < n; i++)
                res[i] += val[at[i]];
    }
    for (Py_ssize_t i = 0; i < n; i++)
        res[i] = baseline + res[i];
    Py_END_ALLOW_THREADS
    PyMem_Free(at);
    result = Py_None;
    Py_INCREF(result);
    goto done;
bad_index:
    PyErr_SetString(PyExc_ValueError, "a tree refers to a node or column that does not exist");
done:
    for (int k = 0; k < got; k++)
        PyBuffer_Release(views[k]);
    return result;
}


/* topic_overlap(cp, codes, lengths, sure, cjk, min_letters, out) -> None
     cp       uint32 (chars,): the code points of the blocks' texts joined by one separator each
     codes    int8 (chars,): 2 where the code point is a topic letter, else anything else
     lengths  int64 (blocks,): each text's length in code points (text, separator, text, ...)
     sure     uint8 (blocks,): 1 for a block of sure content;  cjk: float64 (blocks,), 0 = not CJK
     out      float64 (blocks,), written: the share of the block's distinct topic words (runs of
              min_letters or more letters) that occur in some OTHER sure block; -1.0 for a CJK
              block or one without such words (fastscore._topic_overlap). */
typedef struct { Py_ssize_t start, len; int64_t last_block, in_sure; } word_t;

static uint64_t hash_run(const uint32_t *c, Py_ssize_t len)
{
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t k = 0; k < len; k++) {
        h ^= c[k];
        h *= 1099511628211ULL;
    }
    return h;
}

static PyObject *topic_overlap(PyObject *self, PyObject *args)
{
    PyObject *o[6];
    Py_ssize_t min_letters;
    if (!PyArg_ParseTuple(args, "OOOOOnO", &o[0], &o[1], &o[2], &o[3], &o[4], &min_letters, &o[5]))
        return NULL;
    Py_buffer cpb, codesb, lenb, sureb, cjkb, outb;
    Py_buffer *views[6] = {&cpb, &codesb, &lenb, &sureb, &cjkb, &outb};
    static const Py_ssize_t sizes[6] = {4, 1, 8, 1, 8, 8};
    static const char *names[6] = {"cp", "codes", "lengths", "sure", "cjk", "out"};
    int got = 0;
    PyObject *result = NULL;
    word_t *words = NULL;
    Py_ssize_t *table = NULL, *pair_word = NULL, *pair_block = NULL;
    for (; got < 6; got++)
        if (get(o[got], views[got], sizes[got], NULL, got == 5, names[got]) < 0)
            goto done;
    const Py_ssize_t chars = cpb.len / 4, blocks = lenb.len / 8;
    const uint32_t *cp = cpb.buf;
    const int8_t *codes = codesb.buf;
    const int64_t *lengths = lenb.buf;
    const uint8_t *sure = sureb.buf;
    const double *cjk = cjkb.buf;
    double *out = outb.buf;
    if (codesb.len != chars || sureb.len != blocks || cjkb.len / 8 != blocks || outb.len / 8 != blocks || min_letters < 1) {
        PyErr_SetString(PyExc_ValueError, "topic_overlap: arrays of different lengths");
        goto done;
    }
    Py_ssize_t total = 0;
    for (Py_ssize_t b = 0; b < blocks; b++) {
        if (lengths[b] < 0) {
            PyErr_SetString(PyExc_ValueError, "topic_overlap: a negative length");
            goto done;
        }
        total += lengths[b] + (b + 1 < blocks);
    }
    if (total != chars) {
        PyErr_SetString(PyExc_ValueError, "topic_overlap: the lengths do not add up to the text");
        goto done;
    }
    /* at most one word per min_letters + 1 characters; the table at most half full */
    const Py_ssize_t max_words = chars / (min_letters + 1) + 1;
    Py_ssize_t cap = 16;
    while (cap < 2 * max_words)
        cap *= 2;
    words = PyMem_Malloc(max_words * sizeof(word_t));
    table = PyMem_Malloc(cap * sizeof(Py_ssize_t));
    pair_word = PyMem_Malloc(max_words * sizeof(Py_ssize_t));
    pair_block = PyMem_Malloc(max_words * sizeof(Py_ssize_t));
    if (!words || !table || !pair_word || !pair_block) {
        PyErr_NoMemory();
        goto done;
    }
    for (Py_ssize_t k = 0; k < cap; k++)
        table[k] = -1;
    Py_ssize_t n_words = 0, n_pairs = 0, at = 0;
    /* each block's runs of letters: a new (block, word) pair the first time the block has the
       word; a sure block's pair counts for the word */
    for (Py_ssize_t b = 0; b < blocks; b++) {
        const Py_ssize_t end = at + lengths[b];
        Py_ssize_t k = at;
        while (k < end) {
            if (codes[k] != 2) {
                k++;
                continue;
            }
            Py_ssize_t run = k;
            while (k < end && codes[k] == 2)
                k++;
            const Py_ssize_t len = k - run;
            if (len < min_letters)
                continue;
            uint64_t h = hash_run(cp + run, len);
            Py_ssize_t slot = (Py_ssize_t)(h & (uint64_t)(cap - 1)), w;
            while ((w = table[slot]) >= 0 && !(words[w].len == len &&
                   memcmp(cp + words[w].start, cp + run, len * sizeof(uint32_t)) == 0))
                slot = (slot + 1) & (cap - 1);
            if (w < 0) {
                w = n_words++;
                words[w].start = run;
                words[w].len = len;
                words[w].last_block = -1;
                words[w].in_sure = 0;
                table[slot] = w;
            }
            if (words[w].last_block != b) {
                words[w].last_block = b;
                words[w].in_sure += sure[b] != 0;
                pair_word[n_pairs] = w;
                pair_block[n_pairs] = b;
                n_pairs++;
            }
        }
        at = end + 1;
    }
    /* per block: distinct words, and those some other sure block has */
    for (Py_ssize_t b = 0; b < blocks; b++)
        out[b] = -1.0;
    Py_ssize_t p = 0;
    while (p < n_pairs) {
        const Py_ssize_t b = pair_block[p];
        int64_t distinct = 0, shared = 0;
        for (; p < n_pairs && pair_block[p] == b; p++) {
            distinct++;
            shared += words[pair_word[p]].in_sure > (int64_t)(sure[b] != 0);
        }
        if (cjk[b] == 0.0)
            out[b] = (double)shared / (double)distinct;
    }
    result = Py_None;
    Py_INCREF(result);
done:
    PyMem_Free(words);
    PyMem_Free(table);
    PyMem_Free(pair_word);
    PyMem_Free(pair_block);
    for (int k = 0; k < got; k++)
        PyBuffer_Release(views[k]);
    return result;
}

static PyMethodDef methods[] = {
    {"raw", raw, METH_VARARGS, "raw(XT, roots, feature, threshold, left, value, depth, baseline, out): the ensemble's logit per block, into out"},
    {"topic_overlap", topic_overlap, METH_VARARGS, "topic_overlap(cp, codes, lengths, sure, cjk, min_letters, out): fastscore's topic overlap per block, into out"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_speedups", "Optional C versions of hot loops of extractor (trees.py, fastscore.py).", -1, methods};

PyMODINIT_FUNC PyInit__speedups(void) { return PyModule_Create(&module); }
