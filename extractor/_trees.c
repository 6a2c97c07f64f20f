/* The tree walk of extractor/trees.py (TreeEnsemble.raw) in C: an optional accelerator.

   setup.py builds it when a C compiler is at hand (optional=True: without one the install goes
   on and trees.py walks the trees with numpy). It computes exactly what the numpy walk does:
   every block descends every tree from its root, `depth` times node = left[node] +
   (x > threshold[node]) with x = XT[feature[node]][block] (a leaf is its own left child with
   threshold +inf, so it stays), and its raw score is baseline + the sum of its leaves' values,
   added tree by tree in order (the order of numpy's sum over the trees axis: the same float).

   raw(XT, roots, feature, threshold, left, value, depth, baseline, out) -> None
     XT         float64, C-contiguous, (columns, n): the features as rows (trees.py passes X.T)
     roots      int64 (trees,);  feature, left: int64 (nodes,);  threshold, value: float64 (nodes,)
     out        float64 (n,), written
   Every index read is checked (ValueError), so a malformed model cannot read out of bounds. */
#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <math.h>
#include <stdint.h>

static int get(PyObject *obj, Py_buffer *view, Py_ssize_t itemsize, char kind, int writable, const char *name)
{
    if (PyObject_GetBuffer(obj, view, PyBUF_C_CONTIGUOUS | PyBUF_FORMAT | (writable ? PyBUF_WRITABLE : 0)) < 0)
        return -1;
    const char *f = view->format ? view->format : "B";
    if (*f == '<' || *f == '=' || *f == '@')
        f++;
    int ok = view->itemsize == itemsize &&
             (kind == 'f' ? (*f == 'd') : (*f == 'q' || *f == 'l'));
    if (!ok) {
        PyErr_Format(PyExc_TypeError, "%s: expected a contiguous %s array", name,
                     kind == 'f' ? "float64" : "int64");
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
    static const char kinds[7] = {'f', 'i', 'i', 'f', 'i', 'f', 'f'};
    static const char *names[7] = {"XT", "roots", "feature", "threshold", "left", "value", "out"};
    int got = 0;
    PyObject *result = NULL;
    for (; got < 7; got++)
        if (get(o[got], views[got], 8, kinds[got], got == 6, names[got]) < 0)
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

static PyMethodDef methods[] = {
    {"raw", raw, METH_VARARGS, "raw(XT, roots, feature, threshold, left, value, depth, baseline, out): the ensemble's logit per block, into out"},
    {NULL, NULL, 0, NULL},
};

static struct PyModuleDef module = {PyModuleDef_HEAD_INIT, "_trees", "C tree walk for extractor.trees (optional).", -1, methods};

PyMODINIT_FUNC PyInit__trees(void) { return PyModule_Create(&module); }
