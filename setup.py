"""Package discovery that pyproject.toml cannot say alone: reviewlens from generator/reviewlens/, and
its templates from the top-level templates/ folder, shipped inside it as reviewlens.templates.
Everything else about the project is in pyproject.toml."""

from setuptools import find_namespace_packages, find_packages, setup

TEMPLATES = ["reviewlens.templates"] + [f"reviewlens.templates.{p}" for p in find_namespace_packages("templates")]

setup(
    packages=find_packages("generator", include=["reviewlens", "reviewlens.*"]) + TEMPLATES,
    package_dir={"": "generator", "reviewlens.templates": "templates"},
)
