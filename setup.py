"""The optional C versions of two hot loops (extractor/_speedups.c: the tree walk of trees.py, the
topic overlap of fastscore.py). Everything else about the package is in pyproject.toml.
optional=True: where no C compiler is at hand the install goes on without them and the numpy
versions run (the same results, slower)."""
from setuptools import Extension, setup

setup(ext_modules=[Extension("extractor._speedups", ["extractor/_speedups.c"], optional=True,
                             extra_compile_args=["-O2"])])
