"""reviewlens: check AI-written code reviews against the code they review."""

__version__ = "0.1.0"
