"""The optional C accelerator of the tree walk (extractor/_trees.c, see trees.py). Everything else
about the package is in pyproject.toml. optional=True: where no C compiler is at hand the install
goes on without it and trees.py walks the trees with numpy (the same results, slower)."""
from setuptools import Extension, setup

setup(ext_modules=[Extension("extractor._trees", ["extractor/_trees.c"], optional=True,
                             extra_compile_args=["-O2"])])
